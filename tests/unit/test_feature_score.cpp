// The feature score (extremely randomized trees): known drivers rank first, importances sum to 1,
// and the result does not depend on the number of threads.
#include <tbb/task_arena.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <numeric>
#include <random>
#include <vector>

#include "sim/analysis/feature_score.hpp"

namespace {

double uniform(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

std::vector<std::vector<double>> uniform_columns(std::size_t rows, std::size_t inputs,
                                                 std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::vector<double>> columns(inputs, std::vector<double>(rows));
  for (auto& c : columns) {
    for (auto& v : c)
      v = uniform(rng);
  }
  return columns;
}

// y = step(x3 > 0.5) + 0.3 x5 + noise.
struct StepTable {
  std::vector<std::vector<double>> columns = uniform_columns(6'000, 10, 3);
  std::vector<double> y;
  StepTable() {
    std::mt19937_64 rng(4);
    for (std::size_t i = 0; i < columns[0].size(); ++i)
      y.push_back((columns[3][i] > 0.5 ? 1.0 : 0.0) + 0.3 * columns[5][i] +
                  0.1 * (uniform(rng) - 0.5));
  }
};

std::vector<std::size_t> by_importance(const std::vector<double>& importance) {
  std::vector<std::size_t> order(importance.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return importance[a] > importance[b]; });
  return order;
}

sim::ExtraTreesOptions small_forest() {
  sim::ExtraTreesOptions o;
  o.trees = 40;
  o.rows_per_tree = 3'000;  // half the rows: the other half is out of bag
  return o;
}

}  // namespace

TEST_CASE("The feature score ranks a step driver first and a linear driver second",
          "[feature_score]") {
  const StepTable t;
  const auto s = sim::extra_trees_importance(t.columns, t.y, small_forest());
  REQUIRE(s.importance.size() == 10);
  const auto order = by_importance(s.importance);
  CHECK(order[0] == 3);
  CHECK(order[1] == 5);
  CHECK(std::accumulate(s.importance.begin(), s.importance.end(), 0.0) == Approx(1.0));
  for (std::size_t j = 0; j < 10; ++j) {
    if (j != 3 && j != 5) CHECK(s.importance[j] < 0.02);
  }
  CHECK(s.importance[3] > 0.8);
  CHECK(s.rows_out_of_bag == 6'000);
  CHECK(s.out_of_bag_r_squared > 0.9);
  CHECK(s.method.find("40 regression trees") != std::string::npos);
}

TEST_CASE("The feature score is the same with one thread and with two", "[feature_score]") {
  const StepTable t;
  const auto with = [&](int threads) {
    tbb::task_arena arena(threads);
    return arena.execute(
        [&] { return sim::extra_trees_importance(t.columns, t.y, small_forest()); });
  };
  const auto one = with(1), two = with(2);
  CHECK(one.importance == two.importance);
  CHECK(one.out_of_bag_r_squared == two.out_of_bag_r_squared);
  CHECK(with(2).importance == two.importance);
}

TEST_CASE("The feature score of a case indicator ranks the two inputs that define the cases first",
          "[feature_score]") {
  sim::DiscoveryData d;
  d.rows = 5'000;
  d.columns = uniform_columns(d.rows, 8, 6);
  d.names.assign(8, "x");
  for (std::size_t i = 0; i < d.rows; ++i)
    d.cases.push_back(d.columns[6][i] < 0.3 && d.columns[1][i] > 0.6 ? 1 : 0);
  const auto s = sim::extra_trees_importance(d, small_forest());
  const auto order = by_importance(s.importance);
  CHECK(std::min(order[0], order[1]) == 1);
  CHECK(std::max(order[0], order[1]) == 6);
  CHECK(s.importance[1] + s.importance[6] > 0.8);
}

TEST_CASE("A constant response gives no importance and a table of unequal columns is refused",
          "[feature_score]") {
  const auto columns = uniform_columns(500, 3, 1);
  const auto s =
      sim::extra_trees_importance(columns, std::vector<double>(500, 2.0), small_forest());
  CHECK(s.importance == std::vector<double>(3, 0.0));
  // Every tree saw every row: no out-of-bag fit.
  CHECK(std::isnan(s.out_of_bag_r_squared));
  CHECK_THROWS_AS(sim::extra_trees_importance(columns, std::vector<double>(499, 1.0)),
                  std::invalid_argument);
  CHECK_THROWS_AS(sim::extra_trees_importance(columns, {}), std::invalid_argument);
  // Fewer rows than two leaves: the tree is its root, and nothing is important.
  const auto tiny = sim::extra_trees_importance(
      uniform_columns(30, 2, 1),
      std::vector<double>{1, 2, 3, 4, 5,  6, 7, 8, 9, 10, 1, 2, 3, 4, 5,
                          6, 7, 8, 9, 10, 1, 2, 3, 4, 5,  6, 7, 8, 9, 10});
  CHECK(tiny.importance == std::vector<double>(2, 0.0));
}
