#include "sim/run/interrupt.hpp"

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace sim {
namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_signal(int) { g_stop.store(true); }

}  // namespace

StopOnSignals::StopOnSignals() {
  g_stop.store(false);
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
}

StopOnSignals::~StopOnSignals() {
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  g_stop.store(false);  // a request to stop is for the run it interrupted, not the next one
}

const std::atomic<bool>& stop_requested() { return g_stop; }

void hold_for_test(const char* point) {
  const char* wanted = std::getenv("VTFSIM_TEST_HOLD");
  if (wanted == nullptr || std::strcmp(wanted, point) != 0) return;
  std::fprintf(stderr, "vtfsim: test hold at %s\n", point);
  std::fflush(stderr);
  for (;;)
    pause();
}

void report_progress_for_test(std::uint64_t finished) {
  static const bool wanted = std::getenv("VTFSIM_TEST_PROGRESS") != nullptr;
  if (!wanted) return;
  std::fprintf(stderr, "vtfsim: test progress %llu\n", static_cast<unsigned long long>(finished));
  std::fflush(stderr);
}

}  // namespace sim
