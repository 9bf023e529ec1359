// vtfsim_bench: how fast the engine runs the default study, and how it scales. The core issue's
// target is stated for the default study's 6 named scenarios x 6 policies x 1,000 replications
// (about 3e8 State-months): the case named_scenarios. default_study adds its 20 sampled ones.
//
//   build/vtfsim_bench [-r REPLICATIONS] [--threads N] [--floor-only] [--writer-only]
//                      [--world-only]
//
// Each case runs in its own child process (so its peak memory is its own) and does what
// `vtfsim run` does: calibrates, simulates, reduces and writes a complete HDF5 results file
// (to a temporary directory). Reported per case: wall time, policy-replications per second,
// nanoseconds per State-month per core (wall x threads / State-months) and peak resident memory.
#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <tbb/info.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "app/study_loader.hpp"
#include "bench/monthly_floor.hpp"
#include "bench/world_cost.hpp"
#include "bench/writer_cost.hpp"
#include "models/parameters.hpp"
#include "models/vtf_model.hpp"
#include "sim/engine/runner.hpp"
#include "sim/results/results_file.hpp"

namespace {

// How much of the default study a case runs.
enum class Scope {
  kNamed,   // its 6 named scenarios x 6 policies: the size of the core issue's speed target
  kStudy,   // all of it, the 20 sampled scenarios too
  kSingle,  // the first scenario and policy 0 (no fund) only
};

struct Case {
  std::string name;
  Scope scope;
  std::size_t threads;
};

struct Measurement {
  double seconds = 0, state_months = 0, policy_replications = 0;
};

sim::Study study_of(Scope scope, std::uint64_t replications) {
  sim::Study study = vtf::app::load_study("");
  study.replications = replications;
  auto& scenarios = study.design.scenarios;
  if (scope == Scope::kNamed) {
    std::erase_if(scenarios, [](const sim::NamedValues& s) { return s.sampled; });
  } else if (scope == Scope::kSingle) {
    scenarios.resize(1);
    study.design.policies.resize(1);
  }
  return study;
}

Measurement run_case(const Case& c, std::uint64_t replications, const std::string& dir) {
  const sim::Study study = study_of(c.scope, replications);
  const auto start = std::chrono::steady_clock::now();
  const vtf::VtfModel model(study);
  sim::Provenance prov;
  prov.vtfsim_version = "bench";
  prov.model_spec_version = vtf::kModelSpecVersion;
  prov.replications_total = replications;
  const std::string path = dir + "/" + c.name + ".h5";
  std::filesystem::remove(path);
  sim::ResultsWriter writer(path, model.schema(), study, prov, 0, replications);
  sim::RunOptions o;
  o.replications = replications;
  o.threads = c.threads;
  const auto result = sim::run_monte_carlo(model, o, writer);
  const auto comparison = sim::summarize(result.accumulators, model.schema(), study);
  writer.write_summaries(result.accumulators, comparison);
  writer.close();
  Measurement m;
  m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  m.policy_replications =
      static_cast<double>(replications * model.scenario_count() * model.policy_count());
  m.state_months = m.policy_replications * static_cast<double>(model.data().size()) * 12.0 *
                   static_cast<double>(study.horizon.year() - study.start.year() + 1);
  std::filesystem::remove(path);
  return m;
}

// The floor beside the named scenarios' case (bench/monthly_floor.hpp), on as many threads.
void print_floor(std::uint64_t replications, std::size_t threads, double engine_wall) {
  const sim::Study study = study_of(Scope::kNamed, replications);
  const vtf::VtfModel model(study);
  const auto f = vtf::bench::measure_floor(model, replications, threads);
  const auto per_core = [&](double seconds) { return seconds * 1e9 / f.state_months; };
  fmt::print(
      "floor of named_scenarios (random worlds and operate_month only, {} threads): {:.2f} s wall, "
      "{:.1f} ns/State-month per core (random worlds {:.1f}, monthly steps {:.1f}; checksum "
      "{:.6g} km2)\n",
      threads, f.wall_seconds, per_core(f.wall_seconds * static_cast<double>(threads)),
      per_core(f.world_seconds), per_core(f.months_seconds), f.checksum);
  if (engine_wall > 0) {
    fmt::print("named_scenarios runs at {:.1f}x its floor\n", engine_wall / f.wall_seconds);
  }
}

// One random world of the first named scenario, the least CPU time of 15 passes
// (bench/world_cost.hpp).
void print_world(std::uint64_t replications) {
  const sim::Study study = study_of(Scope::kNamed, replications);
  const vtf::VtfModel model(study);
  const auto w = vtf::bench::measure_world(model, replications, 15);
  fmt::print(
      "random world of {} (generate_world, 1 thread, least of 15 passes of {}): {:.1f} us "
      "(checksum {:.6g})\n",
      study.design.scenarios.front().name, w.worlds, w.seconds_per_world * 1e6, w.checksum);
}

// The results file's writer beside the simulation it must keep up with (bench/writer_cost.hpp).
void print_writer(std::uint64_t replications, const std::string& dir) {
  const sim::Study study = study_of(Scope::kNamed, replications);
  const vtf::VtfModel model(study);
  const auto w = vtf::bench::measure_writer(model, study, replications, dir);
  const auto us = [](double seconds) { return seconds * 1e6; };
  fmt::print(
      "writer of named_scenarios, per policy-replication: simulation {:.1f} us per core; writing "
      "{:.2f} us on 1 thread, {:.2f} us on 2 (serial {:.2f} us, parallel {:.2f} us)\n",
      us(w.simulate), us(w.one_thread), us(w.two_threads), us(w.serial()), us(w.parallel()));
  fmt::print("writing over simulation wall time: {:.0f}% on 2 threads, {:.0f}% on 32 (model)\n",
             100 * w.share(2), 100 * w.share(32));
}

// Runs each case in a child process (so that its peak memory is its own) and prints its line;
// `walls` gets the wall time of each case that succeeded. Returns 0, or 1 if a case failed.
int run_cases(const std::vector<Case>& cases, std::uint64_t replications, const std::string& dir,
              std::vector<double>& walls) {
  int status_all = 0;
  for (const auto& c : cases) {
    int fds[2];
    if (pipe(fds) != 0) return 1;
    const pid_t pid = fork();
    if (pid == 0) {  // the child measures one case and reports through the pipe
      close(fds[0]);
      const Measurement m = run_case(c, replications, dir);
      const std::string line =
          fmt::format("{} {} {}", m.seconds, m.policy_replications, m.state_months);
      if (write(fds[1], line.data(), line.size()) < 0) _exit(1);
      _exit(0);
    }
    close(fds[1]);
    char buf[256] = {};
    const auto n = read(fds[0], buf, sizeof buf - 1);
    close(fds[0]);
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    if (n <= 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      fmt::print(stderr, "vtfsim_bench: case {} failed\n", c.name);
      status_all = 1;
      continue;
    }
    Measurement m;
    std::sscanf(buf, "%lf %lf %lf", &m.seconds, &m.policy_replications, &m.state_months);
    walls.push_back(m.seconds);
    fmt::print("{:<24} {:>7} {:>9.2f} {:>14.0f} {:>12.1f} {:>11.0f}\n", c.name, c.threads,
               m.seconds, m.policy_replications / m.seconds,
               m.seconds * static_cast<double>(c.threads) * 1e9 / m.state_months,
               static_cast<double>(usage.ru_maxrss) / 1024.0);
  }
  return status_all;
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t replications = 1000;
  std::size_t max_threads = 0;
  bool floor_only = false;   // only the floor, e.g. to profile it
  bool writer_only = false;  // only the writer's cost
  bool world_only = false;   // only the cost of a random world
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if ((a == "-r" || a == "--replications") && i + 1 < argc) {
      replications = std::strtoull(argv[++i], nullptr, 10);
    } else if (a == "--threads" && i + 1 < argc) {
      max_threads = std::strtoull(argv[++i], nullptr, 10);
    } else if (a == "--floor-only") {
      floor_only = true;
    } else if (a == "--writer-only") {
      writer_only = true;
    } else if (a == "--world-only") {
      world_only = true;
    } else {
      fmt::print(stderr,
                 "usage: vtfsim_bench [-r REPLICATIONS] [--threads N] [--floor-only] "
                 "[--writer-only] [--world-only]\n");
      return a == "-h" || a == "--help" ? 0 : 2;
    }
  }
  if (max_threads == 0) max_threads = static_cast<std::size_t>(tbb::info::default_concurrency());
  if (replications == 0) replications = 1;

  if (floor_only) {
    print_floor(replications, max_threads, 0.0);
    return 0;
  }
  if (world_only) {
    print_world(replications);
    return 0;
  }
  const std::string dir =
      std::filesystem::temp_directory_path() / ("vtfsim_bench_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  if (writer_only) {
    print_writer(replications, dir);
    std::filesystem::remove_all(dir);
    return 0;
  }
  const std::vector<Case> cases = {
      {"named_scenarios", Scope::kNamed, max_threads},
      {"named_scenarios_1_thread", Scope::kNamed, 1},
      {"single_policy", Scope::kSingle, max_threads},
      {"single_policy_1_thread", Scope::kSingle, 1},
      {"default_study", Scope::kStudy, max_threads},
  };
  fmt::print("vtfsim_bench: {} replications, up to {} threads, {} cores seen by TBB\n",
             replications, max_threads, tbb::info::default_concurrency());
  fmt::print("{:<24} {:>7} {:>9} {:>14} {:>12} {:>11}\n", "case", "threads", "wall s",
             "policy-reps/s", "ns/State-mo", "peak MiB");
  std::vector<double> walls;
  const int status_all = run_cases(cases, replications, dir, walls);
  if (walls.size() == cases.size()) {
    fmt::print("speed-up from 1 to {} threads: named scenarios {:.2f}x, single policy {:.2f}x\n",
               max_threads, walls[1] / walls[0], walls[3] / walls[2]);
  }
  print_floor(replications, max_threads, walls.empty() ? 0.0 : walls[0]);
  print_world(replications);
  print_writer(replications, dir);
  std::filesystem::remove_all(dir);
  return status_all;
}
