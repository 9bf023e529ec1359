#pragma once
// The vtfsim model as the engine sees it (sim::Model): scenarios and policies resolved from a
// study, calibrated once per scenario, and simulate() running every policy of a
// (scenario, replication) over one shared world.
#include <memory>
#include <vector>

#include "models/parameters.hpp"
#include "models/replication.hpp"
#include "models/scenario_setup.hpp"
#include "models/world.hpp"
#include "sim/engine/model.hpp"
#include "sim/study/design.hpp"

namespace vtf {

class VtfWorkspace : public sim::Workspace {
 public:
  World world;
  ReplicationState state;
};

class VtfModel : public sim::Model {
 public:
  // Throws sim::InputError naming the scenario or policy whose parameters are inconsistent.
  explicit VtfModel(const sim::Study& study);

  const sim::ModelSchema& schema() const override { return schema_; }
  std::size_t scenario_count() const override { return scenarios_.size(); }
  std::size_t policy_count() const override { return policies_; }
  std::unique_ptr<sim::Workspace> make_workspace() const override {
    return std::make_unique<VtfWorkspace>();
  }
  void simulate(std::size_t scenario, std::uint64_t replication, sim::Workspace& workspace,
                sim::ReplicationOutput& out) const override;

  const ScenarioSetup& scenario(std::size_t s) const { return scenarios_[s]; }
  const ModelParams& params(std::size_t s, std::size_t p) const {
    return params_[s * policies_ + p];
  }
  const std::vector<StateData>& data() const { return reference_states(); }

 private:
  sim::ModelSchema schema_;
  std::vector<ScenarioSetup> scenarios_;
  std::vector<ModelParams> params_;  // [scenario * policies + policy]
  std::size_t policies_ = 0;
};

sim::ModelSchema make_schema(int first_year, int last_year);
// The fund's cost per additional completion, as the schema declares it (also for `compare`,
// which pairs policies of a file without a model).
sim::CostPerEffectSpec cost_per_effect_spec();

}  // namespace vtf
