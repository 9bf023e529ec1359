#pragma once
// The input of scenario discovery (sim/analysis/prim.hpp, sim/analysis/feature_score.hpp): a
// matrix of inputs, one column per input and one row per sampled case, and which rows are cases
// of interest. Kept apart so that both algorithms read the same table.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace sim {

struct DiscoveryData {
  std::size_t rows = 0;
  std::vector<std::string> names;            // one per input
  std::vector<std::vector<double>> columns;  // columns[j][i]: input j at row i; finite values
  std::vector<std::uint8_t> cases;           // [row]: 1 when the row is a case of interest
  // [row], or empty: rows of one group share draws (the futures of one replication across
  // scenarios, by common random numbers), so a held-out half takes whole groups; otherwise rows
  // found on could be copies of rows judged on. Empty: every row is its own group.
  std::vector<std::uint64_t> groups = {};
};

}  // namespace sim
