#include "models/funding_gap_output.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "models/funding_gap.hpp"
#include "models/outcome_table.hpp"
#include "sim/engine/errors.hpp"
#include "sim/results/results_layout.hpp"

namespace vtf {
namespace {

using Dims = std::vector<std::string>;
constexpr const char* kEstimateDim = "area_estimate";

// The name under /trajectories of the mean over replications of the model's trajectory `rows`.
std::string trajectory_mean_name(std::vector<double> ReplicationState::*rows) {
  const auto all = trajectory_rows();
  const auto it =
      std::find_if(all.begin(), all.end(), [&](const TrajectoryRow& r) { return r.rows == rows; });
  if (it == all.end() || !it->stored) throw std::logic_error("funding gap: no such trajectory");
  return std::string(it->name) + (it->quantiles ? "_mean" : "");
}

class Writer {
 public:
  explicit Writer(sim::h5::Group& g) : g_(g) {}
  template <class T>
  void put(const std::string& name, const std::vector<T>& values, const Dims& dims,
           std::vector<hsize_t> shape, const std::string& units, const std::string& long_name) {
    auto ds = g_.create_dataset<T>(name, std::move(shape));
    ds.write(values);
    ds.attach_dimensions(dims);
    ds.set_attribute("units", units);
    ds.set_attribute("long_name", long_name);
  }

 private:
  sim::h5::Group& g_;
};

struct StartArrays {
  // [scenario, state, estimate]
  std::vector<double> area, cost, gap, years;
  // [scenario, state]
  std::vector<double> money, usable, to_deadline, expected, intl;
  std::vector<std::string> deadline;
  std::vector<std::uint8_t> breach, outstanding, access, support, ldc, income, eligible;
  // [scenario, estimate] and [scenario]
  std::vector<double> total_cost, total_gap, eligible_cost, eligible_gap;
  std::vector<double> total_expected, eligible_expected, article7;
  std::vector<std::int32_t> eligible_states;
};

void append(StartArrays& a, const FundingGap& gap) {
  for (const StateGap& g : gap.states) {
    for (std::size_t b = 0; b < kAreaEstimates; ++b) {
      a.area.push_back(g.area_km2[b]);
      a.cost.push_back(g.cost_usd[b]);
      a.gap.push_back(g.gap_usd[b]);
      a.years.push_back(g.years_to_complete[b]);
    }
    a.money.push_back(g.money_usd_per_year);
    a.usable.push_back(g.usable_usd_per_year);
    a.to_deadline.push_back(g.years_to_deadline);
    a.expected.push_back(g.expected_usd);
    a.intl.push_back(g.intl_usd_per_year);
    a.deadline.push_back(g.deadline.iso());
    for (auto [v, x] : {std::pair{&a.breach, g.in_breach},
                        {&a.outstanding, g.outstanding},
                        {&a.access, g.access},
                        {&a.support, g.meets_support},
                        {&a.ldc, g.meets_ldc},
                        {&a.income, g.meets_income},
                        {&a.eligible, g.eligible}})
      v->push_back(x ? 1 : 0);
  }
  for (std::size_t b = 0; b < kAreaEstimates; ++b) {
    a.total_cost.push_back(gap.all.cost_usd[b]);
    a.total_gap.push_back(gap.all.gap_usd[b]);
    a.eligible_cost.push_back(gap.eligible.cost_usd[b]);
    a.eligible_gap.push_back(gap.eligible.gap_usd[b]);
  }
  a.total_expected.push_back(gap.all.expected_usd);
  a.eligible_expected.push_back(gap.eligible.expected_usd);
  a.article7.push_back(gap.article7_probability);
  a.eligible_states.push_back(static_cast<std::int32_t>(gap.eligible.states));
}

// The values at the start, [scenario, state] and [scenario, state, area_estimate].
void write_start(Writer& w, sim::h5::Group& g, const StartArrays& a, hsize_t S, hsize_t E) {
  const Dims se = {"scenario", "state"}, seb = {"scenario", "state", kEstimateDim};
  w.put("area_km2", a.area, seb, {S, E, 3}, "km2",
        "remaining area at the start, at the data's low, best and high estimates");
  w.put("cost_to_complete_usd", a.cost, seb, {S, E, 3}, "USD",
        "cost to complete that area at the calibrated costs: survey of suspected area, clearance "
        "of confirmed area and of what survey confirms, last-mile effect included");
  w.put("gap_usd", a.gap, seb, {S, E, 3}, "USD",
        "funding gap: cost to complete less the money expected before the deadline, 0 if "
        "negative");
  w.put("years_to_complete", a.years, seb, {S, E, 3}, "yr",
        "years to complete at the usable money (cost / usable_usd_per_year); NaN: no money");
  w.put("money_usd_per_year", a.money, se, {S, E}, "USD/yr",
        "international x mine_action_share + national x mine_action_share at current levels "
        "(national imputed where the calibration imputes it)");
  w.put("usable_usd_per_year", a.usable, se, {S, E}, "USD/yr",
        "what the State can spend of that money: capped by its absorptive capacity in its "
        "security regime at the start; 0 without access to its mined areas");
  auto d = g.create_string_dataset("deadline", a.deadline, {S, E});
  d.attach_dimensions(se);
  d.set_attribute("long_name",
                  "Article 5 deadline in force at the start (ISO date): the data's, or the one a "
                  "request at the 22MSP obtains when granted, projected from the best estimate");
  w.put("years_to_deadline", a.to_deadline, se, {S, E}, "yr",
        "years from the start to the deadline, 0 if it has passed");
  w.put("expected_usd", a.expected, se, {S, E}, "USD",
        "money expected before the deadline: usable_usd_per_year x years_to_deadline");
  w.put("in_breach", a.breach, se, {S, E}, "1",
        "1 if the deadline expired before the start without an extension");
  w.put("international_support_usd_per_year", a.intl, se, {S, E}, "USD/yr",
        "international support before the start, tested against the support threshold");
  const std::pair<const char*, const std::vector<std::uint8_t>*> rules[] = {
      {"obligation_outstanding", &a.outstanding}, {"has_access", &a.access},
      {"meets_support_rule", &a.support},         {"meets_ldc_rule", &a.ldc},
      {"meets_income_rule", &a.income},           {"eligible", &a.eligible}};
  const char* meaning[] = {
      "1 if an Article 5 obligation is left at the start (not completed)",
      "1 if the State can reach its mined areas",
      "1 if international support is below the threshold (or the rule is off)",
      "1 if it meets the LDC rule (only 'required' excludes a State)",
      "1 if not excluded as high income (or the rule is off)",
      "1 if it meets every rule above (then applies in a year it reports under Article 7)"};
  for (std::size_t k = 0; k < std::size(rules); ++k)
    w.put(rules[k].first, *rules[k].second, se, {S, E}, "1", meaning[k]);
}

void write_start_totals(Writer& w, const StartArrays& a, hsize_t S) {
  const Dims sb = {"scenario", kEstimateDim}, s = {"scenario"};
  w.put("total_cost_to_complete_usd", a.total_cost, sb, {S, 3}, "USD",
        "cost to complete summed over the States, every State at the same estimate");
  w.put("total_gap_usd", a.total_gap, sb, {S, 3}, "USD",
        "funding gap summed over the States (each State's gap, 0 where money covers the cost)");
  w.put("total_expected_usd", a.total_expected, s, {S}, "USD",
        "money expected before the deadlines, summed over the States");
  w.put("eligible_cost_to_complete_usd", a.eligible_cost, sb, {S, 3}, "USD",
        "cost to complete summed over the States that meet the eligibility rules");
  w.put("eligible_gap_usd", a.eligible_gap, sb, {S, 3}, "USD",
        "funding gap summed over the States that meet the eligibility rules");
  w.put("eligible_expected_usd", a.eligible_expected, s, {S}, "USD",
        "money expected before the deadlines, summed over the eligible States");
  w.put("eligible_states", a.eligible_states, s, {S}, "1",
        "States that meet the eligibility rules at the start");
  w.put("article7_probability", a.article7, s, {S}, "1",
        "chance that a State reports under Article 7 in a year (5.6.3): eligible States apply "
        "only in a year they report");
}

// Per year in the baseline (policy 0), from the run's trajectories.
void write_baseline(Writer& w, sim::h5::Group& root, const VtfModel& model,
                    const std::vector<FundingGap>& gaps) {
  const std::size_t S = model.scenario_count(), E = model.data().size();
  const auto Y = static_cast<std::size_t>(model.scenario(0).years);
  const sim::h5::Group t = root.open_group("trajectories");
  const auto read = [&](std::vector<double> ReplicationState::*rows, std::size_t s) {
    return t.open_dataset(trajectory_mean_name(rows))
        .read_block<double>({s, 0, 0, 0}, {1, 1, E, Y});
  };
  BaselineGap all;
  for (std::size_t s = 0; s < S; ++s) {
    const BaselineGap b = baseline_gap_by_year(
        gaps[s], model.scenario(s), read(&ReplicationState::traj_remaining, s),
        read(&ReplicationState::traj_intl, s), read(&ReplicationState::traj_national, s));
    const auto join = [](std::vector<double>& to, const std::vector<double>& from) {
      to.insert(to.end(), from.begin(), from.end());
    };
    join(all.remaining_km2, b.remaining_km2);
    join(all.cost_usd, b.cost_usd);
    join(all.money_usd_per_year, b.money_usd_per_year);
    join(all.years_to_deadline, b.years_to_deadline);
    join(all.expected_usd, b.expected_usd);
    join(all.gap_usd, b.gap_usd);
    join(all.years_to_complete, b.years_to_complete);
    join(all.total_cost_usd, b.total_cost_usd);
    join(all.total_gap_usd, b.total_gap_usd);
    join(all.eligible_cost_usd, b.eligible_cost_usd);
    join(all.eligible_gap_usd, b.eligible_gap_usd);
  }
  const Dims sye = {"scenario", "year", "state"}, sy = {"scenario", "year"};
  const std::string base = "in the baseline (no fund), mean over replications: ";
  w.put("baseline_remaining_km2", all.remaining_km2, sye, {S, Y, E}, "km2",
        base + "remaining area at the end of the year");
  w.put("baseline_cost_to_complete_usd", all.cost_usd, sye, {S, Y, E}, "USD",
        base +
            "cost to complete that area at the start's cost per km2 (a lower bound: survey "
            "releases the cheaper suspected area first and the last mile costs more)");
  w.put("baseline_money_usd_per_year", all.money_usd_per_year, sye, {S, Y, E}, "USD/yr",
        base + "international and national funding in the year, times their mine_action_share");
  w.put("baseline_years_to_deadline", all.years_to_deadline, sye, {S, Y, E}, "yr",
        "years from the end of the year to the deadline in force at the start, 0 once passed");
  w.put("baseline_expected_usd", all.expected_usd, sye, {S, Y, E}, "USD",
        base + "money expected before that deadline at the year's level");
  w.put("baseline_gap_usd", all.gap_usd, sye, {S, Y, E}, "USD",
        base + "funding gap: cost to complete less expected money, 0 if negative");
  w.put("baseline_years_to_complete", all.years_to_complete, sye, {S, Y, E}, "yr",
        base + "years to complete at the year's money; NaN: no money");
  w.put("baseline_total_cost_to_complete_usd", all.total_cost_usd, sy, {S, Y}, "USD",
        base + "cost to complete summed over the States");
  w.put("baseline_total_gap_usd", all.total_gap_usd, sy, {S, Y}, "USD",
        base + "funding gap summed over the States");
  w.put("baseline_eligible_cost_to_complete_usd", all.eligible_cost_usd, sy, {S, Y}, "USD",
        base + "cost to complete summed over the States eligible at the start");
  w.put("baseline_eligible_gap_usd", all.eligible_gap_usd, sy, {S, Y}, "USD",
        base + "funding gap summed over the States eligible at the start");
}

}  // namespace

void write_funding_gap(sim::h5::Group& root, const VtfModel& model, const sim::Study& study) {
  const std::size_t S = model.scenario_count(), P = model.policy_count();
  const std::size_t E = model.data().size();
  std::vector<const FundParams*> eligibility;
  for (std::size_t p = 0; p < P; ++p)
    eligibility.push_back(&model.params(0, p).fund);
  const std::size_t rules = default_rules_policy(eligibility);
  std::vector<FundingGap> gaps;
  StartArrays a;
  for (std::size_t s = 0; s < S; ++s) {
    gaps.push_back(funding_gap_at_start(model.scenario(s), model.data(), model.params(s, rules)));
    append(a, gaps.back());
  }
  sim::h5::Group g = sim::group_with(root, "funding_gap", {"scenario", "state", "year"});
  const std::vector<std::string> estimates(kAreaEstimateNames.begin(), kAreaEstimateNames.end());
  g.create_coordinate(kEstimateDim, estimates);
  g.set_attribute("eligibility_policy", study.design.policies[rules].name);
  g.set_attribute(
      "method",
      fmt::format(
          "MODEL.md section 7 (docs/model.md, The funding gap): each State's cost to complete its "
          "remaining area at the calibrated costs against the money it can expect before its "
          "Article 5 deadline at current national and international levels; eligibility under "
          "the rules of policy '{}'. Deterministic, from the calibrated start; new contamination "
          "found later (5.4) is not in the start's cost. Totals add each State's value; a total "
          "at the low (high) estimate puts every State at its low (high) estimate at once, a "
          "bound rather than a confidence interval.",
          study.design.policies[rules].name));
  Writer w(g);
  write_start(w, g, a, S, E);
  write_start_totals(w, a, S);
  write_baseline(w, root, model, gaps);
}

void add_funding_gap(const std::string& path, const VtfModel& model, const sim::Study& study) {
  try {
    sim::h5::File file = sim::h5::File::open_rw(path);
    sim::h5::Group root = file.root();
    write_funding_gap(root, model, study);
    file.close();
  } catch (const sim::h5::Error& e) {
    throw sim::RuntimeFailure(fmt::format("cannot write /funding_gap in {}: {}", path, e.what()));
  }
}

}  // namespace vtf
