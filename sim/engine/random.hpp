#pragma once
// Counter-based random numbers (MODEL.md section 4). Every number is a pure function of
//   (master seed, replication, entity, process, period, draw index)
// computed by Philox 4x32-10 (Salmon et al., SC11). The 64-bit seed is the Philox key; the
// 128-bit counter is {replication, entity << 16 | process, period, draw}. Nothing else (thread,
// rank, shard, event order, the set of policies in the run) can influence a draw, which gives
// bit-identical results across parallel layouts and common random numbers across policies.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <numbers>

#include "sim/engine/philox_x4.hpp"

namespace sim {

inline constexpr std::uint32_t kMaxEntity = 0xFFFF;
inline constexpr std::uint32_t kMaxProcess = 0xFFFF;

// 32 random bits -> uniform double in the open interval (0, 1).
inline double u01_32(std::uint32_t bits) { return (static_cast<double>(bits) + 0.5) * 0x1p-32; }
// 64 random bits -> uniform double in (0, 1) with 53 bits of resolution. For the top bit
// pattern x + 0.5 = 2^53 - 0.5 is not a double and rounds up to 2^53, which would give exactly
// 1.0 (and log(1 - u) = -inf): the largest double below 1 is returned instead. No other value
// changes.
inline double u01_64(std::uint32_t hi, std::uint32_t lo) {
  const std::uint64_t x = ((static_cast<std::uint64_t>(hi) << 32) | lo) >> 11;
  return std::min((static_cast<double>(x) + 0.5) * 0x1p-53, 0x1.fffffffffffffp-1);
}

// The mean of a Poisson count with its exp(-mean), which the inversion starts from: computed
// once for the many streams (years, entities) that draw counts of the same mean.
class PoissonMean {
 public:
  explicit PoissonMean(double mean) : mean_(mean), p0_(mean > 0.0 ? std::exp(-mean) : 0.0) {}
  double mean() const { return mean_; }
  double p0() const { return p0_; }

 private:
  double mean_, p0_;
};

// All the draws of one (seed, replication, entity, process, period) address.
class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::uint32_t replication, std::uint32_t entity,
               std::uint32_t process, std::uint32_t period)
      : key_{{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}},
        ctr_{{replication, (entity << 16) | (process & kMaxProcess), period, 0}} {}

  // The 128 random bits of draw `draw`.
  RandomBlock block(std::uint32_t draw) const { return philox_block(counter(draw), key_); }
  // Draws first .. first + 3, computed together (sim/engine/philox_x4.hpp).
  std::array<RandomBlock, 4> blocks4(std::uint32_t first) const {
    return philox_x4({counter(first), counter(first + 1), counter(first + 2), counter(first + 3)},
                     {key_, key_, key_, key_});
  }
  // Draw `draw` of each of four streams, computed together.
  static std::array<RandomBlock, 4> block_of_each(const std::array<RandomStream, 4>& streams,
                                                  std::uint32_t draw) {
    return philox_x4({streams[0].counter(draw), streams[1].counter(draw), streams[2].counter(draw),
                      streams[3].counter(draw)},
                     {streams[0].key_, streams[1].key_, streams[2].key_, streams[3].key_});
  }
  // Uniform in (0, 1), 53-bit resolution, from the first half of block(draw).
  double uniform(std::uint32_t draw) const { return uniform_of(block(draw)); }
  // Two independent 53-bit uniforms from one block.
  std::array<double, 2> uniform_pair(std::uint32_t draw) const {
    return uniform_pair_of(block(draw));
  }
  // Standard normal by Box-Muller from block(draw) (the cosine branch).
  double normal(std::uint32_t draw) const { return normal_of(block(draw)); }
  // What uniform, uniform_pair and normal make of a block, for blocks computed together.
  static double uniform_of(const RandomBlock& b) { return u01_64(b[0], b[1]); }
  static std::array<double, 2> uniform_pair_of(const RandomBlock& b) {
    return {u01_64(b[0], b[1]), u01_64(b[2], b[3])};
  }
  static double normal_of(const RandomBlock& b) {
    const auto u = uniform_pair_of(b);
    return std::sqrt(-2.0 * std::log(u[0])) * std::cos(2.0 * std::numbers::pi * u[1]);
  }
  // Poisson count by inversion, consuming block(draw) only: exact for the small means the model
  // uses (a few events a year); the tail beyond 60 events is cut, which at mean <= 20 has
  // probability below 1e-12.
  std::uint32_t poisson(double mean, std::uint32_t draw) const {
    return poisson(PoissonMean(mean), draw);
  }
  std::uint32_t poisson(const PoissonMean& m, std::uint32_t draw) const {
    const double mean = m.mean();
    if (!(mean > 0.0)) return 0;
    const double u = uniform(draw);
    double p = m.p0();
    double cdf = p;
    std::uint32_t k = 0;
    while (u > cdf && k < 60) {
      ++k;
      p *= mean / k;
      cdf += p;
    }
    return k;
  }

 private:
  Philox::ctr_type counter(std::uint32_t draw) const {
    Philox::ctr_type c = ctr_;
    c.v[3] = draw;
    return c;
  }
  Philox::key_type key_;
  Philox::ctr_type ctr_;
};

}  // namespace sim
