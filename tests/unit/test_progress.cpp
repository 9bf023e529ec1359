// sim::Progress and sim::format_duration: what a long run tells the user on stderr.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>

#include "sim/engine/progress.hpp"

using Catch::Contains;
using sim::Progress;

namespace {

// Everything `f` writes to stderr.
std::string stderr_of(const std::function<void()>& f) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("vtfsim_test_progress_" + std::to_string(::getpid()) + ".txt");
  std::fflush(stderr);
  const int saved = ::dup(STDERR_FILENO);
  REQUIRE(saved >= 0);
  REQUIRE(std::freopen(path.c_str(), "w", stderr) != nullptr);
  f();
  std::fflush(stderr);
  ::dup2(saved, STDERR_FILENO);
  ::close(saved);
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(path);
  return text;
}

}  // namespace

TEST_CASE("Durations read as seconds, minutes or hours", "[progress]") {
  CHECK(sim::format_duration(0) == "0.0 s");
  CHECK(sim::format_duration(12.34) == "12.3 s");
  CHECK(sim::format_duration(59.9) == "59.9 s");
  CHECK(sim::format_duration(60) == "1m00s");
  CHECK(sim::format_duration(61.6) == "1m02s");
  CHECK(sim::format_duration(3599.4) == "59m59s");
  CHECK(sim::format_duration(3600) == "1h00m");
  CHECK(sim::format_duration(2 * 3600 + 2 * 60 + 5) == "2h02m");
  CHECK(sim::format_duration(100 * 3600) == "100h00m");
  CHECK(sim::format_duration(-1) == "?");  // e.g. no estimate yet
  CHECK(sim::format_duration(std::nan("")) == "?");
}

TEST_CASE("Quiet progress prints nothing", "[progress]") {
  const std::string out = stderr_of([] {
    Progress p("replications", 100, Progress::Mode::kQuiet);
    p.update(50);
    p.update(100);
    p.finish();
  });
  CHECK(out.empty());
}

TEST_CASE("Line progress for logs: throttled, the last step and a final line", "[progress]") {
  const std::string out = stderr_of([] {
    Progress p("replications", 1000, Progress::Mode::kLines);
    p.update(10);  // within the first 5 s: not printed
    p.update(20);
    p.update(1000);  // complete: always printed
    p.finish();
    p.finish();  // only once
  });
  CHECK(out.find("10/1000") == std::string::npos);
  CHECK_THAT(out, Contains("vtfsim: 100%  1000/1000 replications"));
  CHECK_THAT(out, Contains("done in"));
  std::size_t lines = 0;
  for (const char c : out)
    lines += c == '\n' ? 1 : 0;
  CHECK(lines == 2);
  CHECK(out.find('\r') == std::string::npos);  // plain lines, no terminal control
}

TEST_CASE("Bar progress for terminals redraws one line", "[progress]") {
  const std::string out = stderr_of([] {
    Progress p("replications", 4, Progress::Mode::kBar);
    p.update(4);
    p.finish();
  });
  CHECK_THAT(out, Contains("\r[##############################] 100%  4/4 replications"));
  CHECK_THAT(out, Contains("done in"));
  CHECK(out.back() == '\n');
}

TEST_CASE("A run of nothing is complete at once", "[progress]") {
  const std::string out = stderr_of([] {
    Progress p("replications", 0, Progress::Mode::kLines);
    p.finish();
  });
  CHECK_THAT(out, Contains("100%  0/0 replications"));
  Progress q("x", 10, Progress::Mode::kQuiet);
  CHECK(q.elapsed_seconds() >= 0.0);
}
