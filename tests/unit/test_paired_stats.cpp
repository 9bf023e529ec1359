// sim::PairedAccumulator: paired fund - no fund statistics (MODEL.md section 7).
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "sim/stats/paired_stats.hpp"

using sim::Better;
using sim::PairedAccumulator;
using sim::PairedSummary;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool same_bits(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

void check_same(const PairedSummary& a, const PairedSummary& b) {
  CHECK(a.n == b.n);
  CHECK(same_bits(a.mean, b.mean));
  CHECK(same_bits(a.std_error, b.std_error));
  CHECK(same_bits(a.ci_low, b.ci_low));
  CHECK(same_bits(a.ci_high, b.ci_high));
  CHECK(same_bits(a.p_better, b.p_better));
  CHECK(same_bits(a.p_worse, b.p_worse));
}

}  // namespace

TEST_CASE("The t critical values match closed forms and the statistical tables", "[paired_stats]") {
  // t(0.975; df) for n = df + 1 replications. Closed forms for 1 and 2 degrees of freedom:
  // tan(0.475 pi) and 0.95 / sqrt(2 * 0.975 * 0.025).
  CHECK(sim::t_critical_95(2) == Approx(std::tan(0.475 * M_PI)).epsilon(1e-14));
  CHECK(sim::t_critical_95(3) == Approx(0.95 / std::sqrt(0.04875)).epsilon(1e-14));
  // Printed tables (e.g. the NIST/SEMATECH e-Handbook, 1.3.6.7.2) to three decimals.
  CHECK(sim::t_critical_95(4) == Approx(3.182).margin(5e-4));
  CHECK(sim::t_critical_95(5) == Approx(2.776).margin(5e-4));
  CHECK(sim::t_critical_95(6) == Approx(2.571).margin(5e-4));
  CHECK(sim::t_critical_95(11) == Approx(2.228).margin(5e-4));
  CHECK(sim::t_critical_95(31) == Approx(2.042).margin(5e-4));
  CHECK(sim::t_critical_95(100) == Approx(1.984).margin(5e-4));
  // To full precision: the series of Abramowitz and Stegun 26.7.3 for odd df, in 50-digit
  // decimal arithmetic, solved by bisection.
  CHECK(sim::t_critical_95(4) == Approx(3.1824463052837096).epsilon(1e-14));
  CHECK(sim::t_critical_95(100) == Approx(1.9842169515864175).epsilon(1e-14));
  CHECK(sim::t_critical_95(100'000'000) == Approx(1.959963984540054).epsilon(1e-7));  // normal
  CHECK(std::isnan(sim::t_critical_95(1)));
  CHECK(std::isnan(sim::t_critical_95(0)));
}

TEST_CASE("Paired statistics of a tiny sample, computed by hand", "[paired_stats]") {
  // Differences 2, 3, 2, 5: mean 3; squared deviations 1 + 0 + 1 + 4 = 6, variance 6 / 3 = 2;
  // standard error sqrt(2 / 4); CI 3 -+ t(0.975; 3) * sqrt(0.5).
  const std::vector<double> policy = {3, 5, 4, 8}, baseline = {1, 2, 2, 3};
  PairedAccumulator acc;
  for (std::size_t i = 0; i < policy.size(); ++i)
    acc.add(policy[i], baseline[i], Better::kHigher);
  const PairedSummary s = acc.summary(Better::kHigher);
  const double se = std::sqrt(0.5), half = 3.1824463052837096 * se;
  CHECK(s.n == 4);
  CHECK(s.mean == 3.0);
  CHECK(s.std_error == Approx(se).epsilon(1e-14));
  CHECK(s.ci_low == Approx(3.0 - half).epsilon(1e-14));
  CHECK(s.ci_high == Approx(3.0 + half).epsilon(1e-14));
  CHECK(s.p_better == 1.0);
  CHECK(s.p_worse == 0.0);
  CHECK(acc.differences().n == 4);
}

TEST_CASE("Which direction is better decides p_better and p_worse", "[paired_stats]") {
  // Differences +1, -1, -2, 0, +3: two up, two down, one tie (neither better nor worse).
  const std::vector<double> diffs = {1, -1, -2, 0, 3};
  const auto summary = [&](Better better) {
    PairedAccumulator acc;
    for (const double d : diffs)
      acc.add(10 + d, 10, better);
    return acc.summary(better);
  };
  const PairedSummary higher = summary(Better::kHigher);
  CHECK(higher.p_better == 0.4);
  CHECK(higher.p_worse == 0.4);
  CHECK(higher.mean == Approx(0.2));
  const std::vector<double> lower_diffs = {1, -1, -2, -5, 0};
  PairedAccumulator lower;
  for (const double d : lower_diffs)
    lower.add(d, 0, Better::kLower);
  const PairedSummary l = lower.summary(Better::kLower);
  CHECK(l.p_better == 0.6);
  CHECK(l.p_worse == 0.2);
  const PairedSummary neither = summary(Better::kNeither);
  CHECK(std::isnan(neither.p_better));
  CHECK(std::isnan(neither.p_worse));
  CHECK(neither.mean == higher.mean);  // the level statistics do not depend on the direction
}

TEST_CASE("Pairs with NaN on either side are left out", "[paired_stats]") {
  PairedAccumulator acc;
  acc.add(5, 1, Better::kHigher);
  acc.add(kNaN, 1, Better::kHigher);
  acc.add(5, kNaN, Better::kHigher);
  acc.add(kNaN, kNaN, Better::kHigher);
  acc.add(3, 1, Better::kHigher);
  const PairedSummary s = acc.summary(Better::kHigher);
  CHECK(s.n == 2);
  CHECK(s.mean == 3.0);
  CHECK(s.p_better == 1.0);
}

TEST_CASE("Too few pairs give NaN rather than made-up numbers", "[paired_stats]") {
  const PairedSummary none = PairedAccumulator().summary(Better::kHigher);
  CHECK(none.n == 0);
  CHECK(std::isnan(none.mean));
  CHECK(std::isnan(none.std_error));
  CHECK(std::isnan(none.ci_low));
  CHECK(std::isnan(none.p_better));
  PairedAccumulator one;
  one.add(2, 1, Better::kHigher);
  const PairedSummary s = one.summary(Better::kHigher);
  CHECK(s.mean == 1.0);
  CHECK(std::isnan(s.std_error));
  CHECK(std::isnan(s.ci_low));
  CHECK(std::isnan(s.ci_high));
  CHECK(s.p_better == 1.0);
}

TEST_CASE("Identical arms give a zero difference with a zero-width interval", "[paired_stats]") {
  PairedAccumulator acc;
  for (int i = 0; i < 50; ++i)
    acc.add(i * 1.5, i * 1.5, Better::kLower);
  const PairedSummary s = acc.summary(Better::kLower);
  CHECK(s.mean == 0.0);
  CHECK(s.std_error == 0.0);
  CHECK(s.ci_low == 0.0);
  CHECK(s.ci_high == 0.0);
  CHECK(s.p_better == 0.0);
  CHECK(s.p_worse == 0.0);
}

TEST_CASE("Merged accumulators give bit-identical statistics in any order", "[paired_stats]") {
  std::mt19937_64 rng(8);
  std::normal_distribution<double> noise(0, 3e6);
  std::vector<double> policy, baseline;
  for (int i = 0; i < 3001; ++i) {
    baseline.push_back(5e7 + noise(rng));
    policy.push_back(baseline.back() + 1e6 + noise(rng));
  }
  PairedAccumulator whole;
  for (std::size_t i = 0; i < policy.size(); ++i)
    whole.add(policy[i], baseline[i], Better::kHigher);
  std::vector<PairedAccumulator> parts(5);
  for (std::size_t i = policy.size(); i-- > 0;)  // backwards, interleaved
    parts[i % 5].add(policy[i], baseline[i], Better::kHigher);
  PairedAccumulator merged, reversed;
  for (std::size_t k = 0; k < parts.size(); ++k) {
    merged.merge(parts[k]);
    reversed.merge(parts[parts.size() - 1 - k]);
  }
  check_same(merged.summary(Better::kHigher), whole.summary(Better::kHigher));
  check_same(reversed.summary(Better::kHigher), whole.summary(Better::kHigher));
  // And they agree with a plain two-pass computation.
  double mean = 0;
  for (std::size_t i = 0; i < policy.size(); ++i)
    mean += (policy[i] - baseline[i]) / static_cast<double>(policy.size());
  CHECK(whole.summary(Better::kHigher).mean == Approx(mean).epsilon(1e-12));
}
