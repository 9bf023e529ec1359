#pragma once
// Interrupts: SIGINT and SIGTERM ask a run to stop between blocks (its finished work is saved and
// it exits 75) instead of killing it half-way through a write.
#include <atomic>
#include <cstdint>

namespace sim {

// While one lives, SIGINT and SIGTERM set stop_requested() instead of ending the process. It
// must live from before the output is touched until the results file is in place, so that a
// signal at any moment is honoured.
class StopOnSignals {
 public:
  StopOnSignals();
  ~StopOnSignals();
  StopOnSignals(const StopOnSignals&) = delete;
  StopOnSignals& operator=(const StopOnSignals&) = delete;
};

const std::atomic<bool>& stop_requested();

// Test hook for the kill tests (tests/scale): with VTFSIM_TEST_HOLD=<point> the process stops at
// that point of its run and waits to be killed, so a test can kill it exactly there.
void hold_for_test(const char* point);
// Test hook for the kill trial (tests/e2e): with VTFSIM_TEST_PROGRESS set, every finished block
// prints "vtfsim: test progress <replications finished>" on stderr, so a test killing the run
// knows how much work its checkpoint had to hold.
void report_progress_for_test(std::uint64_t finished);

}  // namespace sim
