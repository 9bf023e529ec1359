// The output's guards, without the executable: an output that is one of the command's inputs is
// refused through any link, and a second writer of one output is refused while the first holds
// it (flock locks belong to an open file, so two in one process conflict as two processes do).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "sim/engine/errors.hpp"
#include "sim/run/output_lock.hpp"
#include "sim/run/same_file.hpp"

namespace fs = std::filesystem;
using Catch::Contains;

namespace {

fs::path fresh_dir(const std::string& stem) {
  const fs::path dir =
      fs::temp_directory_path() / ("vtfsim_test_guard_" + std::to_string(::getpid()) + stem);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

}  // namespace

TEST_CASE("An output that is an input is refused through any link") {
  const fs::path dir = fresh_dir("same");
  const std::string input = (dir / "q.toml").string();
  std::ofstream(input) << "x";
  fs::create_symlink("q.toml", dir / "soft.h5");
  fs::create_hard_link(input, dir / "hard.h5");
  std::ofstream(dir / "other.h5") << "y";
  for (const char* name : {"q.toml", "soft.h5", "hard.h5"}) {
    REQUIRE_THROWS_WITH(
        sim::refuse_input_as_output((dir / name).string(), {input}, "the scenario file"),
        Contains("is the scenario file") && Contains("even with --force"));
  }
  CHECK_NOTHROW(sim::refuse_input_as_output((dir / "other.h5").string(), {input}, "x"));
  CHECK_NOTHROW(sim::refuse_input_as_output((dir / "new.h5").string(), {input}, "x"));
  fs::remove_all(dir);
}

TEST_CASE("A second writer of one output is refused and told who holds it") {
  const fs::path dir = fresh_dir("lock");
  const std::string out = (dir / "out.h5").string();
  std::optional<sim::OutputLock> first(std::in_place, out);
  REQUIRE_THROWS_AS(sim::OutputLock(out), sim::InputError);
  REQUIRE_THROWS_WITH(sim::OutputLock(out),
                      Contains("another vtfsim is writing " + out) &&
                          Contains("(pid " + std::to_string(::getpid()) + ")"));
  first.reset();
  CHECK_FALSE(fs::exists(out + ".lock"));  // removed with its holder
  CHECK_NOTHROW(sim::OutputLock(out));     // and the output is free again
  fs::remove_all(dir);
}
