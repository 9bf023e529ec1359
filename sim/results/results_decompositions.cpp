// The decompositions of paired means over entities: which entities an effect comes from. Computed
// from the same exact trajectory sums as /trajectories, so a run, a resumed run and merged shards
// write the same bits.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "sim/results/results_file.hpp"
#include "sim/results/results_layout.hpp"

namespace sim {
namespace {

std::size_t index_of(const std::vector<TrajectorySpec>& trajectories, const std::string& name) {
  const auto it = std::find_if(trajectories.begin(), trajectories.end(),
                               [&](const TrajectorySpec& t) { return t.name == name; });
  if (it == trajectories.end())
    throw std::logic_error(fmt::format("decomposition: no trajectory '{}' in the schema", name));
  return static_cast<std::size_t>(it - trajectories.begin());
}

}  // namespace

std::vector<double> entity_parts(const Accumulators& acc, const ModelSchema& schema,
                                 const DecompositionSpec& spec, std::size_t scenarios,
                                 std::size_t policies) {
  const std::size_t k = index_of(schema.trajectories, spec.trajectory);
  const auto at = std::find(schema.periods.begin(), schema.periods.end(), spec.period);
  if (at == schema.periods.end())
    throw std::logic_error(fmt::format("decomposition of {}: period {} is outside the run",
                                       spec.outcome, spec.period));
  const auto y = static_cast<std::size_t>(at - schema.periods.begin());
  const std::size_t E = schema.entity_names.size();
  std::vector<double> out(scenarios * policies * E, NAN);
  for (std::size_t s = 0; s < scenarios; ++s) {
    for (std::size_t p = 1; p < policies; ++p) {
      for (std::size_t e = 0; e < E; ++e) {
        // A difference of means is the mean of the paired differences: both arms hold the same
        // replications.
        out[(s * policies + p) * E + e] = acc.trajectory_mean(acc.trajectory_cell(k, s, p, e, y)) -
                                          acc.trajectory_mean(acc.trajectory_cell(k, s, 0, e, y));
      }
    }
  }
  return out;
}

void write_decompositions(h5::Group& root, const Accumulators& acc, const ModelSchema& schema,
                          std::size_t scenarios, std::size_t policies) {
  if (schema.decompositions.empty()) return;
  h5::Group g =
      group_with(root, schema.decomposition_group, {"scenario", "policy", schema.entity_dim});
  g.set_attribute("method", fmt::format("each {}'s part of the paired mean of an outcome: mean "
                                        "over replications (policy) - mean (baseline, {})",
                                        schema.entity_dim, schema.baseline.name));
  for (const auto& spec : schema.decompositions) {
    auto ds =
        g.create_dataset<double>(spec.outcome, {scenarios, policies, schema.entity_names.size()});
    ds.write(entity_parts(acc, schema, spec, scenarios, policies));
    ds.attach_dimensions({"scenario", "policy", schema.entity_dim});
    ds.set_attribute("units", spec.unit);
    ds.set_attribute("long_name", spec.description);
    ds.set_attribute("outcome", spec.outcome);
    ds.set_attribute(schema.period_dim, static_cast<std::int64_t>(spec.period));
  }
}

}  // namespace sim
