// MODEL.md v1.2, the States' side: the release history advances every month (5.5), national
// money is imputed wherever release is recorded without money and resumes at a re-opening (5.2),
// the States without access are named (5.5), completed_on_time counts the first completion (7).
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "models/events.hpp"
#include "models/parameters.hpp"
#include "models/replication.hpp"
#include "models/world.hpp"
#include "unit/support.hpp"

namespace {

// The date of the first residual find of State i in the world (horizon + 1 day if none).
sim::Date first_residual_find(const vtf::World& w, std::size_t i, sim::Date after_horizon) {
  for (const sim::Event& e : w.fixed_events) {
    if (e.kind != vtf::code(vtf::EventKind::kDiscovery)) continue;
    const vtf::Find& f = w.finds[e.payload];
    if (f.state == i && f.residual) return e.date;
  }
  return after_horizon;
}

}  // namespace

TEST_CASE("The release history advances every month, with zero while a State cannot operate",
          "[model][extensions][v12]") {
  const vtf::VtfModel model(test::study_from("[study]\nreplications = 1\n" + test::noise_off()));
  vtf::World world;
  vtf::ReplicationState state;
  vtf::generate_world(model.scenario(0), model.data(), 0, world);
  vtf::Replication rep(model.scenario(0), model.params(0, 0), world, state);
  rep.run();
  // Oman (completed throughout, recorded release 0.159 km2/yr before the start) and the State of
  // Palestine (no access, recorded release 0.01): after twenty years of not operating, the last
  // three years hold no release (v1.1 kept the recorded release of 2025 for ever).
  for (const char* iso3 : {"OMN", "PSE"}) {
    const std::size_t i = test::state_index(model, iso3);
    INFO(iso3);
    for (int m = 0; m < vtf::kHistoryMonths; ++m)
      CHECK(state.release_ring[i * vtf::kHistoryMonths + static_cast<std::size_t>(m)] == 0.0);
  }
}

TEST_CASE("National money is imputed for Oman, which starts completed, and resumes on re-opening",
          "[model][calibration][v12]") {
  const std::string toml = "[study]\nreplications = 1\nhorizon = 2026-12-31\n" + test::noise_off();
  const vtf::VtfModel model(test::study_from(toml));
  const std::size_t oman = test::state_index(model, "OMN");
  const auto& c = model.scenario(0).calibration[oman];
  // Less area remains than a year's release: N = recorded release x fallback cost (5.2).
  CHECK(c.national_usd_per_year == Approx(0.159 * c.clear_usd_per_km2));
  CHECK(c.national_usd_per_year > 0);

  // Re-opened by a residual find in 2026, Oman works again in the months that follow on its own
  // money, without waiting for the next 1 January.
  const vtf::VtfModel reopening(test::study_from(
      std::string(toml).replace(toml.find("\"discovery.residual_rate_per_year\" = 0.0"),
                                std::string("\"discovery.residual_rate_per_year\" = 0.0").size(),
                                "\"discovery.residual_rate_per_year\" = 3.0")));
  vtf::World world;
  vtf::ReplicationState state;
  const sim::Date horizon = sim::Date::from_ymd(2026, 12, 31);
  std::uint64_t r = 0;
  for (;; ++r) {
    REQUIRE(r < 100);
    vtf::generate_world(reopening.scenario(0), reopening.data(), r, world);
    if (first_residual_find(world, oman, horizon) < sim::Date::from_ymd(2026, 9, 1)) break;
  }
  vtf::Replication rep(reopening.scenario(0), reopening.params(0, 0), world, state);
  rep.run();
  CHECK(state.reopenings[oman] >= 1);
  CHECK(state.released[oman] > 0);  // v1.1: no money, nothing released
}

TEST_CASE("completed_on_time counts the first completion: a later re-opening does not undo it",
          "[model][outcomes][v12]") {
  const vtf::VtfModel model(test::study_from("[study]\nreplications = 1\n"));
  vtf::World world;
  vtf::ReplicationState state;
  int undone_by_reopening = 0;
  for (std::uint64_t r = 0; r < 100; ++r) {
    vtf::generate_world(model.scenario(0), model.data(), r, world);
    vtf::Replication rep(model.scenario(0), model.params(0, 0), world, state);
    rep.run();
    // On time and complete at the horizon (v1.1's count), plus those that completed in a year
    // before their deadline's and were re-opened.
    int at_least = 0;
    for (std::size_t i = 0; i < model.data().size(); ++i) {
      if (world.completed[i]) continue;  // completed before the start
      if (state.completed[i]) {
        at_least += state.completion_date[i] <= state.deadline_at_start[i] ? 1 : 0;
      } else if (!std::isnan(state.first_completion_year[i]) &&
                 state.first_completion_year[i] < state.deadline_at_start[i].year()) {
        ++at_least;
        ++undone_by_reopening;
      }
    }
    CHECK(rep.totals().completed_on_time >= at_least);
  }
  REQUIRE(undone_by_reopening > 0);  // the case the rule is about occurred
}

TEST_CASE("The three States without access are named in the data", "[model][data][v12]") {
  const vtf::VtfModel model(test::study_from("[study]\nreplications = 1\n"));
  std::vector<std::string> no_access;
  for (const auto& s : model.data()) {
    if (!s.access) no_access.push_back(s.iso3);
  }
  CHECK(no_access == std::vector<std::string>{"ARG", "CYP", "PSE"});
}

TEST_CASE("A State refused at its last MSP before the deadline requests again once in breach",
          "[model][extensions][v12]") {
  std::string toml = "[study]\nreplications = 1\n" + test::noise_off();
  const std::string granted = "\"extensions.grant_probability\" = 1.0";
  toml.replace(toml.find(granted), granted.size(), "\"extensions.grant_probability\" = 0.0");
  const vtf::VtfModel model(test::study_from(toml));
  vtf::World world;
  vtf::ReplicationState state;
  vtf::generate_world(model.scenario(0), model.data(), 0, world);
  vtf::Replication rep(model.scenario(0), model.params(0, 0), world, state);
  rep.run();
  // Somalia (deadline 1 October 2027): requests by 31 March 2026, refused at the 2026 MSP; not
  // yet in breach on 31 March 2027; in breach from October 2027, it requests on every 31 March
  // from 2028 to 2045.
  CHECK(state.requests[test::state_index(model, "SOM")] == 1 + 18);
}

TEST_CASE("Partner absorption is an uncertainty; the results record specification 1.2",
          "[model][parameters][v12]") {
  const auto* spec = vtf::model_registry().find("partners.capacity_usd_per_year");
  REQUIRE(spec != nullptr);
  CHECK(spec->role == sim::ParamRole::kUncertainty);
  CHECK(std::string(vtf::kModelSpecVersion) == "1.2");
}
