#include "sim/engine/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace sim {

std::string format_duration(double seconds) {
  if (!(seconds >= 0)) return "?";
  if (seconds < 60) return fmt::format("{:.1f} s", seconds);
  const auto s = static_cast<long>(seconds + 0.5);
  if (s < 3600) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}h{:02}m", s / 3600, (s % 3600) / 60);
}

Progress::Progress(std::string what, std::uint64_t total, Mode mode)
    : what_(std::move(what)),
      total_(total),
      mode_(mode),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {
  if (mode_ == Mode::kAuto) mode_ = isatty(STDERR_FILENO) ? Mode::kBar : Mode::kLines;
}

double Progress::elapsed_seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void Progress::update(std::uint64_t done) {
  done_ = done;
  if (mode_ == Mode::kQuiet) return;
  const auto now = std::chrono::steady_clock::now();
  const auto interval =
      mode_ == Mode::kBar ? std::chrono::milliseconds(100) : std::chrono::milliseconds(5000);
  if (now - last_draw_ < interval && done < total_) return;
  last_draw_ = now;
  draw(done, false);
}

void Progress::finish() {
  if (finished_) return;
  finished_ = true;
  if (mode_ != Mode::kQuiet) draw(done_, true);
}

void Progress::draw(std::uint64_t done, bool final) {
  const double elapsed = elapsed_seconds();
  const double share = total_ > 0 ? static_cast<double>(done) / static_cast<double>(total_) : 1.0;
  const double eta = share > 0 ? elapsed * (1.0 - share) / share : -1;
  const std::string counts = fmt::format("{}/{} {}", done, total_, what_);
  if (mode_ == Mode::kBar) {
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(share * kWidth);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(kWidth, '.');
    const std::string tail =
        final ? fmt::format("done in {}", format_duration(elapsed))
              : fmt::format("{} elapsed, {} left", format_duration(elapsed), format_duration(eta));
    std::fprintf(stderr, "\r[%s] %3.0f%%  %s  %s\033[K%s", bar.c_str(), 100 * share, counts.c_str(),
                 tail.c_str(), final ? "\n" : "");
  } else {
    const std::string tail = final ? fmt::format("done in {}", format_duration(elapsed))
                                   : fmt::format("{} elapsed, about {} left",
                                                 format_duration(elapsed), format_duration(eta));
    std::fprintf(stderr, "vtfsim: %3.0f%%  %s  %s\n", 100 * share, counts.c_str(), tail.c_str());
  }
  std::fflush(stderr);
}

}  // namespace sim
