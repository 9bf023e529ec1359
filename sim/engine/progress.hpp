#pragma once
// Progress of a long run on stderr: a live bar when stderr is a terminal, otherwise a plain line
// every few seconds (for batch logs), nothing when quiet.
#include <chrono>
#include <cstdint>
#include <string>

namespace sim {

class Progress {
 public:
  enum class Mode { kAuto, kBar, kLines, kQuiet };
  Progress(std::string what, std::uint64_t total, Mode mode = Mode::kAuto);
  void update(std::uint64_t done);
  void set_total(std::uint64_t total) { total_ = total; }  // work found to be needed on the way
  void finish();                                           // a last line with the elapsed time
  double elapsed_seconds() const;

 private:
  void draw(std::uint64_t done, bool final);

  std::string what_;
  std::uint64_t total_;
  Mode mode_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  std::uint64_t done_ = 0;
  bool finished_ = false;
};

std::string format_duration(double seconds);

}  // namespace sim
