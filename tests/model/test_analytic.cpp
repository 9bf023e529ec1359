// MODEL.md section 8: with all noise switched off, a State with area A, a constant budget b and
// a clearance cost c completes after A*c/b years, to the day. The expected date is computed
// here from the closed form and the calendar alone, independently of the model's code.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>

#include "models/replication.hpp"
#include "models/world.hpp"
#include "unit/support.hpp"

namespace {

using namespace std::chrono;

// Money flows at b/12 per calendar month, spent evenly over the month's days (MODEL.md 5.3):
// T years after the start is the instant `whole` months and `fraction` of the next month's days
// later. The completion date is the day during which that instant falls; an instant exactly at
// midnight ends the work of the day before.
sys_days closed_form_date(double years) {
  const double months = 12.0 * years;
  auto whole = static_cast<int>(std::floor(months + 1e-12));
  double fraction = months - whole;
  if (fraction < 1e-12) {  // at a month boundary: the last day of the month before
    whole -= 1;
    fraction = 1.0;
  }
  const year_month_day first =
      year_month_day{year{2026}, month{1}, day{1}} + std::chrono::months{whole};
  const auto days_in_month =
      (sys_days{year_month_day_last{first.year(), month_day_last{first.month()}}} - sys_days{first})
          .count() +
      1;
  const double instant = fraction * static_cast<double>(days_in_month);
  return sys_days{first} + days{static_cast<int>(std::ceil(instant - 1e-9)) - 1};
}

// One State (Angola) with area A (all confirmed), national budget N (so b = 0.8 N), and a
// recorded release that calibrates the cost to c = b / release.
struct Case {
  double area_km2, national_usd, release_km2_per_year;
};

sim::Date simulated_completion(const Case& c) {
  const auto study = test::study_from(fmt::format(R"(
[study]
replications = 1
horizon = 2035-12-31
{}
[operations]
last_mile = 0.0
[states.AGO]
remaining_km2_low = {a}
remaining_km2_best = {a}
remaining_km2_high = {a}
confirmed_share = 1.0
release_km2_per_year = {r}
intl_support_usd = 0.0
national_support_usd = {n}
insecurity = 0
)",
                                                  test::noise_off(), fmt::arg("a", c.area_km2),
                                                  fmt::arg("r", c.release_km2_per_year),
                                                  fmt::arg("n", c.national_usd)));
  const vtf::VtfModel model(study);
  vtf::World world;
  vtf::ReplicationState state;
  vtf::generate_world(model.scenario(0), model.data(), 0, world);
  vtf::Replication rep(model.scenario(0), model.params(0, 0), world, state);
  rep.run();
  REQUIRE(rep.state().completed[1]);  // Angola is the second State of the Convention's list
  return rep.state().completion_date[1];
}

}  // namespace

TEST_CASE("A State with area A, budget b and cost c completes after A c / b years, to the day",
          "[model][analytic]") {
  // b = 0.8 x 5M = 4M USD/yr; release 4 km2/yr calibrates c = 1M USD/km2 (1 USD/m2).
  SECTION("a whole number of months: 10 km2 take 2.5 years") {
    const Case c{10.0, 5.0e6, 4.0};
    const double years = c.area_km2 * 1e6 / (0.8 * c.national_usd);
    REQUIRE(years == Approx(2.5));
    const sim::Date got = simulated_completion(c);
    const sys_days want = closed_form_date(years);
    CHECK(got.days() == want.time_since_epoch().count());
    CHECK(got.iso() == "2028-06-30");  // 2.5 years end at midnight between 30 June and 1 July
  }
  SECTION("part of a month: 4.5 km2 take 1.125 years, half way through February 2027") {
    const Case c{4.5, 5.0e6, 4.0};
    const sim::Date got = simulated_completion(c);
    CHECK(got.days() == closed_form_date(1.125).time_since_epoch().count());
    CHECK(got.iso() == "2027-02-14");  // 14 of February's 28 days: the end of 14 February
  }
  SECTION("another cost: 7 km2 at 2.5 USD/m2 with 3.2M USD/yr take 5.46875 years") {
    // release 1.28 km2/yr calibrates c = 3.2M / 1.28 = 2.5M USD/km2.
    const Case c{7.0, 4.0e6, 1.28};
    const double years = 7.0 * 2.5e6 / 3.2e6;
    const sim::Date got = simulated_completion(c);
    CHECK(got.days() == closed_form_date(years).time_since_epoch().count());
  }
}
