// sim::RandomStream: counter-based draws addressed by (seed, replication, entity, process,
// period, draw) (MODEL.md section 4).
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <set>
#include <vector>

#include "sim/engine/random.hpp"

using sim::RandomBlock;
using sim::RandomStream;

namespace {

struct Address {
  std::uint64_t seed = 20251201;
  std::uint32_t replication = 17, entity = 4, process = 6, period = 2031, draw = 2;
  RandomBlock block() const {
    return RandomStream(seed, replication, entity, process, period).block(draw);
  }
};

struct Moments {
  double mean = 0, variance = 0, skewness = 0, kurtosis = 0;
};

Moments moments(const std::vector<double>& xs) {
  const double n = static_cast<double>(xs.size());
  Moments m;
  for (const double x : xs)
    m.mean += x / n;
  double m2 = 0, m3 = 0, m4 = 0;
  for (const double x : xs) {
    const double d = x - m.mean;
    m2 += d * d / n;
    m3 += d * d * d / n;
    m4 += d * d * d * d / n;
  }
  m.variance = m2;
  m.skewness = m3 / std::pow(m2, 1.5);
  m.kurtosis = m4 / (m2 * m2);
  return m;
}

constexpr std::uint32_t kDraws = 200'000;
constexpr double kN = kDraws;

}  // namespace

TEST_CASE("Philox 4x32-10 matches the Random123 known-answer vectors", "[random]") {
  // Random123 tests/kat_vectors, the three "philox4x32 10" lines: counter, key, result. The
  // counter is {replication, entity << 16 | process, period, draw}; the key is the seed.
  CHECK(RandomStream(0, 0, 0, 0, 0).block(0) ==
        RandomBlock{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8});
  CHECK(RandomStream(0xffffffffffffffffULL, 0xffffffff, 0xffff, 0xffff, 0xffffffff)
            .block(0xffffffff) == RandomBlock{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd});
  CHECK(RandomStream(0x299f31d0a4093822ULL, 0x243f6a88, 0x85a3, 0x08d3, 0x13198a2e)
            .block(0x03707344) == RandomBlock{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1});
}

TEST_CASE("The same address gives the same draw, from any stream object", "[random]") {
  const Address a;
  const RandomStream s1(a.seed, a.replication, a.entity, a.process, a.period);
  for (std::uint32_t d = 0; d < 100; ++d) {
    const RandomStream s2(a.seed, a.replication, a.entity, a.process, a.period);
    REQUIRE(s1.block(d) == s2.block(d));
    REQUIRE(s1.uniform(d) == s2.uniform(d));
    REQUIRE(s1.normal(d) == s2.normal(d));
  }
  CHECK(s1.block(5) == s1.block(5));  // no hidden state: a draw can be asked for again
}

TEST_CASE("Changing any one component of the address changes the draw", "[random]") {
  const Address base;
  const RandomBlock reference = base.block();
  const auto differs = [&](Address a) { return a.block() != reference; };
  Address a = base;

  a = base, a.seed += 1;
  CHECK(differs(a));
  a = base, a.seed += std::uint64_t{1} << 32;  // the high half of the seed counts too
  CHECK(differs(a));
  a = base, a.replication += 1;
  CHECK(differs(a));
  a = base, a.entity += 1;
  CHECK(differs(a));
  a = base, a.process += 1;
  CHECK(differs(a));
  a = base, a.period += 1;
  CHECK(differs(a));
  a = base, a.draw += 1;
  CHECK(differs(a));

  // Entity and process share one counter word: neither spills into the other within their
  // ranges (up to kMaxEntity and kMaxProcess).
  Address e = base, p = base;
  e.entity = 1, e.process = 0;
  p.entity = 0, p.process = 1;
  CHECK(e.block() != p.block());
  e.entity = sim::kMaxEntity, e.process = 0;
  p.entity = 0, p.process = sim::kMaxProcess;
  CHECK(e.block() != p.block());
}

TEST_CASE("Draws of nearby addresses are all distinct", "[random]") {
  std::set<std::uint64_t> seen;
  std::size_t n = 0;
  for (std::uint32_t r = 0; r < 8; ++r) {
    for (std::uint32_t e = 0; e < 8; ++e) {
      for (std::uint32_t p = 0; p < 8; ++p) {
        for (std::uint32_t t = 0; t < 4; ++t) {
          for (std::uint32_t d = 0; d < 4; ++d) {
            const auto b = RandomStream(1, r, e, p, t).block(d);
            seen.insert((std::uint64_t{b[0]} << 32) | b[1]);
            ++n;
          }
        }
      }
    }
  }
  CHECK(seen.size() == n);
}

TEST_CASE("Uniforms lie strictly inside (0, 1), even from extreme bits", "[random]") {
  CHECK(sim::u01_32(0) > 0.0);
  CHECK(sim::u01_32(0xffffffffu) < 1.0);
  CHECK(sim::u01_64(0, 0) > 0.0);
  CHECK(sim::u01_64(0xffffffffu, 0xffffffffu) < 1.0);
  CHECK(sim::u01_32(0x80000000u) == Approx(0.5).margin(1e-9));
  CHECK(sim::u01_64(0x80000000u, 0) == Approx(0.5).margin(1e-15));
  CHECK(sim::u01_64(0, 1) == sim::u01_64(0, 0));  // the low 11 bits are dropped (53-bit result)
  CHECK(sim::u01_64(0, 1u << 11) > sim::u01_64(0, 0));
  // -log(u) is finite at both ends: Box-Muller and exponential draws never see log(0).
  CHECK(std::isfinite(std::log(sim::u01_64(0, 0))));
  CHECK(std::isfinite(std::log(1.0 - sim::u01_64(0xffffffffu, 0xffffffffu))));

  const RandomStream s(7, 1, 2, 3, 4);
  for (std::uint32_t d = 0; d < 10'000; ++d) {
    const auto u = s.uniform_pair(d);
    REQUIRE(u[0] > 0.0);
    REQUIRE(u[0] < 1.0);
    REQUIRE(u[1] > 0.0);
    REQUIRE(u[1] < 1.0);
    REQUIRE(s.uniform(d) == u[0]);  // uniform() is the first half of the same block
  }
}

TEST_CASE("Uniform draws have the moments of U(0, 1)", "[random]") {
  const RandomStream s(99, 0, 1, 2, 3);
  std::vector<double> first, second;
  for (std::uint32_t d = 0; d < kDraws; ++d) {
    const auto u = s.uniform_pair(d);
    first.push_back(u[0]);
    second.push_back(u[1]);
  }
  // Tolerances are about 5 standard errors of each statistic for 200,000 draws.
  for (const auto* xs : {&first, &second}) {
    const Moments m = moments(*xs);
    CHECK(m.mean == Approx(0.5).margin(5 * std::sqrt(1.0 / 12 / kN)));
    CHECK(m.variance == Approx(1.0 / 12).margin(5 * std::sqrt(1.0 / 180 / kN)));
    CHECK(m.skewness == Approx(0.0).margin(0.02));
    CHECK(m.kurtosis == Approx(1.8).margin(0.02));
  }
  // The two halves of a block are uncorrelated.
  double cov = 0;
  for (std::size_t i = 0; i < first.size(); ++i)
    cov += (first[i] - 0.5) * (second[i] - 0.5) / kN;
  CHECK(cov / (1.0 / 12) == Approx(0.0).margin(5 / std::sqrt(kN)));
}

TEST_CASE("Normal draws have the moments of N(0, 1)", "[random]") {
  const RandomStream s(2024, 5, 6, 7, 8);
  std::vector<double> xs;
  for (std::uint32_t d = 0; d < kDraws; ++d) {
    xs.push_back(s.normal(d));
    REQUIRE(std::isfinite(xs.back()));
  }
  const Moments m = moments(xs);
  CHECK(m.mean == Approx(0.0).margin(5 / std::sqrt(kN)));
  CHECK(m.variance == Approx(1.0).margin(5 * std::sqrt(2.0 / kN)));
  CHECK(m.skewness == Approx(0.0).margin(5 * std::sqrt(6.0 / kN)));
  CHECK(m.kurtosis == Approx(3.0).margin(5 * std::sqrt(24.0 / kN)));
  // Tail shares: P(|Z| > 1.96) = 0.05.
  double tail = 0;
  for (const double x : xs)
    tail += std::fabs(x) > 1.959963984540054 ? 1.0 / kN : 0.0;
  CHECK(tail == Approx(0.05).margin(5 * std::sqrt(0.05 * 0.95 / kN)));
}

TEST_CASE("Poisson draws have mean and variance equal to the rate", "[random]") {
  for (const double mean : {0.3, 3.0, 12.0}) {
    INFO("mean " << mean);
    const RandomStream s(11, 0, 3, 4, static_cast<std::uint32_t>(mean * 10));
    std::vector<double> xs;
    double zeros = 0;
    for (std::uint32_t d = 0; d < kDraws; ++d) {
      const auto k = s.poisson(mean, d);
      xs.push_back(k);
      zeros += k == 0 ? 1.0 / kN : 0.0;
    }
    const Moments m = moments(xs);
    CHECK(m.mean == Approx(mean).margin(5 * std::sqrt(mean / kN)));
    CHECK(m.variance == Approx(mean).epsilon(0.03));
    const double p0 = std::exp(-mean);
    CHECK(zeros == Approx(p0).margin(5 * std::sqrt(p0 * (1 - p0) / kN) + 1e-12));
  }
}

TEST_CASE("A Poisson draw with a rate of zero or less is zero", "[random]") {
  const RandomStream s(1, 2, 3, 4, 5);
  CHECK(s.poisson(0.0, 0) == 0);
  CHECK(s.poisson(-1.0, 0) == 0);
  CHECK(s.poisson(std::numeric_limits<double>::quiet_NaN(), 0) == 0);
  CHECK(s.poisson(1000.0, 0) <= 60);  // the documented cut of the inversion
}
