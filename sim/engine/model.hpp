#pragma once
// How a model plugs into the engine. The engine knows scenarios, policies, replications,
// entities and periods, and nothing of what they mean; the model declares its outcomes and
// simulates one (scenario, replication) for every policy at once, so that all policies share
// the replication's random world (common random numbers) and its set-up cost.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/stats/better.hpp"

namespace sim {

enum class Storage { kInt32, kFloat64 };  // how an outcome is stored in the results file

struct OutcomeSpec {
  std::string name;
  std::string unit;
  std::string description;
  Storage storage = Storage::kFloat64;
  Better better = Better::kNeither;
};

struct TrajectorySpec {
  std::string name;
  std::string unit;
  std::string description;
  bool quantiles = false;  // also keep streaming quantiles, not just the mean
  // false: accumulated for a summary (e.g. a decomposition) but not a dataset of its own, so a
  // summary's helper does not change the trajectories a reader sees.
  bool stored = true;
};

// Policy 0, against which every other policy is paired, as the model names and describes it in
// the texts of the results file.
struct BaselineSpec {
  std::string name;         // the policy coordinate's value, e.g. "no_policy"
  std::string description;  // what it leaves out, e.g. "no intervention"
};

// A cost-effectiveness ratio the model asks for: the policy's mean `cost_outcome` over its mean
// paired gain in `effect_outcome`, stored as the dataset `name` of the comparison.
struct CostPerEffectSpec {
  std::string cost_outcome, effect_outcome;
  std::string name, unit, description;
};

// Each entity's part of a paired mean: the mean over replications of a per-entity trajectory in
// one period under a policy minus under the baseline. When the trajectory is an entity's share
// of an outcome (e.g. 1 if the entity counts in it), these parts sum over entities to the paired
// mean of that outcome, so a reader sees which entities an effect comes from.
struct DecompositionSpec {
  std::string outcome;     // the outcome decomposed, also the dataset's name
  std::string trajectory;  // the per-entity, per-period value
  std::int32_t period = 0;
  std::string unit, description;
};

// The per-entity outcome arrays' group is this followed by the entity dimension's name.
inline constexpr const char* kEntityOutcomesPrefix = "outcomes_by_";

struct ModelSchema {
  std::string entity_dim;  // e.g. "region"
  std::vector<std::string> entity_names;
  std::vector<std::pair<std::string, std::vector<std::string>>> entity_labels;  // "region_code"
  // Yes/no facts about each entity, stored as uint8 [entity]: (name, description, values).
  struct EntityFlag {
    std::string name, description;
    std::vector<std::uint8_t> values;
  };
  std::vector<EntityFlag> entity_flags;  // "region_coastal"
  std::string period_dim;                // "year"
  std::vector<std::int32_t> periods;
  std::vector<OutcomeSpec> outcomes;         // [scenario, policy, replication]
  std::vector<OutcomeSpec> entity_outcomes;  // [scenario, policy, replication, entity]
  std::vector<TrajectorySpec> trajectories;  // [scenario, policy, entity, period] over replications
  // Model-wide quantities per period, e.g. a budget's yearly flows: means over replications,
  // [scenario, policy, period] (quantiles are not kept for them).
  std::vector<TrajectorySpec> series;
  std::vector<double> quantiles{0.05, 0.5, 0.95};
  BaselineSpec baseline;
  std::optional<CostPerEffectSpec> cost_per_effect;  // none: the comparison has no such ratio
  // Written as [scenario, policy, entity] datasets of the group the model names, e.g.
  // "by_region"; none: no group.
  std::string decomposition_group;
  std::vector<DecompositionSpec> decompositions;

  // Throws InputError "unknown outcome 'x'; did you mean 'y'?" for a name not in `outcomes`.
  std::size_t outcome_index(const std::string& name) const;
  std::vector<std::string> outcome_names() const;
  // The group of the per-entity outcome arrays, named after the entity dimension.
  std::string entity_outcomes_group() const { return kEntityOutcomesPrefix + entity_dim; }
};

// The one lookup of an outcome by name, for the schema and for lists of names read back from a
// file: InputError "unknown outcome 'x'; did you mean 'y'?" when `name` is not in `names`.
std::size_t find_outcome(const std::vector<std::string>& names, const std::string& name);

// Per-thread scratch memory a model reuses across replications.
class Workspace {
 public:
  virtual ~Workspace() = default;
};

// Where one (scenario, replication) writes its results, for every policy: views into the
// runner's block buffers. Each replication's per-entity values are contiguous, so a model
// writes them as whole rows.

class ReplicationOutput {
 public:
  ReplicationOutput(double* outcomes, double* entity_outcomes, double* trajectories, double* series,
                    std::size_t scenarios, std::size_t policies, std::size_t entities,
                    std::size_t periods, std::size_t block, std::size_t scenario, std::size_t slot)
      : outcomes_(outcomes),
        entity_outcomes_(entity_outcomes),
        trajectories_(trajectories),
        series_(series),
        scenarios_(scenarios),
        policies_(policies),
        entities_(entities),
        periods_(periods),
        block_(block),
        scenario_(scenario),
        slot_(slot) {}

  double& outcome(std::size_t policy, std::size_t k) {
    return outcomes_[((k * scenarios_ + scenario_) * policies_ + policy) * block_ + slot_];
  }
  double& entity_outcome(std::size_t policy, std::size_t k, std::size_t entity) {
    return entity_outcomes_[(((k * scenarios_ + scenario_) * policies_ + policy) * block_ + slot_) *
                                entities_ +
                            entity];
  }
  // Trajectory k of a policy: entities x periods values, period fastest, contiguous.
  double* trajectory(std::size_t policy, std::size_t k) {
    return trajectories_ + (((k * scenarios_ + scenario_) * policies_ + policy) * block_ + slot_) *
                               entities_ * periods_;
  }
  // Series k of a policy: periods values, contiguous.
  double* series(std::size_t policy, std::size_t k) {
    return series_ +
           (((k * scenarios_ + scenario_) * policies_ + policy) * block_ + slot_) * periods_;
  }

 private:
  double* outcomes_;
  double* entity_outcomes_;
  double* trajectories_;
  double* series_;
  std::size_t scenarios_, policies_, entities_, periods_, block_, scenario_, slot_;
};

class Model {
 public:
  virtual ~Model() = default;
  virtual const ModelSchema& schema() const = 0;
  virtual std::size_t scenario_count() const = 0;
  virtual std::size_t policy_count() const = 0;
  virtual std::unique_ptr<Workspace> make_workspace() const = 0;
  // Simulates every policy of `scenario` for global replication index `replication`. Must be a
  // pure function of the prepared model and its arguments (MODEL.md section 4).
  virtual void simulate(std::size_t scenario, std::uint64_t replication, Workspace& workspace,
                        ReplicationOutput& out) const = 0;
};

}  // namespace sim
