// `vtfsim compare`: the paired statistics of a results file, filtered, or its per-State view.
#include <fmt/format.h>

#include "app/commands.hpp"
#include "sim/analysis/sensitivity.hpp"
#include "sim/engine/errors.hpp"
#include "sim/results/h5.hpp"
#include "sim/results/results_file.hpp"
#include "views/comparison_table.hpp"
#include "views/decision_view.hpp"
#include "views/demand_view.hpp"
#include "views/sensitivity_view.hpp"
#include "views/state_view.hpp"

namespace vtf::app {

using namespace views;  // the text forms of the results (views/)

int compare(const CompareOptions& o) {
  if (!o.baseline.empty() || o.robustness || !o.more_paths.empty() || !o.targets.empty())
    return compare_policies(o);
  const sim::Comparison all = sim::read_comparison(o.path);
  for (const auto& name : o.outcomes)
    all.outcome_index(name);  // unknown outcome: InputError
  const sim::Comparison c = select(all, o.scenarios, o.policies);
  if (o.decision) {
    if (o.demand || o.by_state || o.sensitivity || !o.outcomes.empty() || !o.policies.empty())
      throw sim::InputError(
          "--decision is a view of its own (every fund, the outcomes by 2030, 2035 and the "
          "horizon): use it alone, or with --scenario and --format");
    print_decision(stdout, questions::read_decision(o.path), o.format,
                   o.scenarios.empty() ? std::vector<std::size_t>{}
                                       : pick(all.scenarios, o.scenarios, "scenario"));
    return 0;
  }
  // --- The fund's demand (questions/fund_demand.hpp) ---
  if (o.demand) {
    if (o.by_state || o.sensitivity)
      throw sim::InputError(
          "--demand is a view of its own: use it without --by-state or "
          "--sensitivity");
    if (!o.outcomes.empty())
      throw sim::InputError("--demand shows the fund's demand and money; --outcome does not apply");
    const auto d = questions::fund_demand(o.path, pick(all.scenarios, o.scenarios, "scenario"),
                                          pick(all.policies, o.policies, "fund policy", 1));
    print_demand(stdout, d, o.format, !o.scenarios.empty());
    return 0;
  }
  // --- end of the fund's demand ---
  if (o.by_state && o.sensitivity)
    throw sim::InputError("--by-state and --sensitivity are two different views: choose one");
  if (o.sensitivity) {
    if (!o.scenarios.empty()) {
      throw sim::InputError(
          "--sensitivity summarises across the sampled scenarios; --scenario does not apply");
    }
    const auto s = sim::read_sensitivity(sim::h5::File::open_read(o.path).root());
    if (!s) {
      throw sim::InputError(fmt::format(
          "{}: no sensitivity analysis in this file: it needs Latin hypercube scenarios (ranges "
          "in [uncertainties] and [latin_hypercube] points = N in the scenario file)",
          o.path));
    }
    const auto ks =
        pick(s->outcomes, o.outcomes.empty() && o.format == "table" ? kTableOutcomes : o.outcomes,
             "outcome");
    const auto ps = pick(s->policies, o.policies, "fund policy", 1);
    if (o.format == "csv") {
      print_sensitivity_csv(stdout, *s, ks, ps);
    } else if (o.format == "json") {
      print_sensitivity_json(stdout, *s, ks, ps);
    } else {
      print_sensitivity_table(stdout, *s, ks, ps);
    }
    return 0;
  }
  if (!o.states.empty() && !o.by_state)
    throw sim::InputError("--state chooses the States of the per-State view: add --by-state");
  if (o.by_state) {
    const auto rows = questions::state_outcomes(
        o.path, pick(all.scenarios, o.scenarios, "scenario"),
        pick(all.policies, o.policies, "fund policy", 1), questions::pick_states(o.path, o.states));
    if (o.format == "csv") {
      print_state_csv(stdout, rows);
    } else if (o.format == "json") {
      print_state_json(stdout, rows);
    } else {
      const auto horizon =
          sim::h5::File::open_read(o.path).root().string_attribute("horizon_date").value_or("????");
      print_state_table(stdout, rows, std::stoi(horizon.substr(0, 4)));
    }
    return 0;
  }
  print_comparison(stdout, c, o.format, o.outcomes);
  if (o.format == "table" && o.outcomes.empty() && o.scenarios.empty() && o.policies.empty())
    print_plain_summary(stdout, o.path, all);
  return 0;
}

}  // namespace vtf::app
