#pragma once
// Streaming quantiles of a non-negative quantity with bounded memory and exact merging.
// Values are counted in log-linear buckets taken straight from the IEEE-754 bit pattern (the
// exponent and the top kSubBits bits of the mantissa, as in HdrHistogram), so a bucket spans at
// most 2^-kSubBits of its value: with kSubBits = 7 a reported quantile is within 0.4% (relative)
// of the exact order statistic. Counts are integers, so a sketch does not depend on the order
// values arrive in, and sketches from threads, ranks or shards merge exactly.
// Values <= 0 (e.g. the remaining work of a finished entity) are counted in an exact zero bucket.
#include <bit>
#include <cstdint>
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
    if (!counts_.empty() && at >= 0 && at < static_cast<std::int64_t>(counts_.size()) &&
        counts_[static_cast<std::size_t>(at)] < 0xFFFFFFFFu) {
      ++counts_[static_cast<std::size_t>(at)];  // the common case: a bucket already in range
      ++positive_;
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
  std::size_t bytes() const { return counts_.capacity() * sizeof(std::uint32_t); }

  // The exact state, for saving and restoring sketches (sim/run/accumulator_codec.cpp): the zero
  // count and the counts of buckets first_bucket(), first_bucket() + 1, ...
  std::int64_t first_bucket() const { return first_; }
  const std::vector<std::uint32_t>& bucket_counts() const { return counts_; }
  void add_zeros(std::uint64_t n) { zeros_ += n; }
  void add_bucket(std::int64_t b, std::uint64_t n) {
    if (n > 0) add_index(b, n);
  }

  static std::int64_t bucket_of(double x) {
    return static_cast<std::int64_t>(std::bit_cast<std::uint64_t>(x) >> (52 - kSubBits));
  }
  static double bucket_low(std::int64_t b) {
    return std::bit_cast<double>(static_cast<std::uint64_t>(b) << (52 - kSubBits));
  }

 private:
  void add_index(std::int64_t b, std::uint64_t n);

  std::uint64_t zeros_ = 0;
  std::uint64_t positive_ = 0;
  std::int64_t first_ = 0;  // bucket index of counts_[0]
  std::vector<std::uint32_t> counts_;
};

}  // namespace sim
