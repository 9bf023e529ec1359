#pragma once
// An experiment: scenarios (assignments of uncertainties) x policies (assignments of levers) x
// replications, as in EMA Workbench. Policy 0 is always the model's baseline (for vtfsim: no
// fund), against which every other policy is paired.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/date.hpp"
#include "sim/study/outcome_target.hpp"
#include "sim/study/parameters.hpp"
#include "sim/study/scenario_errors.hpp"

namespace sim {

struct NamedValues {
  std::string name;
  ParameterSet values;
  bool sampled = false;  // a Latin hypercube point (a scenario), not a named or listed one
  // Where the file set each of `values` (a value the model or the expansion set has none), so
  // that a problem found once the design is expanded points at the line to change.
  std::map<std::string, WrittenKey> written_at;
};

// A range of an uncertainty, sampled by Latin hypercube.
struct SampledRange {
  std::string parameter;
  double low = 0, high = 0;
  bool integer = false;  // integer parameters take whole values, each equally likely
  // The parameter's value at a point of the unit interval.
  ParamValue at(double unit_value) const;
};

struct ExperimentDesign {
  ParameterSet base;                   // registry defaults overlaid with the file's base tables
  std::vector<NamedValues> scenarios;  // fully expanded; values hold only the uncertainties set
  std::vector<NamedValues> policies;   // fully expanded; [0] is the baseline
  std::vector<std::string> scenario_parameters;     // parameters that are set by some scenario
  std::vector<std::string> policy_parameters;       // parameters that are set by some policy
  std::vector<SampledRange> sampled;                // ranges of the Latin hypercube, by name
  std::size_t sample_points = 0;                    // Latin hypercube points (0: none)
  std::vector<SampledRange> lever_sampled;          // ranges of [levers], sampled into policies
  std::size_t policy_points = 0;                    // their Latin hypercube points (0: none)
  std::vector<std::string> notes;                   // what the expansion did, for `validate`
  std::map<std::string, std::string> units;         // unit of each design parameter ("" if none)
  std::map<std::string, std::string> descriptions;  // each design parameter's one-line doc

  const std::string& unit_of(const std::string& name) const {
    static const std::string none;
    const auto it = units.find(name);
    return it == units.end() ? none : it->second;
  }
  const std::string& description_of(const std::string& name) const {
    static const std::string none;
    const auto it = descriptions.find(name);
    return it == descriptions.end() ? none : it->second;
  }
  // Every parameter's value for scenario s under policy p.
  ParameterSet resolve(std::size_t s, std::size_t p) const;
  // The value of `name` in scenario s (or policy p), falling back to the base.
  const ParamValue& scenario_value(std::size_t s, const std::string& name) const;
  const ParamValue& policy_value(std::size_t p, const std::string& name) const;
};

struct Study {
  std::string name;
  std::string title;
  std::string description;
  std::uint64_t replications = 1000;
  std::uint64_t seed = 0;
  Date start;
  Date horizon;
  ExperimentDesign design;
  std::string source_path;  // "<built-in>" for the compiled-in default study
  std::string source_text;  // the file's full text, recorded in results for provenance
  // [comparisons]: pairs (policy, baseline) of design.policies indices whose paired statistics a
  // run writes to /pairs, and targets whose satisficing a run writes to /robustness.
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  std::vector<OutcomeTarget> targets;
  std::size_t runs() const { return design.scenarios.size() * design.policies.size(); }
};

// A value, or a combination of values, that a model cannot accept in a resolved scenario x
// policy: reported at the line and key where the file set `parameter`.
struct ParameterProblem {
  std::string parameter;  // canonical name
  std::string message;
};
// Whether the file set a parameter (in this scenario x policy), rather than leaving its default:
// a model blames the value the user wrote, not the one the data gave.
using WrittenPredicate = std::function<bool(const std::string& parameter)>;
using ValueCheck = std::function<std::vector<ParameterProblem>(const ParameterSet& resolved,
                                                               const WrittenPredicate& written)>;

// What the engine needs to know about a model to read and expand a scenario file.
struct DesignContext {
  const ParameterRegistry* registry = nullptr;
  NamedValues baseline;              // policy 0, with the values that make it the baseline
  std::string baseline_description;  // in plain words, for notes
  // Grid points equivalent to the baseline are dropped (they would duplicate policy 0).
  std::function<bool(const ParameterSet& resolved_policy)> same_as_baseline;
  std::vector<std::string> always_policy_columns;  // shown for every policy, even if constant
  Date default_start;
  Date default_horizon;
  std::uint64_t default_seed = 0;
  // The model's outcome names, against which [comparisons] targets are checked.
  std::vector<std::string> outcomes;
  // A seed given on the command line: it replaces the file's before the design is sampled.
  std::optional<std::uint64_t> seed_override;
  // The model's checks of every resolved scenario x policy, for what one key at a time cannot
  // show (a likely unit mistake, bounds in the wrong order); none if empty.
  ValueCheck check_values;
  // The model's rules for the run's period: what is wrong with a start or a horizon ("" when
  // nothing is), reported at the line and key that set it; none if empty.
  std::function<std::string(const Date&)> check_start, check_horizon;
};

// The largest Latin hypercube a scenario file may ask for: each point is a scenario, run for
// every policy and replication.
inline constexpr std::int64_t kMaxSamplePoints = 10'000;

}  // namespace sim
