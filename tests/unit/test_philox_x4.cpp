// Four Philox blocks computed together (SSE2 lanes on x86-64) must be Random123's scalar blocks
// (sim::philox_block, which test_random.cpp checks against Random123's known answers), bit for
// bit, or every number of a run would change with the way its draws are computed.
#include <catch2/catch.hpp>
#include <cstdint>

#include "sim/engine/random.hpp"

namespace {

using sim::Philox;
using sim::RandomBlock;
using sim::RandomStream;

// SplitMix64: inputs that exercise every bit of keys and counters.
struct Inputs {
  std::uint64_t x = 0x9E3779B97F4A7C15ULL;
  std::uint32_t next() {
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return static_cast<std::uint32_t>(z ^ (z >> 31));
  }
};

}  // namespace

TEST_CASE("Four Philox blocks together are Random123's, each with its own key and counter",
          "[random]") {
  Inputs in;
  for (std::size_t trial = 0; trial < 20'000; ++trial) {
    std::array<Philox::ctr_type, 4> counters;
    std::array<Philox::key_type, 4> keys;
    for (std::size_t j = 0; j < 4; ++j) {
      for (auto& w : counters[j].v)
        w = in.next();
      for (auto& w : keys[j].v)
        w = in.next();
    }
    // Extreme words in some lanes: carries and the top bit of the products.
    if (trial % 7 == 0) counters[trial % 4].v[trial % 3] = 0xffffffffu;
    if (trial % 11 == 0) keys[(trial + 1) % 4].v[trial % 2] = 0;
    const auto together = sim::philox_x4(counters, keys);
    for (std::size_t j = 0; j < 4; ++j) {
      INFO("trial " << trial << ", lane " << j);
      REQUIRE(together[j] == sim::philox_block(counters[j], keys[j]));
    }
  }
}

TEST_CASE("A stream's blocks drawn four at a time, or one of each of four streams, are its own",
          "[random]") {
  const RandomStream a(0x299f31d0a4093822ULL, 7, 12, 3, 2031);
  const auto four = a.blocks4(5);
  for (std::uint32_t j = 0; j < 4; ++j)
    CHECK(four[j] == a.block(5 + j));
  // The known-answer streams of Random123 (tests/unit/test_random.cpp), one per lane.
  const std::array<RandomStream, 4> streams{
      RandomStream(0, 0, 0, 0, 0),
      RandomStream(0xffffffffffffffffULL, 0xffffffff, 0xffff, 0xffff, 0xffffffff),
      RandomStream(0x299f31d0a4093822ULL, 0x243f6a88, 0x85a3, 0x08d3, 0x13198a2e), a};
  const auto each = RandomStream::block_of_each(streams, 0);
  CHECK(each[0] == RandomBlock{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8});
  for (std::size_t j = 0; j < 4; ++j)
    CHECK(each[j] == streams[j].block(0));
  CHECK(RandomStream::uniform_of(each[3]) == a.uniform(0));
  CHECK(RandomStream::normal_of(each[3]) == a.normal(0));
}
