// Policy against policy and robustness across scenarios on a design built by hand: 3 policies x
// 4 scenarios x 3 replications whose regrets, best policies and satisficing shares are known.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "sim/analysis/paired_from_arrays.hpp"
#include "sim/analysis/robustness.hpp"
#include "sim/engine/errors.hpp"
#include "sim/study/outcome_target.hpp"

namespace {

// Outcome "x" (higher is better) and "y" = -x (lower is better); "cost" (no direction).
// Scenario means of x:   A    B    C
//   s0                   3    2    1     best A
//   s1                   1    3    2     best B
//   s2                   2  2.5    3     best C, but C's values are 1, 3, 5: not clearly
//   s3                   4    1  3.5     best A
// A's and B's values are mean - 1, mean, mean + 1, except B in s2 (2.5 in every replication).
sim::OutcomeValues hand_built() {
  const double means[4][3] = {{3, 2, 1}, {1, 3, 2}, {2, 2.5, 3}, {4, 1, 3.5}};
  sim::OutcomeValues v;
  v.scenarios = {"s0", "s1", "s2", "s3"};
  v.sampled = {false, false, false, false};
  v.policies = {"A", "B", "C"};
  v.outcomes = {"x", "y", "cost"};
  v.units = {"1", "1", "USD"};
  v.better = {sim::Better::kHigher, sim::Better::kLower, sim::Better::kNeither};
  v.replications = 3;
  v.values.assign(3, {});
  for (std::size_t s = 0; s < 4; ++s) {
    for (std::size_t p = 0; p < 3; ++p) {
      for (int r = 0; r < 3; ++r) {
        double x = means[s][p] + (r - 1);
        if (s == 2 && p == 1) x = 2.5;
        if (s == 2 && p == 2) x = 1 + 2 * r;
        v.values[0].push_back(x);
        v.values[1].push_back(-x);
        v.values[2].push_back(1e6 * static_cast<double>(p));
      }
    }
  }
  return v;
}

}  // namespace

TEST_CASE("Regret, maximum and mean regret and the best policy of a known design", "[robustness]") {
  const sim::OutcomeValues v = hand_built();
  sim::RobustnessRequest request;
  request.outcomes = {"x", "y"};
  request.cost_outcome = "cost";
  const sim::Robustness r = sim::compute_robustness(v, request);
  REQUIRE(r.outcomes.size() == 2);
  const std::vector<double> regret = {0, 1, 2, 2, 0, 1, 1, 0.5, 0, 0, 3, 0.5};
  for (const auto& o : r.outcomes) {  // y = -x, lower better: the same regrets and best
    for (std::size_t i = 0; i < regret.size(); ++i)
      CHECK(o.regret[i] == Approx(regret[i]).margin(1e-12));
    CHECK(o.max_regret == std::vector<double>{2, 3, 2});
    CHECK(o.mean_regret[0] == Approx(0.75));
    CHECK(o.mean_regret[1] == Approx(1.125));
    CHECK(o.mean_regret[2] == Approx(0.875));
    CHECK(o.share_best == std::vector<double>{0.5, 0.25, 0.25});
    CHECK(o.best == std::vector<std::size_t>{0, 1, 2, 0});
    CHECK(o.runner_up == std::vector<std::size_t>{1, 2, 1, 2});
    // s2: C - B = -1.5, 0.5, 2.5 (mean 0.5, se 1.15): within noise; elsewhere a constant margin.
    CHECK(o.clearly_best == std::vector<std::uint8_t>{1, 1, 0, 1});
    CHECK(o.regret_stderr[2 * 3 + 1] == Approx(2.0 / std::sqrt(3.0)));
    CHECK(o.regret_stderr[0 * 3 + 1] == 0.0);
  }
  CHECK(r.outcome_names == std::vector<std::string>{"x", "y"});
  CHECK(r.cost_mean[3 * 3 + 2] == 2e6);
  // Without a list, every outcome with a direction; one without is refused when asked for.
  CHECK(sim::compute_robustness(v, {}).outcome_names == std::vector<std::string>{"x", "y"});
  request.outcomes = {"cost"};
  CHECK_THROWS_AS(sim::compute_robustness(v, request), sim::InputError);
}

TEST_CASE("Satisficing: shares of scenarios and of futures meeting a target", "[robustness]") {
  const sim::OutcomeValues v = hand_built();
  sim::RobustnessRequest request;
  request.outcomes = {"x"};
  request.targets = {sim::parse_outcome_target("x >= 2", v.outcomes),
                     sim::parse_outcome_target("gain:x >= 1", v.outcomes),
                     sim::parse_outcome_target("y <= -2", v.outcomes)};
  const sim::Robustness r = sim::compute_robustness(v, request);
  REQUIRE(r.satisficing.size() == 3);
  // x >= 2 for A: scenario means 3, 1, 2, 4 -> 3 of 4; futures 3 + 1 + 2 + 3 of 12.
  CHECK(r.satisficing[0].share_scenarios[0] == 0.75);
  CHECK(r.satisficing[0].share_futures[0] == Approx(0.75));
  CHECK(r.satisficing[0].met == std::vector<std::uint8_t>{1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 0, 1});
  // y = -x <= -2 is the same target as x >= 2.
  CHECK(r.satisficing[2].share_futures == r.satisficing[0].share_futures);
  // gain:x >= 1 against A: B gains -1, +2, (1.5, 0.5, -0.5), -3 -> s1 only; futures 3 + 1 of 12.
  CHECK(r.satisficing[1].share_scenarios[1] == 0.25);
  CHECK(r.satisficing[1].share_futures[1] == Approx(4.0 / 12));
  CHECK(r.satisficing[1].share_scenarios[0] == 0.0);  // the baseline gains nothing
  request.baseline = 1;                               // against B, A gains in s0, s3
  CHECK(sim::compute_robustness(v, request).satisficing[1].share_scenarios[0] == 0.5);
}

TEST_CASE("A target is [gain:]OUTCOME >= or <= a number, one message otherwise", "[robustness]") {
  const std::vector<std::string> names = {"completed_by_2030", "left_behind"};
  const auto t = sim::parse_outcome_target(" gain: completed_by_2030>=1.5 ", names);
  CHECK(t.on_gain);
  CHECK(t.at_least);
  CHECK(t.value == 1.5);
  CHECK(t.text() == "gain:completed_by_2030 >= 1.5");
  const auto u = sim::parse_outcome_target("left_behind <= -2e0", names);
  CHECK((!u.on_gain && !u.at_least && u.value == -2 && u.met(-3) && !u.met(-1)));
  CHECK(!u.met(NAN));
  for (const char* bad : {"completed_by_2031 >= 1", "completed_by_2030 > 1",
                          "completed_by_2030 = 1", "completed_by_2030 >= x", "completed_by_2030",
                          ">= 1", "completed_by_2030 >= 1 2", "completed_by_2030 >= inf"})
    CHECK_THROWS_AS(sim::parse_outcome_target(bad, names), sim::InputError);
  CHECK_THROWS_WITH(sim::parse_outcome_target("completed_by_2031 >= 1", names),
                    Catch::Contains("did you mean 'completed_by_2030'?"));
}

TEST_CASE("Pairs from the arrays use the run's paired statistics, any policy the baseline",
          "[robustness]") {
  const sim::OutcomeValues v = hand_built();
  sim::PairedAccumulator acc;
  for (std::size_t r = 0; r < 3; ++r)
    acc.add(v.row(0, 2, 2)[r], v.row(0, 2, 1)[r], sim::Better::kHigher);
  const auto want = acc.summary(sim::Better::kHigher);
  const auto got = sim::paired_from_arrays(v, 0, 2, 2, 1);
  CHECK(got.mean == want.mean);
  CHECK(got.ci_low == want.ci_low);
  CHECK(got.p_better == Approx(2.0 / 3));
  const sim::CostPerEffectSpec spec{"cost", "x", "cost_per_x", "USD", ""};
  const sim::Comparison c = sim::compare_against(v, 1, spec);
  CHECK(c.policies == std::vector<std::string>{"B", "A", "C"});
  CHECK(std::isnan(c.at(0, 0, 0).mean));
  CHECK(c.at(0, 0, 1).mean == Approx(1.0));   // A - B in s0
  CHECK(c.at(1, 0, 1).mean == Approx(-1.0));  // y = -x
  // C - B in s2: 1M more for 0.5 more x; A costs 1M less than B and gains 1 in s0.
  CHECK(c.cost_per_effect[2 * 3 + 2] == Approx(2e6));
  CHECK(c.cost_per_effect[0 * 3 + 1] == Approx(-1e6));
  CHECK(std::isnan(c.cost_per_effect[1 * 3 + 1]));  // A loses to B in s1: no gain
  const auto pairs = sim::compare_pairs(v, {{2, 1}, {0, 2}}, spec);
  CHECK(pairs.pair_name(0) == "C vs B");
  CHECK(pairs.at(0, 2, 0).mean == got.mean);
  CHECK(pairs.cost_difference[3 * 2 + 1] == -2e6);
}
