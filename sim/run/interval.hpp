#pragma once
// A contiguous range of replications: a piece of a study, of a checkpoint or of a rank's work.
#include <cstdint>

namespace sim {

struct Interval {
  std::uint64_t first = 0, count = 0;
  std::uint64_t end() const { return first + count; }
  friend bool operator==(const Interval&, const Interval&) = default;
};

}  // namespace sim
