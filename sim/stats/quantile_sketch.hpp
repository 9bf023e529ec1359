#pragma once
// Streaming quantiles of a non-negative quantity with bounded memory and exact merging.
// Values are counted in log-linear buckets taken straight from the IEEE-754 bit pattern (the
// exponent and the top kSubBits bits of the mantissa, as in HdrHistogram), so a bucket spans at
// most 2^-kSubBits of its value: with kSubBits = 7 a reported quantile is within 0.4% (relative)
// of the exact order statistic. Counts are integers, so a sketch does not depend on the order
// values arrive in, and sketches from threads, ranks or shards merge exactly.
// Values <= 0 (e.g. the remaining work of a finished entity) are counted in an exact zero bucket.
//
// A study keeps one sketch per (scenario, policy, entity, period), so their memory is most of a
// run's: each holds exactly the buckets between its smallest and largest value (no spare
// capacity), each count in the narrowest of 1, 2 or 4 bytes that holds the largest count. With a
// thousand replications a count rarely passes 255, so a sketch takes a byte per bucket, a
// quarter of fixed 32-bit counts; widening is exact and happens at most twice per sketch.
#include <bit>
#include <cstdint>
#include <cstring>
#include <limits>
#include <span>
#include <utility>
#include <vector>

namespace sim {

class QuantileSketch {
 public:
  static constexpr int kSubBits = 7;

  void add(double x) {
    if (!(x > 0.0)) {
      if (x == x) ++zeros_;  // NaN is not a value and is not counted
      return;
    }
    const std::int64_t b = bucket_of(x);
    const std::int64_t at = b - first_;
    if (at >= 0 && at < static_cast<std::int64_t>(buckets()) &&
        increment(static_cast<std::size_t>(at))) {
      ++positive_;  // the common case: a bucket already in range, with room in its width
      return;
    }
    add_index(b, 1);
  }
  void merge(const QuantileSketch& other);
  std::uint64_t count() const { return zeros_ + positive_; }
  std::uint64_t zeros() const { return zeros_; }
  // The order statistic of rank round(q * (count - 1)) (0-based), within 2^-(kSubBits+1)
  // relative error; NaN when empty.
  double quantile(double q) const;
  // Memory held by the bucket counts, for the run's memory report.
  std::size_t bytes() const { return counts_.capacity(); }
  // Bytes per count: 1, 2 or 4.
  std::size_t count_width() const { return std::size_t{1} << shift_; }

  // The exact state, for saving and restoring sketches (sim/run/accumulator_codec.cpp): the zero
  // count and the counts of buckets first_bucket(), ..., first_bucket() + buckets() - 1.
  std::int64_t first_bucket() const { return first_; }
  std::size_t buckets() const { return counts_.size() >> shift_; }
  std::uint32_t bucket_count(std::size_t i) const {
    switch (shift_) {
      case 0:
        return counts_[i];
      case 1:
        return load<std::uint16_t>(i);
      default:
        return load<std::uint32_t>(i);
    }
  }
  void add_zeros(std::uint64_t n) { zeros_ += n; }
  // Adds counts to buckets given in increasing order of bucket, extending the range once (one
  // bucket at a time, each exact extension would copy the counts again: quadratic).
  void add_buckets(std::span<const std::pair<std::int64_t, std::uint64_t>> ascending);

  static std::int64_t bucket_of(double x) {
    return static_cast<std::int64_t>(std::bit_cast<std::uint64_t>(x) >> (52 - kSubBits));
  }
  static double bucket_low(std::int64_t b) {
    return std::bit_cast<double>(static_cast<std::uint64_t>(b) << (52 - kSubBits));
  }

 private:
  template <class T>
  T load(std::size_t i) const {
    T c;
    std::memcpy(&c, counts_.data() + i * sizeof(T), sizeof(T));
    return c;
  }
  template <class T>
  bool increment_as(std::size_t i) {
    T c = load<T>(i);
    if (c == std::numeric_limits<T>::max()) return false;
    ++c;
    std::memcpy(counts_.data() + i * sizeof(T), &c, sizeof(T));
    return true;
  }
  // Adds one to bucket i if its width holds the result.
  bool increment(std::size_t i) {
    switch (shift_) {
      case 0:
        return increment_as<std::uint8_t>(i);
      case 1:
        return increment_as<std::uint16_t>(i);
      default:
        return increment_as<std::uint32_t>(i);
    }
  }
  void add_index(std::int64_t b, std::uint64_t n);
  // Extends the buckets held to cover [low, high), in one exact allocation.
  void cover(std::int64_t low, std::int64_t high);
  // Bucket i's count becomes c, widening every count first if c does not fit.
  void set_count(std::size_t i, std::uint64_t c);

  std::uint64_t zeros_ = 0;
  std::uint64_t positive_ = 0;
  std::int64_t first_ = 0;            // bucket index of the first count
  std::vector<std::uint8_t> counts_;  // buckets() counts of count_width() bytes each
  std::uint8_t shift_ = 0;            // log2 of count_width()
};

}  // namespace sim
