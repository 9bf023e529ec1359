#pragma once
// From what a scenario file lists to the full experiment: named scenarios and Latin hypercube
// points crossed with every list of uncertainties, and the baseline, the grid of levers and the
// named policies. Apart from any file format, so that any front end can build a design.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "sim/study/design.hpp"
#include "sim/study/scenario_errors.hpp"

namespace sim {

// Lists of alternatives, each for one parameter, in the order written.
using Factors = std::vector<std::pair<std::string, std::vector<ParamValue>>>;

struct DesignInputs {
  Factors scenario_factors;  // lists in [uncertainties]
  Factors policy_factors;    // values and lists in [levers]
  std::vector<NamedValues> named_scenarios;
  std::vector<NamedValues> named_policies;
  std::set<std::string> policy_names;  // names taken, the baseline's included
  bool has_levers_table = false;
  // Where each list of [uncertainties] or [levers] and each range was written.
  std::map<std::string, WrittenKey> factor_at;
  FilePosition levers_at;  // for two grid points that would get the same name
};

// The largest design expand_design builds (docs/architecture.md): far beyond any study run so
// far (the default has 46 scenarios and 6 policies), small enough to be expanded at once.
inline constexpr std::uint64_t kMaxScenarios = 10'000, kMaxPolicies = 1'000;

// Fills the scenarios, policies, their parameter columns, units and notes of `design`, whose
// base, sampled ranges and sample points are already read; throws InputError, also for a
// design above kMaxScenarios or kMaxPolicies.
void expand_design(DesignInputs inputs, const DesignContext& context, std::uint64_t seed,
                   ExperimentDesign& design);

}  // namespace sim
