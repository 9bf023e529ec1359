// The funding gap (MODEL.md section 7, models/funding_gap): a constructed State's cost, expected
// money, gap and years computed by hand from its area, cost, money and deadline; the totals are
// the sums of the rows; the eligibility rules of 5.6.3 on the real data; the per-year values in
// the baseline from given trajectories.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "models/funding_gap.hpp"
#include "models/operations.hpp"
#include "unit/support.hpp"

namespace {

// Cambodia made simple: 10 km2 best (8 low, 20 high), 60% confirmed (by default), USD 1.5M
// international and 1.0M national a year (by default), no insecurity, its deadline 2030-12-31
// (after the 2026 MSP: no request at the 22MSP).
std::string constructed(double confirmed = 0.6, double intl = 1.5e6, double national = 1.0e6,
                        double release = 2.0) {
  return fmt::format(R"(
[study]
replications = 1
[states.KHM]
remaining_km2_low = 8.0
remaining_km2_best = 10.0
remaining_km2_high = 20.0
confirmed_share = {}
release_km2_per_year = {}
new_finds_km2_per_year = 0.0
intl_support_usd = {}
national_support_usd = {}
insecurity = 0
)",
                     confirmed, release, intl, national);
}

vtf::FundingGap gap_of(const vtf::VtfModel& model, std::size_t scenario = 0,
                       std::size_t policy = 0) {
  return vtf::funding_gap_at_start(model.scenario(scenario), model.data(),
                                   model.params(scenario, policy));
}

}  // namespace

TEST_CASE("The funding gap of a constructed State, by hand", "[model][funding_gap]") {
  // All of its area confirmed, so that the operations' cost has a closed form: clearing from A
  // down to 0 at c x (1 + 0.5 (1 - R/A)) costs A c (1 + 0.5/2).
  const vtf::VtfModel model(test::study_from(constructed(1.0)));
  const std::size_t i = test::state_index(model, "KHM");
  REQUIRE(model.scenario(0).calibration[i].status == vtf::CalibrationStatus::kCalibrated);
  const double c = model.scenario(0).calibration[i].clear_usd_per_km2;  // USD per km2
  const vtf::StateGap& g = gap_of(model).states[i];

  const auto cost = [&](double area) { return area * c * 1.25; };
  // Money: 0.6 of the international and 0.8 of the national support reach survey and clearance;
  // capacity (1.25 times that) does not bind.
  const double money = 0.6 * 1.5e6 + 0.8 * 1.0e6;
  // 1825 days from 1 January 2026 to 31 December 2030.
  const double years_left = 1825.0 / 365.2425;
  const double expected = money * years_left;

  CHECK(g.deadline == sim::Date::from_ymd(2030, 12, 31));
  CHECK(g.money_usd_per_year == Approx(money));
  CHECK(g.usable_usd_per_year == Approx(money));
  CHECK(g.years_to_deadline == Approx(years_left));
  CHECK(g.expected_usd == Approx(expected));
  CHECK(g.bracketed);
  const double areas[] = {8.0, 10.0, 20.0};
  for (std::size_t b = 0; b < vtf::kAreaEstimates; ++b) {
    CHECK(g.area_km2[b] == areas[b]);
    CHECK(g.cost_usd[b] == Approx(cost(areas[b])).epsilon(1e-3));
    CHECK(g.gap_usd[b] ==
          Approx(std::max(0.0, cost(areas[b]) - expected)).margin(1e-3 * cost(areas[b])));
    CHECK(g.years_to_complete[b] == Approx(cost(areas[b]) / money).epsilon(1e-3));
  }
  REQUIRE(g.gap_usd[1] > 0);  // the case is built to have a gap at its best estimate
  // International support 1.5M < 2M, an LDC, lower-middle income, with access: eligible.
  CHECK((g.outstanding && g.access && g.meets_support && g.meets_ldc && g.meets_income));
  CHECK(g.eligible);
}

TEST_CASE("Without money the gap is the whole cost and completion never comes",
          "[model][funding_gap]") {
  const vtf::VtfModel model(test::study_from(constructed(0.6, 0.0, 0.0, 0.0)));
  const vtf::StateGap& g = gap_of(model).states[test::state_index(model, "KHM")];
  CHECK(g.usable_usd_per_year == 0);
  CHECK(g.expected_usd == 0);
  CHECK(g.gap_usd[1] == g.cost_usd[1]);
  CHECK(g.cost_usd[1] > 0);
  CHECK(std::isnan(g.years_to_complete[1]));
}

TEST_CASE("The totals are the sums of the rows, the eligible ones a part of them",
          "[model][funding_gap]") {
  const vtf::VtfModel model(test::study_from("[study]\nreplications = 1\n"));
  const vtf::FundingGap gap = gap_of(model);
  REQUIRE(gap.states.size() == 35);
  for (std::size_t b = 0; b < vtf::kAreaEstimates; ++b) {
    double cost = 0, g = 0, eligible_cost = 0, eligible_gap = 0;
    std::size_t eligible = 0;
    for (const auto& s : gap.states) {
      cost += s.cost_usd[b];
      g += s.gap_usd[b];
      if (s.eligible) {
        eligible_cost += s.cost_usd[b];
        eligible_gap += s.gap_usd[b];
        ++eligible;
      }
      CHECK(s.gap_usd[b] >= 0);
      CHECK(s.gap_usd[b] <= s.cost_usd[b]);
    }
    CHECK(gap.all.cost_usd[b] == Approx(cost).epsilon(1e-12));
    CHECK(gap.all.gap_usd[b] == Approx(g).epsilon(1e-12));
    CHECK(gap.eligible.cost_usd[b] == Approx(eligible_cost).epsilon(1e-12));
    CHECK(gap.eligible.gap_usd[b] == Approx(eligible_gap).epsilon(1e-12));
    CHECK(gap.eligible.states == eligible);
    CHECK(gap.eligible.gap_usd[b] <= gap.all.gap_usd[b]);
    CHECK(gap.eligible.cost_usd[b] <= gap.all.cost_usd[b]);
  }
  CHECK(gap.all.states == 35);
  CHECK(gap.eligible.states < 35);
  CHECK(gap.all.gap_usd[0] <= gap.all.gap_usd[1]);  // a larger area costs more
  CHECK(gap.all.gap_usd[1] <= gap.all.gap_usd[2]);
}

TEST_CASE("Each eligibility rule of 5.6.3 on the data's States", "[model][funding_gap]") {
  // A grid of two LDC rules: policy 1 keeps the default rules, policy 2 requires LDC status.
  const vtf::VtfModel model(test::study_from(R"(
[study]
replications = 1
[levers]
vtf.eligibility.ldc = ["priority", "required"]
)"));
  std::vector<const vtf::FundParams*> eligibility;
  for (std::size_t p = 0; p < model.policy_count(); ++p)
    eligibility.push_back(&model.params(0, p).fund);
  REQUIRE(model.policy_count() == 3);
  CHECK(vtf::default_rules_policy(eligibility) == 1);
  // Without a fund policy of the default rules, the first fund policy; with no_fund alone, it.
  CHECK(vtf::default_rules_policy({eligibility[0], eligibility[2]}) == 1);
  CHECK(vtf::default_rules_policy({eligibility[0], eligibility[2], eligibility[1]}) == 2);
  CHECK(vtf::default_rules_policy({eligibility[0]}) == 0);
  const vtf::FundingGap priority = gap_of(model, 0, 1), required = gap_of(model, 0, 2);
  const auto at = [&](const vtf::FundingGap& f, const char* iso3) {
    return f.states[test::state_index(model, iso3)];
  };
  CHECK(!at(priority, "HRV").meets_income);  // high income
  CHECK(!at(priority, "HRV").eligible);
  CHECK(!at(priority, "IRQ").meets_support);  // USD 106M of international support
  CHECK(!at(priority, "ARG").access);
  CHECK(!at(priority, "OMN").outstanding);  // completed in 2025
  CHECK(at(priority, "COL").meets_ldc);     // LDC priority excludes no one ...
  CHECK(!at(required, "COL").meets_ldc);    // ... LDCs only does
  CHECK(at(required, "SOM").meets_ldc);
  CHECK(required.eligible.states < priority.eligible.states);
  // Deadlines at the start: Angola's request pending at the 22MSP is granted (to 2030); Burkina
  // Faso's deadline expired in 2009: in breach, nothing expected before it.
  CHECK(at(priority, "AGO").deadline == sim::Date::from_ymd(2030, 12, 31));
  const vtf::StateGap bfa = at(priority, "BFA");
  CHECK(bfa.in_breach);
  CHECK(bfa.expected_usd == 0);
  CHECK(bfa.gap_usd[1] == bfa.cost_usd[1]);
}

TEST_CASE("The gap per year in the baseline, from given trajectories", "[model][funding_gap]") {
  const vtf::VtfModel model(test::study_from(constructed()));
  const auto& setup = model.scenario(0);
  const vtf::FundingGap start = gap_of(model);
  const std::size_t E = start.states.size(), Y = static_cast<std::size_t>(setup.years);
  const std::size_t i = test::state_index(model, "KHM");
  std::vector<double> remaining(E * Y, 0.0), intl(E * Y, 0.0), national(E * Y, 0.0);
  for (std::size_t y = 0; y < Y; ++y) {
    remaining[i * Y + y] = 9.5 - 0.5 * static_cast<double>(y);
    intl[i * Y + y] = 1.5e6;
    national[i * Y + y] = 1.0e6;
  }
  const vtf::BaselineGap b = vtf::baseline_gap_by_year(start, setup, remaining, intl, national);
  const double per_km2 = start.states[i].cost_usd[1] / 10.0;  // the start's cost per km2
  const double money = 0.6 * 1.5e6 + 0.8 * 1.0e6;
  // The end of 2026: 9.5 km2 left, 1460 days to the deadline from 1 January 2027.
  const std::size_t y1 = 0 * E + i;
  CHECK(b.remaining_km2[y1] == 9.5);
  CHECK(b.cost_usd[y1] == Approx(9.5 * per_km2).epsilon(1e-3));
  CHECK(b.money_usd_per_year[y1] == Approx(money));
  CHECK(b.years_to_deadline[y1] == Approx(1460.0 / 365.2425));
  CHECK(b.gap_usd[y1] ==
        Approx(std::max(0.0, 9.5 * per_km2 - money * 1460.0 / 365.2425)).epsilon(1e-3));
  CHECK(b.years_to_complete[y1] == Approx(9.5 * per_km2 / money).epsilon(1e-3));
  // From the end of 2030 on, the deadline has passed: nothing more is expected before it.
  const std::size_t y5 = 4 * E + i;
  CHECK(b.years_to_deadline[y5] == 0);
  CHECK(b.gap_usd[y5] == Approx(b.cost_usd[y5]));
  for (std::size_t y = 0; y < Y; ++y) {
    double total = 0;
    for (std::size_t e = 0; e < E; ++e)
      total += b.gap_usd[y * E + e];
    CHECK(b.total_gap_usd[y] == Approx(total).epsilon(1e-12));
    CHECK(b.eligible_gap_usd[y] <= b.total_gap_usd[y]);
  }
}

TEST_CASE("The cost to complete is what the model's monthly operations pay, at any pace",
          "[model][funding_gap]") {
  // The constructed State, 40% of it suspected: its own operations (operations.hpp) run month by
  // month at its usable money, and at a pace ten times finer than the gap's, until it completes.
  const vtf::VtfModel model(test::study_from(constructed()));
  const auto& setup = model.scenario(0);
  const std::size_t i = test::state_index(model, "KHM");
  const vtf::StateGap& g = gap_of(model).states[i];
  const auto start = [&] {
    vtf::Ground ground;
    ground.cha = vtf::dm2(10.0 * 0.6);
    ground.sha = vtf::dm2(10.0) - ground.cha;
    ground.set_reference(10.0);
    const double c = setup.calibration[i].clear_usd_per_km2;
    ground.set_costs(c, 0.1 * c);
    return ground;
  };
  const auto spend = [&](double per_step) {
    vtf::Ground ground = start();
    double spent = 0;
    for (int m = 0; m < 100000; ++m) {
      const vtf::MonthOutcome o = vtf::operate_month(ground, per_step, 1.0, setup.ops);
      spent += per_step * o.used_fraction;
      if (o.completed) break;
    }
    REQUIRE(ground.sha + ground.cha == 0);
    return spent;
  };
  CHECK(g.cost_usd[1] == Approx(spend(g.usable_usd_per_year / 12.0)).epsilon(0.01));
  CHECK(g.cost_usd[1] == Approx(spend(g.cost_usd[1] / 12000.0)).epsilon(0.01));
  // The closed form a State asks the fund for takes the mean last-mile factor over the whole area:
  // less than the operations pay (survey cancels suspected area before most clearance), by <10%.
  const double closed = vtf::cost_to_finish_usd(start(), 0.5, 0.7);
  CHECK(closed < g.cost_usd[1]);
  CHECK(closed > 0.9 * g.cost_usd[1]);
}
