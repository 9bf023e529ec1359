#pragma once
// Shards: a study's replications cut into N contiguous blocks, run as separate jobs and joined by
// merge (sim/run/merge.hpp).
#include <cstdint>
#include <string>

namespace sim {

// The K-th of N contiguous blocks of replications 0..R-1 (INTERFACE.md: block sizes differ by
// at most one, the larger ones first).
struct ShardRange {
  std::int64_t k = 1, shards = 1;
  std::uint64_t first = 0, count = 0;
};

// Parses "K/N" (empty: the whole run); throws InputError for anything but 1 <= K <= N <= R.
ShardRange parse_shard(const std::string& spec, std::uint64_t replications);

}  // namespace sim
