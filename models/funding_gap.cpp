#include "models/funding_gap.hpp"

#include <algorithm>
#include <cmath>

#include "models/calibration.hpp"
#include "models/eligibility.hpp"
#include "models/operations.hpp"
#include "models/world.hpp"

namespace vtf {
namespace {

constexpr double kDaysPerYear = 365.2425;  // as extensions.hpp counts years

// State i's ground at the start with `area_km2` remaining, as a replication starts it
// (world.cpp): the data's confirmed share, the area itself as the last-mile reference, the
// calibrated cost times the scenario's multiplier.
Ground ground_at_start(const ScenarioSetup& s, std::size_t i, double area_km2) {
  const auto& p = s.params;
  Ground g;
  const std::int64_t total = dm2(area_km2);
  g.cha = dm2(area_km2 * p.states[i].confirmed_share);
  g.sha = total - g.cha;
  g.set_reference(area_km2);
  const double clear = s.calibration[i].clear_usd_per_km2 * p.operations.cost_multiplier;
  g.set_costs(clear, clear * p.operations.survey_cost_ratio);
  return g;
}

// Steps of the operations run to cost a State's completion: at this pace the money spent is
// within about 1% of a pace ten times slower (tests/model/test_funding_gap.cpp).
constexpr int kCostSteps = 1200;

// The money the model's own monthly operations (operations.hpp) spend to complete `g`, at median
// productivity and without shocks, spent at a steady pace of 1/kCostSteps of the closed form's
// estimate a step: survey first, clearance of what is confirmed, the last-mile effect as the
// area falls. The closed form (cost_to_finish_usd, what a State asks the fund for) is 0-9% less:
// it takes the mean last-mile factor over the whole area, while survey cancels suspected area
// before most clearance is done.
double cost_usd(const ScenarioSetup& s, Ground g) {
  const double estimate =
      cost_to_finish_usd(g, s.params.operations.last_mile, s.params.operations.cancel_fraction);
  if (!(estimate > 0)) return 0.0;
  const double step = estimate / kCostSteps;
  double spent = 0;
  for (int k = 0; k < 100 * kCostSteps; ++k) {
    const MonthOutcome o = operate_month(g, step, 1.0, s.ops);
    spent += step * o.used_fraction;
    if (o.completed || g.sha + g.cha == 0) return spent;
  }
  return NAN;  // not complete at 100 times the estimate: no meaningful cost
}

double years_between(sim::Date from, sim::Date to) {
  return std::max(0.0, static_cast<double>(sim::days_between(from, to)) / kDaysPerYear);
}

// Years to spend `cost` at `per_year`: 0 when nothing is left, NaN when there is no money.
double years_at(double cost, double per_year) {
  if (cost <= 0) return 0.0;
  return per_year > 0 ? cost / per_year : NAN;
}

void add_to(GapTotals& t, const StateGap& g) {
  ++t.states;
  for (std::size_t b = 0; b < kAreaEstimates; ++b) {
    t.cost_usd[b] += g.cost_usd[b];
    t.gap_usd[b] += g.gap_usd[b];
  }
  t.usable_usd_per_year += g.usable_usd_per_year;
  t.expected_usd += g.expected_usd;
}

StateGap state_gap(const ScenarioSetup& s, const StateData& sd, std::size_t i,
                   const ModelParams& rules) {
  const auto& p = s.params;
  const auto& st = p.states[i];
  StateGap g;
  g.area_km2 = {st.area_low_km2, st.area_best_km2, st.area_high_km2};
  g.bracketed = st.area_low_km2 < st.area_high_km2;
  for (std::size_t b = 0; b < kAreaEstimates; ++b)
    g.cost_usd[b] = cost_usd(s, ground_at_start(s, i, g.area_km2[b]));

  const double national = s.national_usd[i];
  g.money_usd_per_year =
      p.donors.mine_action_share * st.intl_usd_per_year + p.national.mine_action_share * national;
  g.usable_usd_per_year = st.access ? 12.0 * first_year_monthly_budget(p, i, national) : 0.0;

  // The deadline as the 22MSP leaves it, the request (if any) granted, from the best estimate.
  const Ground best = ground_at_start(s, i, st.area_best_km2);
  const std::int64_t total = best.sha + best.cha;
  const bool done = st.access && total < s.ops.threshold_dm2;
  const StartDeadline d =
      done ? StartDeadline{sd.deadline, false}
           : deadline_at_start(s, sd, i, st.area_best_km2, best.sha * 2 > total, 0.0);
  g.deadline = d.deadline;
  g.in_breach = !done && d.deadline < p.start;
  g.years_to_deadline = years_between(p.start, d.deadline);
  g.expected_usd = g.usable_usd_per_year * g.years_to_deadline;
  for (std::size_t b = 0; b < kAreaEstimates; ++b) {
    g.gap_usd[b] = std::max(0.0, g.cost_usd[b] - g.expected_usd);
    g.years_to_complete[b] = years_at(g.cost_usd[b], g.usable_usd_per_year);
  }

  const FundParams& f = rules.fund;
  g.intl_usd_per_year = st.intl_usd_per_year;  // the three years before the start (5.6.3)
  g.ldc = st.ldc;
  g.outstanding = !done;
  g.access = st.access;
  g.meets_support = meets_support_rule(f, st.intl_usd_per_year);
  g.meets_ldc = meets_ldc_rule(f, st.ldc);
  g.meets_income = meets_income_rule(f, st.high_income);
  g.eligible = g.outstanding && g.access && g.meets_support && g.meets_ldc && g.meets_income;
  return g;
}

bool default_eligibility(const FundParams& f, const FundParams& d) {
  return f.require_article7 == d.require_article7 &&
         f.require_low_support == d.require_low_support &&
         f.support_threshold_usd == d.support_threshold_usd && f.ldc == d.ldc &&
         f.exclude_high_income == d.exclude_high_income;
}

}  // namespace

FundingGap funding_gap_at_start(const ScenarioSetup& setup, const std::vector<StateData>& data,
                                const ModelParams& rules) {
  FundingGap out;
  out.start = setup.params.start;
  out.rules = rules.fund;
  out.article7_probability = setup.params.applicants.article7_probability;
  for (std::size_t i = 0; i < setup.params.states.size(); ++i) {
    out.states.push_back(state_gap(setup, data[i], i, rules));
    add_to(out.all, out.states.back());
    if (out.states.back().eligible) add_to(out.eligible, out.states.back());
  }
  return out;
}

std::size_t default_rules_policy(const std::vector<const FundParams*>& eligibility) {
  const FundParams defaults = default_params().fund;
  for (std::size_t p = 1; p < eligibility.size(); ++p) {
    if (default_eligibility(*eligibility[p], defaults)) return p;
  }
  return eligibility.size() > 1 ? 1 : 0;
}

BaselineGap baseline_gap_by_year(const FundingGap& start, const ScenarioSetup& setup,
                                 std::span<const double> remaining_km2,
                                 std::span<const double> international_usd,
                                 std::span<const double> national_usd) {
  const auto& p = setup.params;
  const std::size_t E = start.states.size(), Y = static_cast<std::size_t>(setup.years);
  BaselineGap b;
  for (auto* v : {&b.remaining_km2, &b.cost_usd, &b.money_usd_per_year, &b.years_to_deadline,
                  &b.expected_usd, &b.gap_usd, &b.years_to_complete})
    v->assign(Y * E, 0.0);
  for (auto* v : {&b.total_cost_usd, &b.total_gap_usd, &b.eligible_cost_usd, &b.eligible_gap_usd})
    v->assign(Y, 0.0);
  for (std::size_t i = 0; i < E; ++i) {
    // The start's cost per km2 of remaining area (its mix of suspected and confirmed area and
    // the mean last-mile factor), from a square kilometre of it: the trajectories hold the
    // remaining area only.
    const double per_km2 = cost_usd(setup, ground_at_start(setup, i, 1.0));
    const StateGap& g = start.states[i];
    for (std::size_t y = 0; y < Y; ++y) {
      const std::size_t in = i * Y + y, out = y * E + i;
      const sim::Date next_year =
          sim::Date::from_ymd(setup.first_year + static_cast<int>(y) + 1, 1, 1);
      b.remaining_km2[out] = remaining_km2[in];
      b.cost_usd[out] = remaining_km2[in] * per_km2;
      b.money_usd_per_year[out] = p.donors.mine_action_share * international_usd[in] +
                                  p.national.mine_action_share * national_usd[in];
      if (!g.access) b.money_usd_per_year[out] = 0.0;
      b.years_to_deadline[out] = years_between(next_year, g.deadline);
      b.expected_usd[out] = b.money_usd_per_year[out] * b.years_to_deadline[out];
      b.gap_usd[out] = std::max(0.0, b.cost_usd[out] - b.expected_usd[out]);
      b.years_to_complete[out] = years_at(b.cost_usd[out], b.money_usd_per_year[out]);
      b.total_cost_usd[y] += b.cost_usd[out];
      b.total_gap_usd[y] += b.gap_usd[out];
      if (g.eligible) {
        b.eligible_cost_usd[y] += b.cost_usd[out];
        b.eligible_gap_usd[y] += b.gap_usd[out];
      }
    }
  }
  return b;
}

}  // namespace vtf
