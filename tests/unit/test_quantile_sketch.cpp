// sim::QuantileSketch: streaming quantiles within 2^-8 relative error, mergeable exactly.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "sim/stats/quantile_sketch.hpp"

using sim::QuantileSketch;

namespace {

constexpr double kBound = 0x1p-8;  // 2^-(kSubBits + 1): half a bucket, relative
const std::vector<double> kLevels = {0.0, 0.001, 0.05, 0.25, 0.5, 0.75, 0.95, 0.999, 1.0};

// The order statistic the sketch approximates: rank round(q (n - 1)), 0-based.
double exact_quantile(std::vector<double> xs, double q) {
  std::sort(xs.begin(), xs.end());
  const auto rank = static_cast<std::size_t>(std::llround(q * static_cast<double>(xs.size() - 1)));
  return xs[rank];
}

std::vector<double> lognormal_values(std::size_t n, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::lognormal_distribution<double> d(2.0, 2.5);  // spans many orders of magnitude
  std::vector<double> xs(n);
  for (auto& x : xs)
    x = d(rng);
  return xs;
}

QuantileSketch sketch_of(const std::vector<double>& xs) {
  QuantileSketch s;
  for (const double x : xs)
    s.add(x);
  return s;
}

// The exact state: the zero count and every non-empty bucket with its count.
std::vector<std::pair<std::int64_t, std::uint64_t>> state_of(const QuantileSketch& s) {
  std::vector<std::pair<std::int64_t, std::uint64_t>> out = {{-1, s.zeros()}};
  for (std::size_t i = 0; i < s.buckets(); ++i) {
    if (s.bucket_count(i) != 0)
      out.emplace_back(s.first_bucket() + static_cast<std::int64_t>(i), s.bucket_count(i));
  }
  return out;
}

}  // namespace

TEST_CASE("An empty sketch has no quantiles", "[quantile_sketch]") {
  const QuantileSketch s;
  CHECK(s.count() == 0);
  CHECK(std::isnan(s.quantile(0.5)));
}

TEST_CASE("Buckets cover the positive numbers, each at most 2^-7 wide", "[quantile_sketch]") {
  for (const double x : {1e-300, 1e-9, 0.1, 1.0, 1.5, 2.0, 3.14159, 1e6, 1e300}) {
    const auto b = QuantileSketch::bucket_of(x);
    const double low = QuantileSketch::bucket_low(b), high = QuantileSketch::bucket_low(b + 1);
    INFO(x);
    CHECK(low <= x);
    CHECK(x < high);
    CHECK((high - low) / low <= 0x1p-7);
  }
  CHECK(QuantileSketch::bucket_low(QuantileSketch::bucket_of(1.0)) == 1.0);
}

TEST_CASE("Quantiles are within 2^-8 of the exact order statistics", "[quantile_sketch]") {
  const std::vector<double> xs = lognormal_values(50'000, 1);
  const QuantileSketch s = sketch_of(xs);
  CHECK(s.count() == xs.size());
  for (const double q : kLevels) {
    const double exact = exact_quantile(xs, q);
    INFO("q = " << q << ", exact " << exact << ", sketch " << s.quantile(q));
    CHECK(std::fabs(s.quantile(q) - exact) <= kBound * exact);
  }
}

TEST_CASE("Zeros and negative values count in an exact zero bucket", "[quantile_sketch]") {
  QuantileSketch s;
  for (int i = 0; i < 30; ++i)
    s.add(0.0);
  for (int i = 0; i < 10; ++i)
    s.add(-5.0);  // e.g. a rounding below zero: counted as zero
  for (int i = 1; i <= 60; ++i)
    s.add(i);
  s.add(std::numeric_limits<double>::quiet_NaN());  // not a value: not counted
  CHECK(s.count() == 100);
  CHECK(s.zeros() == 40);
  CHECK(s.quantile(0.0) == 0.0);
  CHECK(s.quantile(0.39) == 0.0);
  // Rank round(0.5 * 99) = 50 (0-based) is the 11th positive value, 11.
  CHECK(s.quantile(0.5) == Approx(11.0).epsilon(kBound));
  CHECK(s.quantile(1.0) == Approx(60.0).epsilon(kBound));
}

TEST_CASE("One value is every quantile", "[quantile_sketch]") {
  QuantileSketch s;
  s.add(1234.5);
  for (const double q : kLevels)
    CHECK(s.quantile(q) == Approx(1234.5).epsilon(kBound));
}

TEST_CASE("The sketch does not depend on the order of the values", "[quantile_sketch]") {
  std::vector<double> xs = lognormal_values(20'000, 2);
  for (int i = 0; i < 2000; ++i)
    xs.push_back(0.0);
  const QuantileSketch reference = sketch_of(xs);
  std::mt19937 rng(3);
  std::shuffle(xs.begin(), xs.end(), rng);
  const QuantileSketch shuffled = sketch_of(xs);
  std::sort(xs.begin(), xs.end(), std::greater<>());  // largest first: buckets grow downwards
  const QuantileSketch descending = sketch_of(xs);
  for (const double q : kLevels) {
    CHECK(shuffled.quantile(q) == reference.quantile(q));
    CHECK(descending.quantile(q) == reference.quantile(q));
  }
}

TEST_CASE("Merged sketches equal the sketch of all the values", "[quantile_sketch]") {
  const std::vector<double> xs = lognormal_values(30'000, 4);
  const QuantileSketch whole = sketch_of(xs);
  // Parts over different ranges, so merging must extend the buckets at both ends.
  std::vector<double> sorted = xs;
  std::sort(sorted.begin(), sorted.end());
  QuantileSketch low, middle, high, empty;
  for (std::size_t i = 0; i < sorted.size(); ++i)
    (i < 10'000 ? low : i < 20'000 ? middle : high).add(sorted[i]);
  QuantileSketch a = middle;
  a.merge(low);
  a.merge(empty);
  a.merge(high);
  QuantileSketch b;
  b.merge(high);
  b.merge(middle);
  b.merge(low);
  CHECK(a.count() == whole.count());
  CHECK(b.count() == whole.count());
  CHECK(state_of(a) == state_of(whole));
  CHECK(state_of(b) == state_of(whole));
  // Overlapping parts, in any order, with zeros: the same state bucket by bucket.
  std::vector<QuantileSketch> parts(5);
  std::mt19937 rng(5);
  for (std::size_t i = 0; i < xs.size(); ++i)
    parts[rng() % parts.size()].add(i % 7 == 0 ? 0.0 : xs[i]);
  QuantileSketch all_parts, reversed;
  for (const auto& part : parts)
    all_parts.merge(part);
  for (auto it = parts.rbegin(); it != parts.rend(); ++it)
    reversed.merge(*it);
  QuantileSketch direct;
  for (std::size_t i = 0; i < xs.size(); ++i)
    direct.add(i % 7 == 0 ? 0.0 : xs[i]);
  CHECK(state_of(all_parts) == state_of(direct));
  CHECK(state_of(reversed) == state_of(direct));
  for (const double q : kLevels) {
    CHECK(a.quantile(q) == whole.quantile(q));
    CHECK(b.quantile(q) == whole.quantile(q));
  }
  CHECK(whole.bytes() > 0);
}

TEST_CASE("Counts widen from one byte to two and four, exactly, by adding and merging",
          "[quantile_sketch]") {
  QuantileSketch s;
  for (int i = 0; i < 255; ++i)
    s.add(3.0);
  CHECK(s.count_width() == 1);
  s.add(3.0);  // the 256th value in one bucket needs two bytes
  CHECK(s.count_width() == 2);
  for (int i = 0; i < 70'000 - 256; ++i)
    s.add(3.0);
  CHECK(s.count_width() == 4);
  s.add(1.0);
  s.add(9.0);
  CHECK(s.count() == 70'002);
  CHECK(state_of(s) == std::vector<std::pair<std::int64_t, std::uint64_t>>{
                           {-1, 0},
                           {QuantileSketch::bucket_of(1.0), 1},
                           {QuantileSketch::bucket_of(3.0), 70'000},
                           {QuantileSketch::bucket_of(9.0), 1}});
  CHECK(s.quantile(0.5) == Approx(3.0).epsilon(kBound));

  // Two one-byte sketches whose sum in a bucket passes 255 merge into a two-byte one.
  QuantileSketch a, b;
  for (int i = 0; i < 200; ++i) {
    a.add(5.0);
    b.add(5.0);
    b.add(0.5);
  }
  REQUIRE(a.count_width() == 1);
  REQUIRE(b.count_width() == 1);
  a.merge(b);
  CHECK(a.count_width() == 2);
  CHECK(state_of(a) ==
        std::vector<std::pair<std::int64_t, std::uint64_t>>{
            {-1, 0}, {QuantileSketch::bucket_of(0.5), 200}, {QuantileSketch::bucket_of(5.0), 400}});
  // A wide sketch merged into a narrow one widens it.
  QuantileSketch narrow;
  narrow.add(5.0);
  narrow.merge(s);
  CHECK(narrow.count_width() == 4);
  CHECK(narrow.count() == s.count() + 1);
}

TEST_CASE("A sketch of a thousand futures holds one byte per bucket and no spare capacity",
          "[quantile_sketch]") {
  // The memory a study's sketches take (issue 15): a thousand replications spread over many
  // buckets, arriving in an order that extends the range at both ends many times.
  const std::vector<double> xs = lognormal_values(1'000, 6);
  const QuantileSketch s = sketch_of(xs);
  const auto [low, high] = std::minmax_element(xs.begin(), xs.end());
  const auto span = static_cast<std::size_t>(QuantileSketch::bucket_of(*high) -
                                             QuantileSketch::bucket_of(*low) + 1);
  CHECK(s.buckets() == span);
  CHECK(s.count_width() == 1);
  CHECK(s.bytes() == span);
  // Merging keeps it exact too.
  QuantileSketch merged;
  merged.merge(sketch_of(std::vector<double>(xs.begin(), xs.begin() + 500)));
  merged.merge(sketch_of(std::vector<double>(xs.begin() + 500, xs.end())));
  CHECK(state_of(merged) == state_of(s));
  CHECK(merged.bytes() == span);
}

TEST_CASE("Buckets restored in one pass equal the sketch they were saved from",
          "[quantile_sketch]") {
  // What the checkpoint codec does: a sketch's buckets, in increasing order, added at once.
  const QuantileSketch saved = sketch_of(lognormal_values(5'000, 7));
  std::vector<std::pair<std::int64_t, std::uint64_t>> buckets;
  for (const auto& [b, n] : state_of(saved)) {
    if (b >= 0) buckets.emplace_back(b, n);  // state_of's first entry is the zero count
  }
  QuantileSketch restored;
  restored.add_buckets(buckets);
  restored.add_buckets(buckets);  // twice: counts add, and may need a wider count
  QuantileSketch twice = saved;
  twice.merge(saved);
  CHECK(state_of(restored) == state_of(twice));
  CHECK(restored.bytes() == twice.bytes());
}
