// The summaries of a future (/inputs) come from worlds drawn only in the part they read
// (WorldDraws::kForSummaries); they must be those of the full worlds, and a workspace that drew
// such a world must draw full worlds as before.
#include <catch2/catch.hpp>
#include <cmath>

#include "models/future_inputs.hpp"
#include "models/world.hpp"
#include "unit/support.hpp"

TEST_CASE("The summaries of a future from its part-drawn world are those of its full world",
          "[model][world]") {
  const vtf::VtfModel model(test::study_from(R"(
[study]
replications = 1
[[scenario]]
name = "declining"
[[scenario]]
name = "shock"
donors.forced_shock_years = [2027]
)"));
  const std::vector<std::int64_t> replications{0, 1, 2, 7, 40};
  const auto part = vtf::future_inputs(model, replications);
  const auto full = vtf::future_inputs(model, replications, vtf::WorldDraws::kAll);
  REQUIRE(part.inputs.size() == full.inputs.size());
  REQUIRE(part.inputs.size() > 10);
  for (std::size_t k = 0; k < full.inputs.size(); ++k) {
    INFO(full.inputs[k].name);
    CHECK(test::same(part.inputs[k].values, full.inputs[k].values));
  }
}

TEST_CASE("After a part-drawn world, a full one in the same workspace is its own full draw",
          "[model][world]") {
  const vtf::VtfModel model(test::study_from("[study]\nreplications = 1\n"));
  const auto& setup = model.scenario(0);
  // Replication `first` in full, then 4 in part, then `last` in full: what the part left
  // undrawn, or drew in part, must not be taken for the last one's full draws.
  for (const auto& [first, last] : {std::pair<std::uint64_t, std::uint64_t>{3, 4},
                                    std::pair<std::uint64_t, std::uint64_t>{3, 3}}) {
    INFO("full " << first << ", part 4, full " << last);
    vtf::World fresh, reused;
    vtf::generate_world(setup, model.data(), last, fresh);
    vtf::generate_world(setup, model.data(), first, reused);
    vtf::generate_world(setup, model.data(), 4, reused, vtf::WorldDraws::kForSummaries);
    vtf::generate_world(setup, model.data(), last, reused);
    CHECK(reused.productivity == fresh.productivity);
    CHECK(reused.share_noise == fresh.share_noise);
    CHECK(reused.national_multiplier == fresh.national_multiplier);
    CHECK(reused.u_decision == fresh.u_decision);
    CHECK(reused.u_apply == fresh.u_apply);
    CHECK(reused.u_performance == fresh.u_performance);
    CHECK(reused.area0_km2 == fresh.area0_km2);
    CHECK(reused.u_exit == fresh.u_exit);
    CHECK(reused.u_replace == fresh.u_replace);
    CHECK(test::same(reused.newcomer_weight, fresh.newcomer_weight));
    CHECK(reused.initial_weight == fresh.initial_weight);
    REQUIRE(reused.fixed_events.size() == fresh.fixed_events.size());
    for (std::size_t e = 0; e < fresh.fixed_events.size(); ++e) {
      CHECK(reused.fixed_events[e].date == fresh.fixed_events[e].date);
      CHECK(reused.fixed_events[e].sequence == fresh.fixed_events[e].sequence);
      CHECK(reused.fixed_events[e].payload == fresh.fixed_events[e].payload);
    }
  }
}

TEST_CASE("A newcomer's share is drawn where, and only where, a contributor is replaced",
          "[model][world]") {
  // Two scenarios that differ only in how often contributors leave: the second's worlds need
  // shares the first's did not draw, so a workspace must not reuse the first's for them.
  const vtf::VtfModel model(test::study_from(R"(
[study]
replications = 1
[[scenario]]
name = "few_exits"
contributors.exit_probability = 0.05
[[scenario]]
name = "many_exits"
contributors.exit_probability = 0.9
)"));
  for (std::uint64_t rep : {0u, 5u}) {
    INFO("replication " << rep);
    vtf::World reused;
    vtf::generate_world(model.scenario(0), model.data(), rep, reused);
    for (std::size_t sc = 0; sc < 2; ++sc) {
      INFO("scenario " << sc);
      const auto& c = model.scenario(sc).params.contributors;
      vtf::World fresh;
      vtf::generate_world(model.scenario(sc), model.data(), rep, fresh);
      vtf::generate_world(model.scenario(sc), model.data(), rep, reused);
      CHECK(test::same(reused.newcomer_weight, fresh.newcomer_weight));
      std::size_t replaced = 0;
      for (std::size_t k = 0; k < fresh.u_exit.size(); ++k) {
        const double share = fresh.newcomer_weight[k];
        if (fresh.u_exit[k] < c.exit_probability && fresh.u_replace[k] < c.replace_probability) {
          ++replaced;
          CHECK((share > 0 && share <= 1));
        } else {
          CHECK(std::isnan(share));
        }
      }
      CHECK(replaced > 0);
    }
  }
}
