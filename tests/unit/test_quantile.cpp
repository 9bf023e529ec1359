// The inverted-CDF empirical quantile (questions/quantile.hpp) on arrays small enough to check
// by hand against its definition: the smallest x with F(x) >= q.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "questions/quantile.hpp"

using vtf::questions::quantile;

TEST_CASE("quantile: inverted CDF, a value of the data") {
  const std::vector<double> x{3, 1, 4, 1, 5, 9, 2, 6, 5, 3};  // sorted: 1 1 2 3 3 4 5 5 6 9
  CHECK(quantile(x, 0.1) == 1);                               // F(1) = 0.2 >= 0.1
  CHECK(quantile(x, 0.2) == 1);                               // exactly 2/10: still 1
  CHECK(quantile(x, 0.21) == 2);
  CHECK(quantile(x, 0.5) == 3);  // F(3) = 0.5, not the midpoint 3.5
  CHECK(quantile(x, 0.9) == 6);  // F(6) = 0.9
  CHECK(quantile(x, 0.91) == 9);
  CHECK(quantile(x, 0.0) == 1);
  CHECK(quantile(x, 1.0) == 9);
}

TEST_CASE("quantile: whole numbers stay whole, no values give NaN") {
  const std::vector<double> x{0, 1};
  CHECK(quantile(x, 0.5) == 0);  // interpolation would say 0.5 States
  CHECK(quantile(x, 0.51) == 1);
  CHECK(std::isnan(quantile(std::vector<double>{}, 0.5)));
  CHECK(quantile(std::vector<double>{7}, 0.9) == 7);
}
