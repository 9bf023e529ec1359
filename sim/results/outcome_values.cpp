#include "sim/results/outcome_values.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "sim/engine/errors.hpp"
#include "sim/engine/model.hpp"
#include "sim/engine/text_similarity.hpp"
#include "sim/results/better_text.hpp"
#include "sim/results/results_file.hpp"

namespace sim {
namespace {

// The scenario names: the `scenario` coordinate (results format version 2).
std::vector<std::string> scenario_names(const h5::Group& root) {
  return root.open_dataset("scenario").read_strings();
}

std::vector<double> read_numbers(const h5::Dataset& ds) {
  if (!ds.holds_integers()) return ds.read<double>();
  const auto ints = ds.read<std::int64_t>();
  return std::vector<double>(ints.begin(), ints.end());
}

}  // namespace

std::size_t OutcomeValues::outcome_index(const std::string& name) const {
  return find_outcome(outcomes, name);
}

std::size_t OutcomeValues::policy_index(const std::string& name) const {
  const auto it = std::find(policies.begin(), policies.end(), name);
  if (it != policies.end()) return static_cast<std::size_t>(it - policies.begin());
  const std::string near = closest_name(name, policies);
  throw InputError(fmt::format("no policy named \"{}\" in this file{}", name,
                               near.empty() ? fmt::format("; it has: {}", fmt::join(policies, ", "))
                                            : fmt::format("; did you mean \"{}\"?", near)));
}

OutcomeValues read_outcome_values(const h5::Group& root, const std::string& path,
                                  const std::vector<std::string>& only) {
  require_results_file(root, path);
  if (!root.has_group("outcomes") || !root.has("policy")) {
    throw InputError(fmt::format("{}: an incomplete vtfsim results file (no /outcomes)", path));
  }
  OutcomeValues v;
  v.scenarios = scenario_names(root);
  v.policies = root.open_dataset("policy").read_strings();
  v.sampled.assign(v.scenarios.size(), false);
  if (root.has("scenarios/sampled")) {
    const auto flags = root.open_dataset("scenarios/sampled").read<std::uint8_t>();
    for (std::size_t s = 0; s < flags.size() && s < v.sampled.size(); ++s)
      v.sampled[s] = flags[s] != 0;
  }
  const h5::Group g = root.open_group("outcomes");
  std::vector<h5::Dataset> arrays;
  for (const auto& name : g.children()) {
    h5::Dataset ds = g.open_dataset(name);
    if (ds.is_dimension_scale()) continue;
    const auto dims = ds.dims();
    if (dims.size() != 3 || dims[0] != v.scenarios.size() || dims[1] != v.policies.size()) {
      throw InputError(
          fmt::format("{}: {} is not a [scenario, policy, replication] array", path, ds.name()));
    }
    v.replications = static_cast<std::size_t>(dims[2]);
    v.outcomes.push_back(name);
    v.units.push_back(ds.string_attribute("units").value_or(""));
    v.better.push_back(better_from(ds.string_attribute("better").value_or("neither")));
    arrays.push_back(std::move(ds));
  }
  for (const auto& name : only)
    v.outcome_index(name);
  v.values.resize(v.outcomes.size());
  for (std::size_t k = 0; k < v.outcomes.size(); ++k) {
    if (only.empty() || std::find(only.begin(), only.end(), v.outcomes[k]) != only.end())
      v.values[k] = read_numbers(arrays[k]);
  }
  return v;
}

OutcomeValues read_outcome_values(const std::string& path, const std::vector<std::string>& only) {
  h5::File file = [&] {
    try {
      return h5::File::open_read(path);
    } catch (const h5::Error& e) {
      throw InputError(fmt::format("{}: cannot open as an HDF5 file ({})", path, e.what()));
    }
  }();
  return read_outcome_values(file.root(), path, only);
}

OutcomeValues select_outcome_values(const OutcomeValues& v, const std::vector<std::size_t>& ss,
                                    const std::vector<std::size_t>& ps) {
  OutcomeValues out = v;
  out.scenarios.clear();
  out.sampled.clear();
  out.policies.clear();
  for (const auto s : ss) {
    out.scenarios.push_back(v.scenarios[s]);
    out.sampled.push_back(v.sampled[s]);
  }
  for (const auto p : ps)
    out.policies.push_back(v.policies[p]);
  for (std::size_t k = 0; k < v.outcomes.size(); ++k) {
    if (v.values[k].empty()) continue;
    std::vector<double> xs;
    for (const auto s : ss) {
      for (const auto p : ps)
        xs.insert(xs.end(), v.row(k, s, p), v.row(k, s, p) + v.replications);
    }
    out.values[k] = std::move(xs);
  }
  return out;
}

}  // namespace sim
