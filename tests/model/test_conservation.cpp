// MODEL.md 8: area (initial + discovered = released + remaining) and the fund's money
// (received + returned = admin + disbursed + balance) balance exactly in every replication,
// under every policy, including large funds, strict regimes and every allocation rule.
#include <catch2/catch.hpp>

#include "models/outcome_table.hpp"
#include "models/replication.hpp"
#include "models/world.hpp"
#include "unit/support.hpp"

namespace {

const char* kStudy = R"(
[study]
replications = 40
[[scenario]]
name = "declining"
[[scenario]]
name = "shock"
donors.forced_shock_years = [2027]
discovery.rate_per_year = 1.0
discovery.residual_rate_per_year = 0.3
[uncertainties]
extensions.regime = ["lenient", "strict"]
[levers]
vtf.annual_usd = [2e6, 50e6]
vtf.allocation = ["score", "nearest_completion", "equal_share", "proportional_need", "lottery"]
[[policy]]
name = "underperforming"
vtf.annual_usd = 10e6
vtf.withhold_below = 0.9
)";

}  // namespace

TEST_CASE("Area and fund money are conserved exactly in every replication and policy",
          "[model][conservation]") {
  const vtf::VtfModel model(test::study_from(kStudy));
  REQUIRE(model.policy_count() == 12);
  vtf::World world;
  vtf::ReplicationState state;
  std::int64_t grants_made = 0, returns = 0, reopenings = 0;
  for (std::uint64_t r = 0; r < 40; ++r) {
    for (std::size_t s = 0; s < model.scenario_count(); ++s) {
      vtf::generate_world(model.scenario(s), model.data(), r, world);
      for (std::size_t p = 0; p < model.policy_count(); ++p) {
        vtf::Replication rep(model.scenario(s), model.params(s, p), world, state);
        rep.run();
        INFO("replication " << r << ", scenario " << s << ", policy " << p);
        REQUIRE(rep.area_conserved());
        REQUIRE(rep.money_conserved());
        grants_made += rep.state().fund.granted > 0;
        returns += rep.state().fund.returned > 0;
        reopenings += static_cast<std::int64_t>(rep.totals().reopenings);
      }
    }
  }
  // The laws were exercised, not vacuous: grants, returns and re-openings happened.
  CHECK(grants_made > 100);
  CHECK(returns > 100);
  CHECK(reopenings > 0);
}

TEST_CASE("The conservation checks detect a lost square decimetre or cent",
          "[model][conservation]") {
  const vtf::VtfModel model(
      test::study_from("[study]\nreplications = 1\n[levers]\nvtf.annual_usd = 10e6\n"));
  vtf::World world;
  vtf::ReplicationState state;
  vtf::generate_world(model.scenario(0), model.data(), 0, world);
  vtf::Replication rep(model.scenario(0), model.params(0, 1), world, state);
  rep.run();
  REQUIRE(rep.area_conserved());
  REQUIRE(rep.money_conserved());
  state.ground[0].sha += 1;
  CHECK_FALSE(rep.area_conserved());
  state.ground[0].sha -= 1;
  state.fund.balance -= 1;
  CHECK_FALSE(rep.money_conserved());
}

TEST_CASE("The fund's books balance at every year end, and the last year's are the totals",
          "[model][conservation]") {
  const vtf::VtfModel model(test::study_from(kStudy));
  vtf::World world;
  vtf::ReplicationState state;
  const auto years = static_cast<std::size_t>(model.scenario(0).years);
  std::int64_t years_with_money = 0;
  for (std::uint64_t r = 0; r < 10; ++r) {
    vtf::generate_world(model.scenario(0), model.data(), r, world);
    for (std::size_t p = 1; p < model.policy_count(); ++p) {
      vtf::Replication rep(model.scenario(0), model.params(0, p), world, state);
      rep.run();
      const auto& books = rep.state().fund_at_year_end;
      REQUIRE(books.size() == vtf::fund_series_rows().size() * years);
      const auto at = [&](vtf::Cents vtf::FundBooks::*b, std::size_t y) {
        return books[vtf::fund_series_index(b) * years + y];
      };
      for (std::size_t y = 0; y < years; ++y) {
        INFO("replication " << r << ", policy " << p << ", year " << y);
        // MODEL.md 3.3, in cents: received + returned = admin + disbursed + balance.
        REQUIRE(at(&vtf::FundBooks::received, y) + at(&vtf::FundBooks::returned, y) ==
                at(&vtf::FundBooks::admin_paid, y) + at(&vtf::FundBooks::disbursed, y) +
                    at(&vtf::FundBooks::balance, y));
        if (y > 0)
          REQUIRE(at(&vtf::FundBooks::received, y) >= at(&vtf::FundBooks::received, y - 1));
        years_with_money += at(&vtf::FundBooks::received, y) > 0;
      }
      const auto& f = rep.state().fund;
      CHECK(at(&vtf::FundBooks::received, years - 1) == f.received);
      CHECK(at(&vtf::FundBooks::disbursed, years - 1) == f.disbursed);
      CHECK(at(&vtf::FundBooks::balance, years - 1) == f.balance);
    }
  }
  CHECK(years_with_money > 100);
}
