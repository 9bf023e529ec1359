// MODEL.md 5.5: Article 5 deadlines, projections, requests, the MSP's decisions and breaches.
#include <catch2/catch.hpp>

#include "models/extensions.hpp"
#include "models/replication.hpp"
#include "models/world.hpp"
#include "sim/results/results_file.hpp"
#include "unit/support.hpp"

TEST_CASE("Requested length: ceil(years x (1 + buffer)) within 1-10, interim when mostly SHA",
          "[model][extensions]") {
  vtf::ExtensionParams e =
      vtf::default_params().extensions;  // MODEL.md defaults: buffer 0.2, interim 3, at most 10
  CHECK(vtf::requested_years(e, 2.5, false, false) == 3);  // 3.0
  CHECK(vtf::requested_years(e, 2.6, false, false) == 4);  // 3.12 -> 4
  CHECK(vtf::requested_years(e, 0.1, false, false) == 1);
  CHECK(vtf::requested_years(e, 40.0, false, false) == 10);
  CHECK(vtf::requested_years(e, 40.0, true, false) == 3);  // mostly SHA: finish survey first
  CHECK(vtf::requested_years(e, 0.0, false, true) == 3);   // no access: interim
}

TEST_CASE("A State requests when projected completion is within the margin of its deadline",
          "[model][extensions]") {
  vtf::ExtensionParams e = vtf::default_params().extensions;  // margin 1 year
  const auto today = sim::Date::from_ymd(2026, 3, 31);
  const auto deadline = sim::Date::from_ymd(2028, 3, 31);
  CHECK_FALSE(vtf::needs_extension(e, today, 0.9, deadline));  // done in 0.9 + 1 < 2 years
  CHECK(vtf::needs_extension(e, today, 1.1, deadline));        // within the prudent margin
  CHECK(vtf::needs_extension(e, today, 3.0, deadline));
  CHECK(vtf::projected_years(10.0, 0.0) == vtf::kMaxProjectionYears);  // no release: maximum
  CHECK(vtf::projected_years(10.0, 4.0) == Approx(2.5));
}

TEST_CASE("The MSP grants what is asked (lenient) or at most 5 years with p = 0.85 (strict)",
          "[model][extensions]") {
  vtf::ExtensionParams e = vtf::default_params().extensions;
  CHECK(vtf::decide_request(e, 8, 0.5).granted);
  CHECK(vtf::decide_request(e, 8, 0.5).years == 8);
  CHECK_FALSE(vtf::decide_request(e, 8, 0.99).granted);  // above p_grant = 0.98
  e.regime = vtf::ExtensionRegime::kStrict;
  CHECK(vtf::decide_request(e, 8, 0.5).years == 5);
  CHECK(vtf::decide_request(e, 3, 0.5).years == 3);
  CHECK_FALSE(vtf::decide_request(e, 3, 0.9).granted);  // above 0.85
  // An extension extends the deadline in force; in breach it runs from the decision.
  const auto msp = sim::Date::from_ymd(2026, 12, 1);
  CHECK(vtf::extended_deadline(sim::Date::from_ymd(2027, 3, 1), msp, 3).iso() == "2030-03-01");
  CHECK(vtf::extended_deadline(sim::Date::from_ymd(2009, 3, 1), msp, 3).iso() == "2029-12-01");
}

TEST_CASE(
    "After the simulated 22MSP only the States whose deadlines expired long ago are in breach",
    "[model][extensions]") {
  const vtf::VtfModel model(test::study_from("[study]\nreplications = 1\n" + test::noise_off()));
  vtf::World world;
  vtf::generate_world(model.scenario(0), model.data(), 0, world);
  const auto start = sim::Date::from_ymd(2026, 1, 1);
  for (std::size_t i = 0; i < model.data().size(); ++i) {
    const auto& name = model.data()[i].name;
    const bool expired = name == "Burkina Faso" || name == "Mali" || name == "Eritrea";
    INFO(name << " deadline " << world.deadline[i].iso());
    if (world.completed[i]) continue;  // Oman
    CHECK((world.deadline[i] < start) == expired);
    CHECK(static_cast<bool>(world.disengaged[i]) == expired);
  }
  // Pending requests are decided by the regime's rule for the length asked.
  CHECK(world.deadline[test::state_index(model, "Angola")].iso() == "2030-12-31");
  CHECK(world.deadline[test::state_index(model, "Zimbabwe")].iso() == "2027-12-31");
  // No access: an interim request (3 years) from 1 March 2026.
  CHECK(world.deadline[test::state_index(model, "Argentina")].iso() == "2029-03-01");
  // Deadlines after the 2026 MSP are left for the simulation.
  CHECK(world.deadline[test::state_index(model, "Mauritania")].iso() == "2026-12-31");
}

TEST_CASE("A State in breach since before the start requests with the given yearly probability",
          "[model][extensions]") {
  const auto run = [](double probability) {
    const vtf::VtfModel model(test::study_from(
        "[study]\nreplications = 1\n" + test::noise_off() +
        "\"extensions.disengaged_request_probability\" = " + std::to_string(probability) + "\n"));
    vtf::World world;
    vtf::ReplicationState state;
    vtf::generate_world(model.scenario(0), model.data(), 0, world);
    vtf::Replication rep(model.scenario(0), model.params(0, 0), world, state);
    rep.run();
    return rep.state().breach_months[test::state_index(model, "Burkina Faso")];
  };
  CHECK(run(0.0) == 240);  // never engages: in breach every month of the 20 years
  // Requests by 31 March 2026, granted at the MSP on 1 December: in breach January-November.
  CHECK(run(1.0) == 11);
}

TEST_CASE("Without a fund the baseline relies heavily on extensions", "[model][extensions]") {
  const vtf::VtfModel model(test::study_from("[study]\nreplications = 50\n"));
  const auto out = test::run(model, 0, 50, 2);
  const auto requests =
      out.result.accumulators.outcome(model.schema().outcome_index("extension_requests"), 0, 0)
          .mean();
  // Most of the 35 States keep requesting: several requests a year across the Convention.
  CHECK(requests > 40);
}

TEST_CASE("With full additionality a fund does not raise the mean number of breach months",
          "[model][extensions][breach]") {
  const vtf::VtfModel model(test::study_from(R"(
[study]
replications = 200
[donors]
additionality = 1.0
[[scenario]]
name = "stable"
donors.envelope_trend = 0.0
donors.envelope_volatility = 0.05
donors.shock_probability = 0.0
[[scenario]]
name = "shock"
donors.forced_shock_years = [2027]
[uncertainties]
extensions.regime = ["lenient", "strict"]
[levers]
vtf.annual_usd = [2e6, 10e6, 50e6]
vtf.allocation = ["score", "lottery"]
)"));
  const auto out = test::run(model, 0, 200, 2);
  const auto k = model.schema().outcome_index("breach_state_years");
  for (std::size_t s = 0; s < model.scenario_count(); ++s) {
    for (std::size_t p = 1; p < model.policy_count(); ++p) {
      const auto d = out.result.accumulators.paired(k, s, p).summary(sim::Better::kLower);
      INFO("scenario " << s << ", policy " << p << ": mean difference " << d.mean << " +- "
                       << d.std_error);
      CHECK(d.mean <= 0.0);
    }
  }
}
