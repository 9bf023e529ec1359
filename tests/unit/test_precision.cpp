// Precision control: the target's syntax, and how the next round of replications is sized.
#include <catch2/catch.hpp>
#include <cmath>

#include "sim/analysis/precision.hpp"
#include "sim/engine/errors.hpp"

using Catch::Contains;

namespace {

sim::ModelSchema schema() {
  sim::ModelSchema s;
  s.outcomes = {{"completed", "States", "", sim::Storage::kInt32, sim::Better::kHigher},
                {"requests", "requests", "", sim::Storage::kInt32, sim::Better::kLower}};
  return s;
}

std::string error_of(const std::string& text) {
  try {
    sim::PrecisionTarget::parse(text, schema());
  } catch (const sim::InputError& e) {
    return e.what();
  }
  FAIL("no InputError for " << text);
  return {};
}

}  // namespace

TEST_CASE("A precision target reads OUTCOME=WIDTH", "[precision]") {
  const auto t = sim::PrecisionTarget::parse("requests=0.25", schema());
  CHECK(t.outcome == "requests");
  CHECK(t.half_width == 0.25);
  CHECK(t.text() == "requests=0.25");
  CHECK_THAT(error_of("requests"), Contains("expected OUTCOME=WIDTH"));
  CHECK_THAT(error_of("=0.1"), Contains("expected OUTCOME=WIDTH"));
  CHECK_THAT(error_of("complted=0.1"),
             Contains("unknown outcome 'complted'; did you mean 'completed'?"));
  CHECK_THAT(error_of("completed=wide"), Contains("the width 'wide' must be a positive number"));
  CHECK_THAT(error_of("completed=0"), Contains("must be a positive number"));
  CHECK_THAT(error_of("completed=-1"), Contains("must be a positive number"));
  CHECK_THAT(error_of("completed=inf"), Contains("must be a positive number"));
}

TEST_CASE("The next round follows 1/sqrt(n) with a margin, at most doubling", "[precision]") {
  sim::PrecisionTarget t;
  t.half_width = 0.1;
  t.max_replications = 100'000;
  CHECK(sim::next_round(1000, 0.1, t) == 0);   // reached
  CHECK(sim::next_round(1000, 0.05, t) == 0);  // beyond
  // Half-width 0.11 at 1000: need 1000 * 1.21 * 1.1 = 1331, so 331 more.
  CHECK(sim::next_round(1000, 0.11, t) == 331);
  // Just above the target: the margin alone asks for a tenth more.
  CHECK(sim::next_round(1000, 0.1001, t) == 103);
  CHECK(sim::next_round(1000, 0.1000001, t) == 101);
  // Far from it: at most as many again.
  CHECK(sim::next_round(1000, 1.0, t) == 1000);
  // No estimate yet: one replication more makes two; with two or more, NaN means the outcome is
  // undefined, and more replications would not help.
  CHECK(sim::next_round(1, NAN, t) == 1);
  CHECK(sim::next_round(0, NAN, t) == 2);
  CHECK(sim::next_round(2, NAN, t) == 0);
  CHECK(sim::next_round(500, NAN, t) == 0);
  // Never beyond the maximum, and nothing once there.
  t.max_replications = 1500;
  CHECK(sim::next_round(1000, 1.0, t) == 500);
  CHECK(sim::next_round(1500, 1.0, t) == 0);
}
