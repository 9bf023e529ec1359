// `vtfsim compare` policy against policy: --baseline POLICY, --robustness [--target T], and the
// policies of several files of the same futures. Computed from the per-replication outcome
// arrays (sim/analysis), printed by the comparison table and the robustness view.
#include <fmt/format.h>

#include <algorithm>

#include "app/commands.hpp"
#include "models/vtf_model.hpp"
#include "sim/analysis/paired_from_arrays.hpp"
#include "sim/analysis/robustness.hpp"
#include "sim/engine/errors.hpp"
#include "sim/results/outcome_values.hpp"
#include "views/comparison_table.hpp"
#include "views/robustness_view.hpp"

namespace vtf::app {

using namespace views;  // the text forms of the results (views/)
namespace {

int print_robustness(const CompareOptions& o, const sim::OutcomeValues& all, std::size_t baseline) {
  std::vector<std::size_t> ps = pick(all.policies, o.policies, "policy");
  if (std::find(ps.begin(), ps.end(), baseline) == ps.end()) ps.push_back(baseline);
  std::sort(ps.begin(), ps.end());
  const sim::OutcomeValues v =
      sim::select_outcome_values(all, pick(all.scenarios, o.scenarios, "scenario"), ps);
  sim::RobustnessRequest request;
  request.baseline =
      static_cast<std::size_t>(std::find(ps.begin(), ps.end(), baseline) - ps.begin());
  request.outcomes = o.outcomes;
  if (o.outcomes.empty() && o.format == "table")
    request.outcomes = {"completed_by_2030", "completed_by_horizon"};
  for (const auto& t : o.targets)
    request.targets.push_back(sim::parse_outcome_target(t, v.outcomes));
  request.cost_outcome = cost_per_effect_spec().cost_outcome;
  const sim::Robustness r = sim::compute_robustness(v, request);
  if (o.format == "csv") {
    print_robustness_csv(stdout, r);
  } else if (o.format == "json") {
    throw sim::InputError(
        "--robustness prints a table or csv; scripts can read /robustness in the file");
  } else {
    print_robustness_table(stdout, r, v.sampled);
  }
  return 0;
}

}  // namespace

int compare_policies(const CompareOptions& o) {
  if (o.by_state || o.sensitivity || o.demand || o.decision) {
    throw sim::InputError(
        "--by-state, --sensitivity, --demand and --decision compare each fund with no_fund in one "
        "file: "
        "--baseline, --robustness, --target and more files do not apply to them");
  }
  if (!o.targets.empty() && !o.robustness) {
    throw sim::InputError(
        "--target says what --robustness counts (how often each policy meets it): add "
        "--robustness");
  }
  std::vector<std::string> paths = {o.path};
  paths.insert(paths.end(), o.more_paths.begin(), o.more_paths.end());
  const sim::OutcomeValues v =
      paths.size() == 1 ? sim::read_outcome_values(o.path) : sim::join_outcome_values(paths);
  for (const auto& name : o.outcomes)
    v.outcome_index(name);  // unknown outcome: InputError
  const std::size_t baseline = o.baseline.empty() ? 0 : v.policy_index(o.baseline);
  if (o.robustness) return print_robustness(o, v, baseline);
  const sim::Comparison c =
      select(sim::compare_against(v, baseline, cost_per_effect_spec()), o.scenarios, o.policies);
  print_comparison(stdout, c, o.format, o.outcomes);
  return 0;
}

}  // namespace vtf::app
