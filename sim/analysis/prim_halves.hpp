#pragma once
// PRIM's training and test halves (sim/analysis/prim.hpp): rows dealt at random, whole groups
// of rows that share their draws together.
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "sim/analysis/discovery_data.hpp"

namespace sim::prim_detail {

using Rows = std::vector<std::size_t>;

// Rows of one half, in order, and how many of them are cases.
struct Half {
  Rows rows;
  std::size_t cases = 0;
};

// The training and the test half of `d`'s rows; the same for the same seed and table.
std::pair<Half, Half> split(const DiscoveryData& d, std::uint64_t seed);
// Distinct groups of rows (DiscoveryData::groups); the rows when there are none.
std::size_t group_count(const DiscoveryData& d);

}  // namespace sim::prim_detail
