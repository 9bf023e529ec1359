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
