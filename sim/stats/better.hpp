#pragma once
// Which direction of (policy - baseline) is good: a property of an outcome that the paired
// statistics count by, kept here so the statistics need nothing of the model interface.

namespace sim {

enum class Better { kHigher, kLower, kNeither };

}  // namespace sim
