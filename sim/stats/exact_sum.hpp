#pragma once
// An exact, order-independent accumulator for sums of doubles: each value is converted (by
// truncation) to a 128-bit fixed-point integer with 32 fractional bits and added as an integer.
// Integer addition is associative, so sums (and the statistics built on them) are bit-identical
// whatever the order of accumulation: across threads, MPI ranks, shards and merges. Resolution is
// 2^-32 (about 2.3e-10) per value and the range about +-4e28, ample for areas and sums of money
// summed over millions of replications.
#include <cmath>
#include <cstdint>

namespace sim {

class ExactSum {
 public:
  __extension__ typedef __int128 Raw;  // GCC's 128-bit integer; exact sums need the range
  static constexpr double kScale = 0x1p32;

  void add(double x) { raw_ += to_fixed(x); }
  void add_raw(Raw r) { raw_ += r; }
  void merge(const ExactSum& other) { raw_ += other.raw_; }
  Raw raw() const { return raw_; }
  double value() const { return static_cast<double>(static_cast<long double>(raw_) / kScale); }
  long double value_ld() const { return static_cast<long double>(raw_) / kScale; }

  static Raw to_fixed(double x) {
    // Truncates to a multiple of 2^-32. NaN or infinite values are the caller's error and count
    // as 0. Values that fit 64 bits take the inline hardware conversion; the 128-bit one is a
    // libgcc call. Both truncate, so a value converts the same way whichever path it takes.
    const double y = x * kScale;
    if (std::fabs(y) < 0x1p63) return static_cast<Raw>(static_cast<std::int64_t>(y));
    if (!std::isfinite(y)) return 0;
    return static_cast<Raw>(y);
  }

 private:
  Raw raw_ = 0;
};

// Count, sum and sum of squares, enough for mean, variance and standard error; exactly mergeable.
struct ExactMoments {
  std::int64_t n = 0;
  ExactSum sum;
  ExactSum sum_sq;

  void add(double x) {
    ++n;
    sum.add(x);
    sum_sq.add(x * x);
  }
  void merge(const ExactMoments& o) {
    n += o.n;
    sum.merge(o.sum);
    sum_sq.merge(o.sum_sq);
  }
  double mean() const { return n > 0 ? static_cast<double>(sum.value_ld() / n) : NAN; }
  // Unbiased sample variance, computed in extended precision from the exact sums.
  double variance() const {
    if (n < 2) return NAN;
    const long double m = sum.value_ld() / n;
    const long double v = (sum_sq.value_ld() - m * m * n) / (n - 1);
    return static_cast<double>(v > 0 ? v : 0.0L);
  }
};

}  // namespace sim
