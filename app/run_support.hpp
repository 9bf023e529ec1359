#pragma once
// Small pieces shared by the commands that run studies.
#include <cstdint>
#include <string>

#include "sim/results/results_file.hpp"

namespace vtf::app {

// The K-th of N contiguous blocks of replications 0..R-1 (INTERFACE.md: block sizes differ by
// at most one, the larger ones first).
struct ShardRange {
  std::int64_t k = 1, shards = 1;
  std::uint64_t first = 0, count = 0;
};

// Parses "K/N" (empty: the whole run); throws sim::InputError for anything but 1 <= K <= N.
ShardRange parse_shard(const std::string& spec, std::uint64_t replications);

// Now, as ISO 8601 UTC (the results file's created_utc).
std::string utc_now();

// What a results file written now by this build records about how it was made.
sim::Provenance provenance_now(const std::string& command_line, std::uint64_t replications_total);

}  // namespace vtf::app
