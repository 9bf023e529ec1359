// `vtfsim upgrade IN.h5 [-o OUT.h5] [--force]`: a results file of an older format version
// converted into this version's (sim::upgrade_results_file); the input is kept unless asked.
#include <fmt/format.h>

#include <filesystem>
#include <system_error>

#include "app/commands.hpp"
#include "sim/engine/errors.hpp"
#include "sim/results/results_file.hpp"

namespace vtf::app {
namespace {

namespace fs = std::filesystem;

// IN.h5 -> IN.v<version>.h5 beside it.
std::string default_output(const std::string& input) {
  fs::path p(input);
  const std::string ext = p.extension() == ".h5" ? ".h5" : p.extension().string();
  p.replace_extension();
  return p.string() + fmt::format(".v{}{}", sim::kResultsFormatVersion, ext);
}

}  // namespace

int upgrade(const UpgradeOptions& o) {
  std::error_code ec;
  if (!fs::exists(o.path, ec)) throw sim::InputError(fmt::format("{}: no such file", o.path));
  const std::string output = o.output_path.empty() ? default_output(o.path) : o.output_path;
  if (fs::exists(output, ec) && !o.force) {
    const bool same = fs::equivalent(o.path, output, ec);
    throw sim::InputError(
        same ? fmt::format("{}: -o names the input itself; add --force to upgrade it in place",
                           output)
             : fmt::format("{} already exists; use --force to replace it, or -o for another name",
                           output));
  }
  const auto from = sim::upgrade_results_file(o.path, output);
  fmt::print("{}: results format version {} -> {}, written to {}\n", o.path, from,
             sim::kResultsFormatVersion, output);
  return sim::kExitOk;
}

}  // namespace vtf::app
