// A results file's layout at creation, and the per-replication blocks written into it.
#include <fmt/format.h>

#include <cstdint>
#include <stdexcept>

#include "sim/results/results_file.hpp"
#include "sim/results/results_layout.hpp"

namespace sim {
namespace {

void write_provenance(h5::Group& root, const Study& study, const Provenance& prov) {
  root.set_attribute("vtfsim_version", prov.vtfsim_version);
  root.set_attribute("git_commit", prov.git_commit);
  root.set_attribute("created_utc", prov.created_utc);
  root.set_attribute("command_line", prov.command_line);
  root.set_attribute("seed", static_cast<std::int64_t>(study.seed));
  root.set_attribute("replications", static_cast<std::int64_t>(prov.replications_total));
  root.set_attribute("scenario_toml", study.source_text);
  root.set_attribute("scenario_path", study.source_path);
  root.set_attribute("study_name", study.name);
  root.set_attribute("study_title", study.title);
  root.set_attribute("model_spec_version", prov.model_spec_version);
  root.set_attribute("results_format_version", kResultsFormatVersion);
  root.set_attribute("start_date", study.start.iso());
  root.set_attribute("horizon_date", study.horizon.iso());
  if (prov.shard) {
    root.set_attribute("shard", prov.shard->first);
    root.set_attribute("shards", prov.shard->second);
  }
}

// The root's coordinates, entity labels and flags; returns the replication coordinate, which a
// growing file extends.
h5::Dataset write_coordinates(h5::Group& root, const ModelSchema& schema, const Study& study,
                              std::uint64_t first_replication, std::uint64_t replications,
                              bool growing) {
  const auto& d = study.design;
  std::vector<std::int64_t> replication_index(replications);
  for (std::size_t r = 0; r < replications; ++r)
    replication_index[r] = static_cast<std::int64_t>(first_replication + r);
  std::vector<std::string> policy_names, scenario_names;
  for (const auto& p : d.policies)
    policy_names.push_back(p.name);
  for (const auto& s : d.scenarios)
    scenario_names.push_back(s.name);
  root.create_coordinate("scenario", scenario_names).set_attribute("long_name", kScenarioLongName);
  root.create_coordinate("policy", policy_names)
      .set_attribute("long_name",
                     fmt::format("policy; 0 is the baseline ({})", schema.baseline.description));
  auto replication_scale =
      growing ? root.create_growing_coordinate<std::int64_t>("replication", replication_index)
              : root.create_coordinate<std::int64_t>("replication", replication_index);
  replication_scale.set_attribute("long_name", "global replication index");
  replication_scale.set_attribute("units", "1");
  root.create_coordinate(schema.entity_dim, schema.entity_names);
  root.create_coordinate<std::int32_t>(schema.period_dim, schema.periods)
      .set_attribute("units", "calendar year");
  auto quantile_scale = root.create_coordinate<double>("quantile", schema.quantiles);
  quantile_scale.set_attribute("long_name",
                               "probability level of the quantile across replications");
  quantile_scale.set_attribute("units", "1");
  for (const auto& [label, values] : schema.entity_labels)
    root.create_string_dataset(label, values).attach_dimensions({schema.entity_dim});
  for (const auto& flag : schema.entity_flags) {
    auto ds = root.create_dataset<std::uint8_t>(flag.name, {flag.values.size()});
    ds.write(flag.values);
    ds.attach_dimensions({schema.entity_dim});
    ds.set_attribute("units", "1");
    ds.set_attribute("long_name", flag.description);
  }
  return replication_scale;
}

}  // namespace

h5::Group group_with(h5::Group& root, const std::string& name,
                     const std::vector<std::string>& dims) {
  h5::Group g = root.create_group(name);
  g.copy_coordinates(root, dims);
  return g;
}

ResultsWriter::ResultsWriter(const std::string& path, const ModelSchema& schema, const Study& study,
                             const Provenance& prov, std::uint64_t first_replication,
                             std::uint64_t replications, bool growing)
    : file_(h5::File::create(path)),
      schema_(schema),
      first_replication_(first_replication),
      replications_(replications) {
  shape_.scenarios = study.design.scenarios.size();
  shape_.policies = study.design.policies.size();
  shape_.entities = schema.entity_names.size();
  shape_.periods = schema.periods.size();
  shape_.outcomes = schema.outcomes.size();
  shape_.entity_outcomes = schema.entity_outcomes.size();
  shape_.trajectories = schema.trajectories.size();

  h5::Group root = file_.root();
  write_provenance(root, study, prov);
  h5::Dataset replication_scale =
      write_coordinates(root, schema, study, first_replication, replications, growing);
  write_design(root, study.design);
  OutcomeArrayLayout layout;
  layout.growing = growing;
  arrays_ = OutcomeArrays::create(root, schema, shape_, replications, layout);
  if (growing) {
    replication_scales_.push_back(std::move(replication_scale));
    replication_scales_.push_back(root.open_group("outcomes").open_dataset("replication"));
    replication_scales_.push_back(
        root.open_group(schema.entity_outcomes_group()).open_dataset("replication"));
  }
}

void ResultsWriter::grow_to(std::uint64_t replications) {
  if (replication_scales_.empty()) throw std::logic_error("grow_to on a file that cannot grow");
  const std::uint64_t old = replications_;
  if (replications < old) throw std::logic_error("grow_to cannot shrink a results file");
  replications_ = replications;
  std::vector<std::int64_t> added(replications - old);
  for (std::size_t r = 0; r < added.size(); ++r)
    added[r] = static_cast<std::int64_t>(first_replication_ + old + r);
  for (auto& scale : replication_scales_) {
    scale.set_extent({replications});
    scale.write_block<std::int64_t>({old}, {added.size()}, added);
  }
  arrays_.set_extent(replications);
  file_.root().set_attribute("replications", static_cast<std::int64_t>(replications));
}

void ResultsWriter::write_block(const BlockResults& block) {
  arrays_.write(block, block.first_replication - first_replication_);
}

BlockResults ResultsWriter::read_block(std::uint64_t first, std::size_t count) const {
  BlockResults block;
  block.first_replication = first;
  block.count = count;
  block.capacity = count;
  arrays_.read(first - first_replication_, count, block);
  return block;
}

}  // namespace sim
