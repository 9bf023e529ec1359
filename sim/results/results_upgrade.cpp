// Converting a results file of an older format version into this one (`vtfsim upgrade`).
// Version 1 -> 2: the `scenario` coordinate of every group becomes the scenario names (read from
// version 1's /scenario_name, which goes); no value of any other dataset changes.
#include <fmt/format.h>

#include <cstdint>
#include <filesystem>
#include <system_error>

#include "sim/engine/errors.hpp"
#include "sim/results/results_file.hpp"

namespace sim {
namespace {

namespace fs = std::filesystem;

// The version of `input`, checked to be one this build converts.
std::int64_t upgradable_version(const std::string& input) {
  h5::File file = [&] {
    try {
      return h5::File::open_read(input);
    } catch (const h5::Error& e) {
      throw InputError(fmt::format("{}: cannot open as an HDF5 file ({})", input, e.what()));
    }
  }();
  const h5::Group root = file.root();
  const auto version = root.int_attribute("results_format_version");
  if (!version) {
    throw InputError(
        fmt::format("{}: not a vtfsim results file (no results_format_version attribute)", input));
  }
  if (*version == kResultsFormatVersion) {
    throw InputError(
        fmt::format("{}: already results format version {}: nothing to upgrade", input, *version));
  }
  if (*version < kOldestUpgradableVersion || *version > kResultsFormatVersion) {
    throw InputError(
        fmt::format("{}: results format version {}; this vtfsim converts versions {} to {} only",
                    input, *version, kOldestUpgradableVersion, kResultsFormatVersion - 1));
  }
  if (!root.has("scenario_name") || !root.has("scenario")) {
    throw InputError(fmt::format(
        "{}: a version-1 results file without /scenario and /scenario_name: damaged?", input));
  }
  return *version;
}

void convert_1_to_2(h5::Group& root) {
  const auto names = root.open_dataset("scenario_name").read_strings();
  // First, so that no label of the new root coordinate points at a deleted dataset.
  root.remove("scenario_name");
  for (auto& coordinate : root.replace_coordinate("scenario", names))
    coordinate.set_attribute("long_name", kScenarioLongName);
}

}  // namespace

std::int64_t upgrade_results_file(const std::string& input, const std::string& output) {
  const std::int64_t from = upgradable_version(input);
  const std::string partial = output + ".partial";
  std::error_code ec;
  fs::remove(partial, ec);
  try {
    fs::copy_file(input, partial);
    h5::File file = h5::File::open_rw(partial);
    h5::Group root = file.root();
    convert_1_to_2(root);
    root.set_attribute("results_format_version", kResultsFormatVersion);
    root.set_attribute("upgraded_from_version", from);
    file.close();
    fs::rename(partial, output);
  } catch (const fs::filesystem_error& e) {
    fs::remove(partial, ec);
    throw RuntimeFailure(fmt::format("cannot write {}: {}", output, e.code().message()));
  } catch (...) {
    fs::remove(partial, ec);
    throw;
  }
  return from;
}

}  // namespace sim
