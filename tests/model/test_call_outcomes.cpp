// MODEL.md v1.2 5.6.3: "The results report, per State, which rule excluded it." Each yearly call
// counts, for every operable State without an active grant, the first eligibility rule that
// excluded it, or that it applied.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "models/replication.hpp"
#include "models/world.hpp"
#include "unit/support.hpp"

namespace {

std::string one_fund(const std::string& more = "") {
  return "[study]\nreplications = 1\n[levers]\nvtf.annual_usd = [10e6]\n" + more;
}

int calls(const vtf::ReplicationState& s, std::size_t i, vtf::CallOutcome outcome) {
  return s.call_outcomes[i * vtf::kCallOutcomes + static_cast<std::size_t>(outcome)];
}

int all_calls(const vtf::ReplicationState& s, std::size_t i) {
  int total = 0;
  for (std::size_t k = 0; k < vtf::kCallOutcomes; ++k)
    total += s.call_outcomes[i * vtf::kCallOutcomes + k];
  return total;
}

}  // namespace

TEST_CASE("High-income States are counted as excluded by their income, and never apply",
          "[model][fund][v12]") {
  const vtf::VtfModel model(test::study_from(one_fund()));
  const auto& policy = model.params(0, 1);
  REQUIRE(policy.fund.exclude_high_income);
  const int fund_years = model.scenario(0).last_year - policy.fund.start_year + 1;
  REQUIRE(fund_years > 0);
  vtf::World world;
  vtf::ReplicationState fund, none;
  const int replications = 60;
  // Cyprus has no access to its mined areas (5.5): never operable, it is never at a call, and no
  // rule is counted for it. Oman (after a re-opening) and Croatia are.
  for (const char* iso3 : {"OMN", "HRV", "CYP"}) {
    INFO(iso3);
    const std::size_t i = test::state_index(model, iso3);
    REQUIRE(model.data()[i].high_income);
    bool excluded = false;
    for (int r = 0; r < replications; ++r) {
      vtf::generate_world(model.scenario(0), model.data(), static_cast<std::uint64_t>(r), world);
      vtf::Replication rep(model.scenario(0), policy, world, fund);
      rep.run();
      if (calls(fund, i, vtf::CallOutcome::kHighIncome) > 0) excluded = true;
      CHECK(calls(fund, i, vtf::CallOutcome::kApplied) == 0);
      // Rules after the income rule are never reached.
      for (const auto later : {vtf::CallOutcome::kNothingToPay, vtf::CallOutcome::kOwnMeans,
                               vtf::CallOutcome::kNoWindow, vtf::CallOutcome::kNotApplied})
        CHECK(calls(fund, i, later) == 0);
      if (std::string(iso3) == "CYP") CHECK(all_calls(fund, i) == 0);
    }
    CHECK(excluded == (std::string(iso3) != "CYP"));
  }

  SECTION("every State's calls add up to the years it was open to the fund") {
    int whole = 0;  // States counted at every call
    for (int r = 0; r < replications; ++r) {
      vtf::generate_world(model.scenario(0), model.data(), static_cast<std::uint64_t>(r), world);
      vtf::Replication base(model.scenario(0), model.params(0, 0), world, none);
      base.run();
      vtf::Replication rep(model.scenario(0), policy, world, fund);
      rep.run();
      for (std::size_t i = 0; i < model.data().size(); ++i) {
        INFO("replication " << r << ", " << model.data()[i].iso3);
        CHECK(all_calls(none, i) == 0);  // no fund, no call
        CHECK(all_calls(fund, i) <= fund_years);
        // Operable throughout and never granted: counted at every call.
        if (world.operable[i] && std::isnan(fund.first_completion_year[i]) &&
            fund.reopenings[i] == 0 && calls(fund, i, vtf::CallOutcome::kApplied) == 0) {
          CHECK(all_calls(fund, i) == fund_years);
          ++whole;
        }
        // Never operable: never counted.
        if (!world.operable[i] && fund.reopenings[i] == 0) CHECK(all_calls(fund, i) == 0);
      }
    }
    CHECK(whole > 0);
  }
}

TEST_CASE("With exclude_high_income off Croatia is never excluded by its income",
          "[model][fund][v12]") {
  const vtf::VtfModel model(
      test::study_from(one_fund("[vtf.eligibility]\nexclude_high_income = false\n")));
  const auto& policy = model.params(0, 1);
  REQUIRE_FALSE(policy.fund.exclude_high_income);
  const std::size_t croatia = test::state_index(model, "HRV");
  vtf::World world;
  vtf::ReplicationState fund;
  int counted = 0;
  for (int r = 0; r < 60; ++r) {
    vtf::generate_world(model.scenario(0), model.data(), static_cast<std::uint64_t>(r), world);
    vtf::Replication rep(model.scenario(0), policy, world, fund);
    rep.run();
    CHECK(calls(fund, croatia, vtf::CallOutcome::kHighIncome) == 0);
    counted += all_calls(fund, croatia);
  }
  CHECK(counted > 0);  // Croatia was at the calls, and some other outcome was counted
}
