// Standardized rank regression: ranks with ties, and coefficients in cases known by hand.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "sim/analysis/sensitivity.hpp"

TEST_CASE("Ranks run from 1 and ties share their mean rank", "[sensitivity]") {
  CHECK(sim::ranks({3.0, 1.0, 2.0}) == std::vector<double>{3, 1, 2});
  CHECK(sim::ranks({5.0, 5.0, 1.0, 9.0}) == std::vector<double>{2.5, 2.5, 1, 4});
  CHECK(sim::ranks({0.0, 0.0, 0.0}) == std::vector<double>{2, 2, 2});
  CHECK(sim::ranks({}).empty());
}

TEST_CASE("A response monotone in one factor has SRRC 1 on it and R2 1", "[sensitivity]") {
  std::vector<double> a, b, y;
  for (int i = 0; i < 20; ++i) {
    a.push_back(i);
    b.push_back((i * 7) % 20);       // a permutation unrelated to a
    y.push_back(std::exp(0.3 * i));  // non-linear but monotone in a
  }
  const auto fit = sim::standardized_rank_regression({a, b}, y);
  CHECK(fit.coefficients[0] == Approx(1.0).margin(1e-12));
  CHECK(fit.coefficients[1] == Approx(0.0).margin(1e-12));
  CHECK(fit.r_squared == Approx(1.0).margin(1e-12));
  // Decreasing: the sign turns.
  for (auto& v : y)
    v = -v;
  CHECK(sim::standardized_rank_regression({a, b}, y).coefficients[0] == Approx(-1.0));
}

TEST_CASE("Orthogonal ranked factors give the coefficients of the rank model", "[sensitivity]") {
  // A full 4 x 4 grid: the ranks of a and b are orthogonal, and y's ranks are exactly those of
  // 2 a + b (no ties), so the coefficients are the standardized slopes of that model.
  std::vector<double> a, b, y;
  for (int i = 0; i < 4; ++i) {
    for (int j = 0; j < 4; ++j) {
      a.push_back(i);
      b.push_back(j);
      y.push_back(4 * i + j);  // ranks of y = 4 i + j + 1: a's step weighs 4, b's 1
    }
  }
  const auto fit = sim::standardized_rank_regression({a, b}, y);
  // Var(4i + j) = 16 Var(i) + Var(j) with Var(i) = Var(j): SRRC_a = 4/sqrt(17), SRRC_b =
  // 1/sqrt(17).
  CHECK(fit.coefficients[0] == Approx(4 / std::sqrt(17.0)).epsilon(1e-12));
  CHECK(fit.coefficients[1] == Approx(1 / std::sqrt(17.0)).epsilon(1e-12));
  CHECK(fit.r_squared == Approx(1.0));
}

TEST_CASE("Constant factors, constant responses and too few points give NaN", "[sensitivity]") {
  const std::vector<double> x = {1, 2, 3, 4, 5, 6};
  const std::vector<double> flat(6, 2.0);
  const std::vector<double> y = {2, 1, 4, 3, 6, 5};
  auto fit = sim::standardized_rank_regression({x, flat}, y);
  CHECK(std::isnan(fit.coefficients[1]));  // a factor that does not vary explains nothing
  CHECK_FALSE(std::isnan(fit.coefficients[0]));
  fit = sim::standardized_rank_regression({x}, flat);
  CHECK(std::isnan(fit.coefficients[0]));
  CHECK(std::isnan(fit.r_squared));
  // Three varying factors need at least six points.
  fit = sim::standardized_rank_regression({x, y, {6, 5, 4, 1, 2, 3}},
                                          std::vector<double>{1, 2, 3, 4, 5, 6});
  CHECK_FALSE(std::isnan(fit.r_squared));
  fit = sim::standardized_rank_regression({{1, 2, 3, 4, 5}, {2, 1, 4, 3, 5}, {5, 4, 1, 2, 3}},
                                          std::vector<double>{1, 2, 3, 4, 5});
  CHECK(std::isnan(fit.r_squared));
  // A NaN response (an outcome undefined in this study) gives no fit.
  fit = sim::standardized_rank_regression({x}, {1, 2, NAN, 4, 5, 6});
  CHECK(std::isnan(fit.coefficients[0]));
}

TEST_CASE("Factors the observations cannot tell apart get NaN, not huge coefficients",
          "[sensitivity]") {
  // 10 distinct futures, each seen 5 times (common random numbers across 5 scenarios), and 12
  // factors: the design's rank is at most 10, and rounding must not turn that into 1e12.
  std::vector<std::vector<double>> columns(12);
  std::vector<double> y;
  for (int copy = 0; copy < 5; ++copy) {
    for (int i = 0; i < 10; ++i) {
      for (int j = 0; j < 12; ++j)
        columns[static_cast<std::size_t>(j)].push_back(std::sin(1.0 + i * 12.9898 + j * 78.233));
      y.push_back(i + 0.1 * copy);
    }
  }
  const auto fit = sim::standardized_rank_regression(columns, y);
  std::size_t identified = 0;
  for (const double c : fit.coefficients) {
    if (std::isnan(c)) continue;
    ++identified;
    CHECK(std::fabs(c) < 10);
  }
  CHECK(identified >= 1);
  CHECK(identified <= 10);
  // An exact copy of a factor: only one of the two can carry its coefficient.
  const std::vector<double> a = {1, 2, 3, 4, 5, 6, 7, 8}, b = {3, 1, 4, 1.5, 9, 2, 6, 5};
  const std::vector<double> twice_a = {2, 4, 6, 8, 10, 12, 14, 16}, z = {2, 1, 4, 3, 6, 5, 8, 7};
  const auto copy = sim::standardized_rank_regression({a, b, twice_a}, z);
  CHECK(std::isnan(copy.coefficients[0]) != std::isnan(copy.coefficients[2]));
  CHECK_FALSE(std::isnan(copy.coefficients[1]));
}
