// sim::ExactSum and sim::ExactMoments: sums that do not depend on the order of accumulation.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "sim/stats/exact_sum.hpp"

using sim::ExactMoments;
using sim::ExactSum;

namespace {

constexpr double kUnit = 0x1p-32;  // the resolution of the fixed-point sums

// Values of every magnitude the model sums (areas in km2, money in USD), both signs.
std::vector<double> mixed_values(std::size_t n, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> exponent(-6, 12), unit(0, 1);
  std::vector<double> xs;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = std::pow(10.0, exponent(rng)) * unit(rng);
    xs.push_back(rng() % 3 == 0 ? -x : x);
  }
  return xs;
}

ExactSum sum_of(const std::vector<double>& xs) {
  ExactSum s;
  for (const double x : xs)
    s.add(x);
  return s;
}

}  // namespace

TEST_CASE("Values convert to fixed point by truncation toward zero", "[exact_sum]") {
  CHECK(ExactSum::to_fixed(1.0) == ExactSum::Raw{1} << 32);
  CHECK(ExactSum::to_fixed(-1.0) == -(ExactSum::Raw{1} << 32));
  CHECK(ExactSum::to_fixed(0.0) == 0);
  CHECK(ExactSum::to_fixed(kUnit) == 1);
  CHECK(ExactSum::to_fixed(1.5 * kUnit) == 1);
  CHECK(ExactSum::to_fixed(-1.5 * kUnit) == -1);
  CHECK(ExactSum::to_fixed(0.5 * kUnit) == 0);
  CHECK(ExactSum::to_fixed(-0.5 * kUnit) == 0);
  // Beyond 2^63 / 2^32 = 2^31 the 128-bit conversion takes over, still exact for integers.
  CHECK(ExactSum::to_fixed(0x1p31) == ExactSum::Raw{1} << 63);
  CHECK(ExactSum::to_fixed(-0x1p31) == -(ExactSum::Raw{1} << 63));
  CHECK(ExactSum::to_fixed(1e12) == static_cast<ExactSum::Raw>(1'000'000'000'000LL) << 32);
  CHECK(ExactSum::to_fixed(0x1p31 - 0x1p-22) == (ExactSum::Raw{1} << 63) - 1024);  // last below
}

TEST_CASE("NaN and infinite values count as zero", "[exact_sum]") {
  ExactSum s;
  s.add(2.5);
  s.add(std::numeric_limits<double>::quiet_NaN());
  s.add(std::numeric_limits<double>::infinity());
  s.add(-std::numeric_limits<double>::infinity());
  CHECK(s.value() == 2.5);
}

TEST_CASE("Sums of representable values are exact", "[exact_sum]") {
  ExactSum s;
  for (int i = 0; i < 1000; ++i)
    s.add(0.25);
  CHECK(s.value() == 250.0);
  ExactSum t;
  t.add(1e12);
  t.add(kUnit);  // a double sum would lose this: 1e12 + 2^-32 == 1e12 in double
  t.add(-1e12);
  CHECK(t.raw() == 1);
  CHECK(t.value() == kUnit);
  CHECK(ExactSum().value() == 0.0);
}

TEST_CASE("Each value is off by less than one unit of 2^-32", "[exact_sum]") {
  for (const double x : mixed_values(1000, 3)) {
    ExactSum s;
    s.add(x);
    REQUIRE(std::fabs(s.value_ld() - x) < kUnit);
  }
}

TEST_CASE("The sum does not depend on the order of the values", "[exact_sum]") {
  std::vector<double> xs = mixed_values(20'000, 1);
  const ExactSum reference = sum_of(xs);
  std::mt19937 rng(5);
  for (int trial = 0; trial < 5; ++trial) {
    std::shuffle(xs.begin(), xs.end(), rng);
    REQUIRE(sum_of(xs).raw() == reference.raw());
  }
  std::reverse(xs.begin(), xs.end());
  CHECK(sum_of(xs).raw() == reference.raw());
  // (Plain double sums of the same values in different orders generally differ.)
}

TEST_CASE("The sum does not depend on how the values were split and merged", "[exact_sum]") {
  const std::vector<double> xs = mixed_values(10'000, 2);
  const ExactSum reference = sum_of(xs);
  for (const std::size_t parts : {2u, 3u, 7u, 64u}) {
    std::vector<ExactSum> partial(parts);
    for (std::size_t i = 0; i < xs.size(); ++i)
      partial[(i * 31) % parts].add(xs[i]);  // interleaved, not contiguous
    ExactSum forward, backward;
    for (std::size_t k = 0; k < parts; ++k) {
      forward.merge(partial[k]);
      backward.merge(partial[parts - 1 - k]);
    }
    // A tree of merges, as in a merge of merged shards.
    std::vector<ExactSum> level = partial;
    while (level.size() > 1) {
      std::vector<ExactSum> next;
      for (std::size_t k = 0; k < level.size(); k += 2) {
        ExactSum s = level[k];
        if (k + 1 < level.size()) s.merge(level[k + 1]);
        next.push_back(s);
      }
      level = next;
    }
    INFO(parts << " parts");
    CHECK(forward.raw() == reference.raw());
    CHECK(backward.raw() == reference.raw());
    CHECK(level.front().raw() == reference.raw());
  }
  ExactSum raw_added;
  raw_added.add_raw(reference.raw());
  CHECK(raw_added.raw() == reference.raw());
}

TEST_CASE("Moments of a small sample match the hand computation", "[exact_sum]") {
  ExactMoments m;
  CHECK(m.n == 0);
  CHECK(std::isnan(m.mean()));
  CHECK(std::isnan(m.variance()));
  m.add(1);
  CHECK(m.mean() == 1.0);
  CHECK(std::isnan(m.variance()));  // undefined for one value
  m.add(2);
  m.add(3);
  m.add(4);
  // mean 2.5; squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5; variance 5 / 3.
  CHECK(m.n == 4);
  CHECK(m.mean() == 2.5);
  CHECK(m.variance() == Approx(5.0 / 3.0).epsilon(1e-15));
}

TEST_CASE("The variance of a constant is zero up to the fixed-point resolution", "[exact_sum]") {
  // A multiple of 2^-32 and its square are exact: the variance is exactly zero.
  ExactMoments exact;
  for (int i = 0; i < 1000; ++i)
    exact.add(123456.75);
  CHECK(exact.variance() == 0.0);
  CHECK(exact.mean() == 123456.75);
  // Otherwise x and x^2 are truncated separately, so sum_sq / n - mean^2 keeps about
  // 2 |x| 2^-32 of truncation error (3e-5 here): never negative, never more than that.
  ExactMoments m;
  for (int i = 0; i < 1000; ++i)
    m.add(123456.789);
  CHECK(m.variance() >= 0.0);
  CHECK(m.variance() <= 2 * 123456.789 * kUnit * 1000.0 / 999.0);
  CHECK(m.mean() == Approx(123456.789).epsilon(1e-14));
}

TEST_CASE("Merged moments equal the moments of the whole", "[exact_sum]") {
  const std::vector<double> xs = mixed_values(5000, 4);
  ExactMoments whole, a, b;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    whole.add(xs[i]);
    (i % 3 == 0 ? a : b).add(xs[i]);
  }
  a.merge(b);
  CHECK(a.n == whole.n);
  CHECK(a.sum.raw() == whole.sum.raw());
  CHECK(a.sum_sq.raw() == whole.sum_sq.raw());
  CHECK(a.mean() == whole.mean());
  CHECK(a.variance() == whole.variance());
}
