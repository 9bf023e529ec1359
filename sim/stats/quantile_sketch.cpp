#include "sim/stats/quantile_sketch.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace sim {

namespace {

std::uint8_t shift_for(std::uint64_t c) {
  if (c <= std::numeric_limits<std::uint8_t>::max()) return 0;
  if (c <= std::numeric_limits<std::uint16_t>::max()) return 1;
  if (c <= std::numeric_limits<std::uint32_t>::max()) return 2;
  throw std::overflow_error("QuantileSketch: more than 4e9 values in one bucket");
}

void store(std::uint8_t* counts, std::uint8_t shift, std::size_t i, std::uint32_t c) {
  switch (shift) {
    case 0:
      counts[i] = static_cast<std::uint8_t>(c);
      break;
    case 1: {
      const auto narrow = static_cast<std::uint16_t>(c);
      std::memcpy(counts + 2 * i, &narrow, 2);
      break;
    }
    default:
      std::memcpy(counts + 4 * i, &c, 4);
  }
}

}  // namespace

void QuantileSketch::cover(std::int64_t low, std::int64_t high) {
  if (counts_.empty()) {
    first_ = low;
    counts_.assign(static_cast<std::size_t>(high - low) << shift_, 0);
    return;
  }
  const std::int64_t end = first_ + static_cast<std::int64_t>(buckets());
  const std::int64_t new_first = std::min(first_, low);
  const std::int64_t new_end = std::max(end, high);
  if (new_first == first_ && new_end == end) return;
  // A new vector of exactly the new size: resize and insert would leave up to as much spare
  // capacity again, in every one of a study's sketches.
  std::vector<std::uint8_t> grown(static_cast<std::size_t>(new_end - new_first) << shift_, 0);
  std::copy(counts_.begin(), counts_.end(),
            grown.begin() + (static_cast<std::ptrdiff_t>(first_ - new_first) << shift_));
  counts_ = std::move(grown);
  first_ = new_first;
}

void QuantileSketch::set_count(std::size_t i, std::uint64_t c) {
  const std::uint8_t needed = shift_for(c);
  if (needed > shift_) {
    std::vector<std::uint8_t> wide(buckets() << needed);
    for (std::size_t j = 0; j < buckets(); ++j)
      store(wide.data(), needed, j, bucket_count(j));
    counts_ = std::move(wide);
    shift_ = needed;
  }
  store(counts_.data(), shift_, i, static_cast<std::uint32_t>(c));
}

void QuantileSketch::add_index(std::int64_t b, std::uint64_t n) {
  cover(b, b + 1);
  const auto i = static_cast<std::size_t>(b - first_);
  set_count(i, bucket_count(i) + n);
  positive_ += n;
}

void QuantileSketch::add_buckets(
    std::span<const std::pair<std::int64_t, std::uint64_t>> ascending) {
  if (ascending.empty()) return;
  cover(ascending.front().first, ascending.back().first + 1);
  for (const auto& [b, n] : ascending) {
    const auto i = static_cast<std::size_t>(b - first_);
    set_count(i, std::uint64_t{bucket_count(i)} + n);
    positive_ += n;
  }
}

void QuantileSketch::merge(const QuantileSketch& other) {
  zeros_ += other.zeros_;
  if (other.counts_.empty()) return;
  if (counts_.empty()) {  // the common case of a run's first block or segment: a copy
    first_ = other.first_;
    counts_ = other.counts_;
    shift_ = other.shift_;
    positive_ += other.positive_;
    return;
  }
  // The union of the two ranges at once, instead of growing bucket by bucket.
  cover(other.first_, other.first_ + static_cast<std::int64_t>(other.buckets()));
  const auto offset = static_cast<std::size_t>(other.first_ - first_);
  for (std::size_t i = 0; i < other.buckets(); ++i) {
    if (const std::uint32_t theirs = other.bucket_count(i); theirs != 0)
      set_count(offset + i, std::uint64_t{bucket_count(offset + i)} + theirs);
  }
  positive_ += other.positive_;
}

double QuantileSketch::quantile(double q) const {
  const std::uint64_t n = count();
  if (n == 0) return std::nan("");
  const auto rank = static_cast<std::uint64_t>(std::llround(q * static_cast<double>(n - 1)));
  if (rank < zeros_) return 0.0;
  std::uint64_t seen = zeros_;
  for (std::size_t i = 0; i < buckets(); ++i) {
    seen += bucket_count(i);
    if (rank < seen) {
      const auto b = first_ + static_cast<std::int64_t>(i);
      return 0.5 * (bucket_low(b) + bucket_low(b + 1));
    }
  }
  return bucket_low(first_ + static_cast<std::int64_t>(buckets()));
}

}  // namespace sim
