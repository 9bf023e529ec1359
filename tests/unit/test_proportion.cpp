// sim::wilson_interval and sim::trials_to_decide: the sampling error of a share of replications.
#include <catch2/catch.hpp>

#include "sim/stats/proportion.hpp"

TEST_CASE("The Wilson interval of a share matches the textbook values", "[stats]") {
  // 8 of 10: [0.490, 0.943] (Wilson 1927; e.g. Agresti and Coull 1998, table 1).
  const auto w = sim::wilson_interval(0.8, 10);
  CHECK(w.low == Approx(0.4902).margin(1e-4));
  CHECK(w.high == Approx(0.9433).margin(1e-4));
  // 12 of 12 is not certain: n / (n + z^2) = 12 / 15.84.
  const auto all = sim::wilson_interval(1.0, 12);
  CHECK(all.low == Approx(12 / (12 + sim::kZ95 * sim::kZ95)).epsilon(1e-12));
  CHECK(all.high == 1.0);
  const auto none = sim::wilson_interval(0.0, 12);
  CHECK(none.low == Approx(0.0).margin(1e-15));
  CHECK(none.high == Approx(1 - all.low).epsilon(1e-12));
  // Narrower with more replications, around the share.
  const auto many = sim::wilson_interval(0.8, 10000);
  CHECK(many.low > 0.79);
  CHECK(many.high < 0.81);
}

TEST_CASE("The replications that decide a share against a threshold", "[stats]") {
  // Every replication reaches it: n / (n + z^2) >= 0.8 from n >= 4 z^2 = 15.37, so 16.
  CHECK(sim::trials_to_decide(1.0, 0.8) == 16);
  CHECK(sim::wilson_interval(1.0, 16).low >= 0.8);
  CHECK(sim::wilson_interval(1.0, 15).low < 0.8);
  // A share of 82% against 80%: about z^2 p (1 - p) / 0.02^2 = 1418 (normal approximation).
  const auto n = sim::trials_to_decide(0.82, 0.8);
  CHECK(n > 1300);
  CHECK(n < 1600);
  CHECK(sim::wilson_interval(0.82, static_cast<double>(n)).low >= 0.8);
  CHECK(sim::wilson_interval(0.82, static_cast<double>(n - 1)).low < 0.8);
  // Below the threshold: the interval's high end must fall under it.
  const auto below = sim::trials_to_decide(0.78, 0.8);
  CHECK(sim::wilson_interval(0.78, static_cast<double>(below)).high < 0.8);
  CHECK(sim::wilson_interval(0.78, static_cast<double>(below - 1)).high >= 0.8);
  // A share equal to the threshold is never decided.
  CHECK(sim::trials_to_decide(0.8, 0.8) == 0);
}
