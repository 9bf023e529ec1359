// MODEL.md 4.3: every arm of a replication sees the same world. A fund of size 0 changes nothing
// (bit-identical to no fund), and adding or removing a policy leaves the others unchanged.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "models/vtf_model.hpp"
#include "unit/support.hpp"

namespace {

const char* kPolicies = R"(
[study]
replications = 24
[[scenario]]
name = "declining"
[[scenario]]
name = "shock"
donors.forced_shock_years = [2027]
[[policy]]
name = "zero"
vtf.annual_usd = 0.0
[[policy]]
name = "five"
vtf.annual_usd = 5e6
[[policy]]
name = "lottery_twenty"
vtf.annual_usd = 20e6
vtf.allocation = "lottery"
)";

const char* kFewerPolicies = R"(
[study]
replications = 24
[[scenario]]
name = "declining"
[[scenario]]
name = "shock"
donors.forced_shock_years = [2027]
[[policy]]
name = "lottery_twenty"
vtf.annual_usd = 20e6
vtf.allocation = "lottery"
)";

// `skip`: per-State outcomes left out of the comparison, by index; `skip_outcomes` the same for
// outcomes.
void require_same_arm(const test::RunOutput& a, std::size_t pa, const test::RunOutput& b,
                      std::size_t pb, const sim::Shape& shape, const std::vector<bool>& skip = {},
                      const std::vector<bool>& skip_outcomes = {}) {
  for (std::size_t s = 0; s < shape.scenarios; ++s) {
    for (std::size_t k = 0; k < shape.outcomes; ++k) {
      if (k < skip_outcomes.size() && skip_outcomes[k]) continue;
      INFO("scenario " << s << ", outcome " << k);
      REQUIRE(test::same(a.sink.outcome(k, s, pa), b.sink.outcome(k, s, pb)));
    }
    for (std::size_t k = 0; k < shape.entity_outcomes; ++k) {
      if (k < skip.size() && skip[k]) continue;
      INFO("scenario " << s << ", per-State outcome " << k);
      REQUIRE(test::same(a.sink.entity_outcome(k, s, pa), b.sink.entity_outcome(k, s, pb)));
    }
    for (std::size_t k = 0; k < shape.trajectories; ++k) {
      for (std::size_t e = 0; e < shape.entities; ++e) {
        for (std::size_t y = 0; y < shape.periods; ++y) {
          const auto& acc_a = a.result.accumulators;
          const auto& acc_b = b.result.accumulators;
          REQUIRE(test::same(acc_a.trajectory_mean(acc_a.trajectory_cell(k, s, pa, e, y)),
                             acc_b.trajectory_mean(acc_b.trajectory_cell(k, s, pb, e, y))));
        }
      }
    }
  }
}

}  // namespace

TEST_CASE("A fund of size 0 gives bit-identical outcomes to no fund", "[model][crn]") {
  const vtf::VtfModel model(test::study_from(kPolicies));
  REQUIRE(model.policy_count() == 4);  // no_fund, zero, five, lottery_twenty
  const auto out = test::run(model, 0, 24);
  const auto shape = sim::Shape::of(model);
  // The counts of the yearly calls (which rule excluded a State, 5.6.3, and the fund's demand,
  // MODEL.md 7) are the one difference: a fund of size 0 still holds its calls, which no fund
  // does not, and refuses every request for lack of money.
  std::vector<bool> calls, demand;
  for (const auto& spec : model.schema().entity_outcomes)
    calls.push_back(spec.unit == "calls");
  REQUIRE(std::count(calls.begin(), calls.end(), true) == 9);
  const std::vector<std::string> of_calls = {
      "vtf_calls",        "vtf_calls_short",   "vtf_eligible_state_years",
      "vtf_applications", "vtf_requested_usd", "vtf_refused_usd"};
  for (const auto& spec : model.schema().outcomes)
    demand.push_back(std::find(of_calls.begin(), of_calls.end(), spec.name) != of_calls.end());
  REQUIRE(std::count(demand.begin(), demand.end(), true) == 6);
  require_same_arm(out, 0, out, 1, shape, calls, demand);
  // ... and what a fund with no money does make: calls whose requests are all refused.
  const std::size_t kr = model.schema().outcome_index("vtf_refused_usd");
  const std::size_t kq = model.schema().outcome_index("vtf_requested_usd");
  CHECK(test::same(out.sink.outcome(kr, 0, 1), out.sink.outcome(kq, 0, 1)));
  // ... while a real fund does change things, so the comparison above can fail.
  const std::size_t k = model.schema().outcome_index("completed_by_horizon");
  CHECK_FALSE(test::same(out.sink.outcome(k, 0, 0), out.sink.outcome(k, 0, 2)));
}

TEST_CASE("Adding or removing a policy leaves the other policies' results unchanged",
          "[model][crn]") {
  const vtf::VtfModel many(test::study_from(kPolicies));
  const vtf::VtfModel few(test::study_from(kFewerPolicies));
  const auto a = test::run(many, 0, 24);
  const auto b = test::run(few, 0, 24);
  require_same_arm(a, 3, b, 1, sim::Shape::of(few));  // lottery_twenty
  require_same_arm(a, 0, b, 0, sim::Shape::of(few));  // no_fund
}
