// MODEL.md 7 (v1.2), the fund's demand and the money that works: the counters of every
// replication agree with each other and with the fund's books (docs/model.md, "The fund's
// demand"), and the bilateral aid crowded out is what additionality and crowd-in take from the
// envelope.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

#include "models/fund_selection.hpp"
#include "models/outcome_table.hpp"
#include "models/replication.hpp"
#include "models/world.hpp"
#include "unit/support.hpp"

namespace {

// Small and large funds, every allocation rule (lottery included), LDCs required, two donor
// scenarios and both extension regimes.
const char* kStudy = R"(
[study]
replications = 30
[[scenario]]
name = "declining"
[[scenario]]
name = "shock"
donors.forced_shock_years = [2027]
donors.additionality = 0.5
donors.crowd_in = 0.05
[uncertainties]
extensions.regime = ["lenient", "strict"]
[levers]
vtf.annual_usd = [2e6, 50e6]
vtf.allocation = ["score", "nearest_completion", "equal_share", "proportional_need", "lottery"]
[[policy]]
name = "LDCs only"
vtf.annual_usd = 5e6
vtf.eligibility.ldc = "required"
)";

std::int64_t sum_calls(const vtf::ReplicationState& s, vtf::CallOutcome outcome) {
  std::int64_t total = 0;
  for (std::size_t i = 0; i * vtf::kCallOutcomes < s.call_outcomes.size(); ++i)
    total += s.call_outcomes[i * vtf::kCallOutcomes + static_cast<std::size_t>(outcome)];
  return total;
}

// Every invariant of the demand counters in one replication; returns false at the first broken.
bool demand_consistent(const vtf::Replication& rep) {
  const auto& s = rep.state();
  const auto& f = s.fund;
  const auto t = rep.totals();
  const vtf::Cents spent = std::accumulate(s.vtf_spent.begin(), s.vtf_spent.end(), vtf::Cents{0});
  const double crowded = std::accumulate(s.intl_crowded_out.begin(), s.intl_crowded_out.end(), 0.0);
  return f.applications >= f.grants_made && f.eligible >= f.applications &&
         f.refused + f.granted <= f.requested && f.refused >= 0 && spent >= 0 &&
         spent <= f.disbursed - f.returned && f.calls_short <= f.calls &&
         (f.refused > 0) == (f.calls_short > 0) &&
         // The same calls, counted per State and for the fund.
         f.applications == sum_calls(s, vtf::CallOutcome::kApplied) &&
         f.eligible == sum_calls(s, vtf::CallOutcome::kApplied) +
                           sum_calls(s, vtf::CallOutcome::kNotApplied) &&
         // The totals are the books.
         t.vtf_applications == static_cast<double>(f.applications) &&
         t.vtf_requested_usd == static_cast<double>(f.requested) / 100.0 &&
         t.vtf_refused_usd == static_cast<double>(f.refused) / 100.0 &&
         t.vtf_spent_usd == static_cast<double>(spent) / 100.0 && t.intl_crowded_out_usd == crowded;
}

}  // namespace

TEST_CASE("The fund's demand counters agree in every replication, scenario and policy",
          "[model][fund][demand]") {
  const vtf::VtfModel model(test::study_from(kStudy));
  REQUIRE(model.policy_count() == 12);
  vtf::World world;
  vtf::ReplicationState state;
  std::int64_t short_of_money = 0, lottery_short = 0, grants = 0;
  for (std::uint64_t r = 0; r < 30; ++r) {
    for (std::size_t s = 0; s < model.scenario_count(); ++s) {
      vtf::generate_world(model.scenario(s), model.data(), r, world);
      for (std::size_t p = 0; p < model.policy_count(); ++p) {
        vtf::Replication rep(model.scenario(s), model.params(s, p), world, state);
        rep.run();
        INFO("replication " << r << ", scenario " << s << ", policy " << p);
        REQUIRE(rep.money_conserved());
        REQUIRE(demand_consistent(rep));
        const auto& f = rep.state().fund;
        short_of_money += f.refused > 0;
        grants += f.grants_made;
        if (model.params(s, p).fund.allocation == vtf::Allocation::kLottery)
          lottery_short += f.refused > 0;
      }
    }
  }
  // Not vacuous: funds ran short of money (the lottery's too), and grants were made.
  CHECK(short_of_money > 100);
  CHECK(lottery_short > 10);
  CHECK(grants > 1000);
}

TEST_CASE("No fund: every demand counter and the aid crowded out are zero",
          "[model][fund][demand]") {
  const vtf::VtfModel model(test::study_from(kStudy));
  vtf::World world;
  vtf::ReplicationState state;
  for (std::uint64_t r = 0; r < 10; ++r) {
    for (std::size_t s = 0; s < model.scenario_count(); ++s) {
      vtf::generate_world(model.scenario(s), model.data(), r, world);
      vtf::Replication rep(model.scenario(s), model.params(s, 0), world, state);
      rep.run();
      const auto t = rep.totals();
      for (const double v : {t.vtf_calls, t.vtf_calls_short, t.vtf_eligible_state_years,
                             t.vtf_applications, t.vtf_grants_made, t.vtf_requested_usd,
                             t.vtf_refused_usd, t.vtf_spent_usd, t.intl_crowded_out_usd})
        REQUIRE(v == 0.0);
      for (const double v : rep.state().traj_crowded_out)
        REQUIRE(v == 0.0);
    }
  }
}

TEST_CASE("A small fund refuses money, and one with more money than demand refuses none once paid",
          "[model][fund][demand]") {
  const vtf::VtfModel model(test::study_from(
      "[study]\nreplications = 1\n[levers]\nvtf.annual_usd = [2e6, 500e6]\n"
      "[uncertainties]\ncontributors.pay_in_year_probability = 1.0\n"
      "contributors.pay_late_probability = 0.0\ncontributors.exit_probability = 0.0\n"));
  vtf::World world;
  vtf::ReplicationState small, large;
  double refused_small = 0, requested_large = 0;
  const auto years = static_cast<std::size_t>(model.scenario(0).years);
  const auto first =
      static_cast<std::size_t>(model.params(0, 2).fund.start_year - model.scenario(0).first_year);
  const std::size_t row = vtf::fund_series_index(&vtf::FundBooks::refused);
  for (std::uint64_t r = 0; r < 20; ++r) {
    vtf::generate_world(model.scenario(0), model.data(), r, world);
    vtf::Replication a(model.scenario(0), model.params(0, 1), world, small);
    a.run();
    vtf::Replication b(model.scenario(0), model.params(0, 2), world, large);
    b.run();
    refused_small += a.totals().vtf_refused_usd;
    requested_large += b.totals().vtf_requested_usd;
    // 500M a year, all paid: after the first year, whose pledges may not all be paid by the
    // Selection Committee, money never runs out, so nothing more is refused for lack of it.
    const auto& books = large.fund_at_year_end;
    CHECK(books[row * years + years - 1] == books[row * years + first]);
  }
  CHECK(refused_small > 1e6);
  CHECK(requested_large > 1e6);
}

TEST_CASE("The aid crowded out is what additionality and crowd-in take from the envelope",
          "[model][fund][demand]") {
  // With retention 1 a completed State's share stays with the others, so the States together
  // receive the whole envelope: what they lose is exactly the envelope's loss,
  // E - max(0, E (1 + crowd_in) - (1 - additionality) x last year's receipts).
  const auto check = [](double additionality, double crowd_in) {
    const vtf::VtfModel model(test::study_from(fmt::format(
        "[study]\nreplications = 1\n[levers]\nvtf.annual_usd = [20e6]\n[uncertainties]\n"
        "donors.retention = 1.0\ndonors.additionality = {}\ndonors.crowd_in = {}\n",
        additionality, crowd_in)));
    vtf::World world;
    vtf::ReplicationState state;
    const auto& setup = model.scenario(0);
    const auto years = static_cast<std::size_t>(setup.years);
    const std::size_t n = model.data().size();
    const int start = model.params(0, 1).fund.start_year;
    double total = 0;
    for (std::uint64_t r = 0; r < 5; ++r) {
      vtf::generate_world(setup, model.data(), r, world);
      vtf::Replication rep(setup, model.params(0, 1), world, state);
      rep.run();
      for (std::size_t t = 0; t < years; ++t) {
        double lost = 0;
        for (std::size_t i = 0; i < n; ++i)
          lost += state.traj_crowded_out[i * years + t];
        const double e = world.envelope_usd[t];
        const double received_before =
            t > 0 ? static_cast<double>(state.fund.received_by_year[t - 1]) / 100.0 : 0.0;
        const bool open = setup.first_year + static_cast<int>(t) >= start;
        const double with_fund = std::max(
            0.0, e * (open ? 1.0 + crowd_in : 1.0) - (1 - additionality) * received_before);
        INFO("replication " << r << ", year " << setup.first_year + static_cast<int>(t));
        REQUIRE(lost == Approx(e - with_fund).margin(1e-6 * e));
        total += lost;
      }
      CHECK(rep.totals().intl_crowded_out_usd ==
            Approx(std::accumulate(state.intl_crowded_out.begin(), state.intl_crowded_out.end(),
                                   0.0)));
    }
    return total;
  };
  CHECK(check(1.0, 0.0) == 0.0);  // every fund dollar new, no crowd-in: nothing lost
  CHECK(check(0.5, 0.0) > 1e7);   // half of each dollar taken from bilateral aid
  CHECK(check(1.0, 0.1) < -1e7);  // crowd-in only: States gain bilateral aid
}

TEST_CASE("The allocation gives less than asked only when the money runs out",
          "[model][fund][demand]") {
  // What vtf_refused_usd rests on (docs/model.md): with money for every request, every rule
  // grants each request in full; short of it, awards and refusals add up to the requests.
  vtf::FundParams f;
  f.min_grant_usd = 1e5;
  f.window_b_share = 0.25;
  std::vector<vtf::Applicant> applicants;
  for (std::uint32_t i = 0; i < 5; ++i) {
    vtf::Applicant a;
    a.state = i;
    a.request_usd = 1e6 + 1e5 * i;
    a.years_with_grant = 1.0 + i;
    a.lottery = 0.1 * (5 - i);
    a.score = 0.1 * i;
    applicants.push_back(a);
  }
  const double asked = 1e6 * 5 + 1e5 * 10;
  for (const auto rule :
       {vtf::Allocation::kScore, vtf::Allocation::kNearestCompletion, vtf::Allocation::kEqualShare,
        vtf::Allocation::kProportionalNeed, vtf::Allocation::kLottery}) {
    f.allocation = rule;
    INFO("rule " << static_cast<int>(rule));
    const auto plenty = vtf::allocate(f, applicants, asked + 1.0);
    REQUIRE(plenty.size() == applicants.size());
    for (const auto& w : plenty)
      CHECK(w.usd == applicants[w.state].request_usd);
    const auto short_of = vtf::allocate(f, applicants, 0.5 * asked);
    double awarded = 0;
    for (const auto& w : short_of) {
      CHECK(w.usd <= applicants[w.state].request_usd);
      awarded += w.usd;
    }
    CHECK(awarded <= 0.5 * asked + 1e-6);
    CHECK(asked - awarded >= 0.5 * asked - 1e-6);  // what vtf_refused_usd counts
  }
}
