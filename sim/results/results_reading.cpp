// Reading a results file back: its format version and the comparison it stores.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdint>
#include <optional>

#include "sim/engine/errors.hpp"
#include "sim/results/better_text.hpp"
#include "sim/results/results_file.hpp"
#include "sim/results/results_schema.hpp"

namespace sim {

std::size_t Comparison::outcome_index(const std::string& name) const {
  return find_outcome(outcomes, name);
}

void require_results_file(const h5::Group& root, const std::string& path) {
  const auto version = [&]() -> std::optional<std::int64_t> {
    try {
      return root.int_attribute("results_format_version");
    } catch (const h5::Error&) {
      throw InputError(fmt::format(
          "{}: a damaged results file: the attribute results_format_version is not a single "
          "integer",
          path));
    }
  }();
  if (!version) {
    throw InputError(
        fmt::format("{}: not a vtfsim results file (no results_format_version attribute)", path));
  }
  if (*version == kResultsFormatVersion) {
    require_results_layout(root, path);
    return;
  }
  const std::string head =
      fmt::format("{}: results format version {}; this vtfsim reads version {}", path, *version,
                  kResultsFormatVersion);
  // A checkpoint segment (sim/run/checkpoint) of an older build is not converted but redone.
  if (root.has_attribute("checkpoint_segment")) {
    throw InputError(fmt::format(
        "{}: a checkpoint of another vtfsim build: resume with the vtfsim that wrote it, or run "
        "with --force to start over",
        head));
  }
  if (*version >= kOldestUpgradableVersion && *version < kResultsFormatVersion)
    throw InputError(fmt::format("{}: re-run, or `vtfsim upgrade {}`", head, path));
  if (*version > kResultsFormatVersion)
    throw InputError(fmt::format("{}: read it with the newer vtfsim that wrote it", head));
  throw InputError(fmt::format("{}: re-run the study with this vtfsim", head));
}

namespace {

std::string shape_text(const std::vector<hsize_t>& dims) {
  return dims.empty() ? "a scalar" : fmt::format("{}", fmt::join(dims, " x "));
}

// The statistics of a damaged or hand-edited file may not match its coordinates; reading them
// as if they did would print numbers that are not in the file.
std::vector<double> read_cells(const h5::Group& g, const std::string& name, std::size_t S,
                               std::size_t P, const std::string& path, const std::string& where) {
  h5::Dataset ds = g.open_dataset(name);
  const auto dims = ds.dims();
  if (dims != std::vector<hsize_t>{S, P}) {
    throw InputError(fmt::format(
        "{}: a damaged results file: {}/{} has shape {}, but the file has {} scenario(s) and {} "
        "policy(ies)",
        path, where, name, shape_text(dims), S, P));
  }
  return ds.read<double>();
}

}  // namespace

Comparison read_comparison(const std::string& path) {
  h5::File file = [&] {
    try {
      return h5::File::open_read(path);
    } catch (const h5::Error& e) {
      throw InputError(fmt::format("{}: cannot open as an HDF5 file ({})", path, e.what()));
    }
  }();
  h5::Group root = file.root();
  require_results_file(root, path);
  if (!root.has("comparison")) {
    throw InputError(fmt::format("{}: an incomplete vtfsim results file (no /comparison)", path));
  }
  Comparison c;
  c.scenarios = root.open_dataset("scenario").read_strings();
  c.sampled.assign(c.scenarios.size(), false);
  if (root.has("scenarios/sampled")) {
    const auto flags = root.open_dataset("scenarios/sampled").read<std::uint8_t>();
    for (std::size_t s = 0; s < flags.size() && s < c.sampled.size(); ++s)
      c.sampled[s] = flags[s] != 0;
  }
  c.policies = root.open_dataset("policy").read_strings();
  h5::Group comparison = root.open_group("comparison");
  c.replications = static_cast<std::uint64_t>(comparison.int_attribute("replications").value_or(0));
  const std::size_t S = c.scenarios.size(), P = c.policies.size();
  for (const auto& name : comparison.children()) {
    if (!comparison.has_group(name)) {
      // Datasets beside the outcome groups: the coordinates, and the cost per unit of effect.
      h5::Dataset ds = comparison.open_dataset(name);
      if (!ds.is_dimension_scale()) {
        c.cost_per_effect_name = name;
        c.cost_per_effect = read_cells(comparison, name, S, P, path, "/comparison");
      }
      continue;
    }
    h5::Group g = comparison.open_group(name);
    c.outcomes.push_back(name);
    c.better.push_back(better_from(g.string_attribute("better").value_or("neither")));
    const std::string where = "/comparison/" + name;
    const auto cells = [&](const char* statistic) {
      return read_cells(g, statistic, S, P, path, where);
    };
    const auto mean = cells("mean"), se = cells("stderr"), lo = cells("ci_low"),
               hi = cells("ci_high"), pb = cells("p_better"), pw = cells("p_worse");
    for (std::size_t j = 0; j < S * P; ++j) {
      PairedSummary x;
      x.mean = mean[j];
      x.std_error = se[j];
      x.ci_low = lo[j];
      x.ci_high = hi[j];
      x.p_better = pb[j];
      x.p_worse = pw[j];
      x.n = static_cast<std::int64_t>(c.replications);
      c.cells.push_back(x);
    }
  }
  return c;
}

}  // namespace sim
