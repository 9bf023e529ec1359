// sim::run_study and sim::merge_shards on the fake model, through the library alone: an
// interrupted run resumed, a sharded run merged, and a run with a precision target each give the
// same numbers as one uninterrupted run; the output is never overwritten unasked and nothing is
// left behind. (Before the run loop moved into sim/run/, this could only be tested through the
// executable.)
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/engine/errors.hpp"
#include "sim/results/h5.hpp"
#include "sim/results/results_file.hpp"
#include "sim/run/interrupt.hpp"
#include "sim/run/merge.hpp"
#include "sim/run/mpi.hpp"
#include "sim/run/run_study.hpp"
#include "sim/run/shard.hpp"
#include "unit/engine_fakes.hpp"

namespace fs = std::filesystem;
using Catch::Contains;

namespace {

// A directory of its own for each test, removed afterwards.
class TempDir {
 public:
  explicit TempDir(const std::string& stem)
      : path_(fs::temp_directory_path() /
              ("vtfsim_test_run_" + std::to_string(::getpid()) + "_" + stem)) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(path_))
      names.push_back(e.path().filename().string());
    return names;
  }

 private:
  fs::path path_;
};

// The fake model, raising SIGTERM when it reaches one replication (as a signal from outside
// would arrive part-way through a run).
class InterruptedModel : public fake::Model {
 public:
  InterruptedModel(std::uint64_t at) : fake::Model(2, 3), at_(at) {}
  void simulate(std::size_t scenario, std::uint64_t replication, sim::Workspace& w,
                sim::ReplicationOutput& out) const override {
    if (replication == at_ && !raised_.exchange(true)) std::raise(SIGTERM);
    fake::Model::simulate(scenario, replication, w, out);
  }

 private:
  std::uint64_t at_;
  mutable std::atomic<bool> raised_{false};
};

// The fake model with a paired difference in "spend" that varies between replications (the
// fake's own differences are constant, so any precision target would be met at once).
class NoisyModel : public fake::Model {
 public:
  NoisyModel() : fake::Model(2, 3) {}
  void simulate(std::size_t scenario, std::uint64_t replication, sim::Workspace& w,
                sim::ReplicationOutput& out) const override {
    fake::Model::simulate(scenario, replication, w, out);
    const sim::RandomStream noise(42, static_cast<std::uint32_t>(replication), 9,
                                  static_cast<std::uint32_t>(scenario), 0);
    for (std::size_t p = 1; p < policy_count(); ++p)
      out.outcome(p, 1) += 1e4 * static_cast<double>(p) * noise.uniform(0);
  }
};

sim::RunRequest request_for(const std::string& path, const sim::Study& study) {
  sim::RunRequest r;
  r.output_path = path;
  r.quiet = true;
  r.threads = 1;
  r.block_size = 5;
  r.checkpoint_every = 0;  // every block saved: an interrupt loses nothing
  r.shard = sim::parse_shard("", study.replications);
  r.provenance.vtfsim_version = "9.9.9";
  r.provenance.git_commit = "abc123";
  r.provenance.created_utc = "2026-01-01T00:00:00Z";
  r.provenance.command_line = "vtfsim run unit.toml";
  r.provenance.model_spec_version = "1.1";
  r.provenance.replications_total = study.replications;
  return r;
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

void check_same_numbers(const sim::Comparison& a, const sim::Comparison& b) {
  REQUIRE(a.cells.size() == b.cells.size());
  CHECK(a.replications == b.replications);
  for (std::size_t i = 0; i < a.cells.size(); ++i) {
    INFO("cell " << i);
    CHECK(same_bits(a.cells[i].mean, b.cells[i].mean));
    CHECK(same_bits(a.cells[i].std_error, b.cells[i].std_error));
  }
  REQUIRE(a.cost_per_effect.size() == b.cost_per_effect.size());
  for (std::size_t i = 0; i < a.cost_per_effect.size(); ++i)
    CHECK(same_bits(a.cost_per_effect[i], b.cost_per_effect[i]));
}

std::vector<double> outcome_values(const std::string& path, const std::string& outcome) {
  const sim::h5::File f = sim::h5::File::open_read(path);
  return f.root().open_group("outcomes").open_dataset(outcome).read<double>();
}

sim::Comparison uninterrupted(const TempDir& dir, const sim::Study& study) {
  const fake::Model model(2, 3);
  const sim::mpi::Session mpi;
  const sim::RunOutcome done =
      sim::run_study(model, study, request_for(dir.file("whole.h5"), study), mpi);
  REQUIRE(done.exit_code == sim::kExitOk);
  REQUIRE(done.comparison);
  return *done.comparison;
}

}  // namespace

TEST_CASE("A run writes its file durably under the final name and leaves nothing else",
          "[run_study]") {
  const TempDir dir("complete");
  const sim::Study study = fake::parse(fake::kTwoScenarioStudy, "unit.toml");
  const sim::Comparison whole = uninterrupted(dir, study);
  CHECK(whole.replications == 40);
  CHECK(dir.entries() == std::vector<std::string>{"whole.h5"});
  check_same_numbers(sim::read_comparison(dir.file("whole.h5")), whole);

  // Run again: the file is not replaced without force, and is with it.
  const fake::Model model(2, 3);
  const sim::mpi::Session mpi;
  sim::RunRequest again = request_for(dir.file("whole.h5"), study);
  CHECK_THROWS_WITH(sim::run_study(model, study, again, mpi), Contains("already exists"));
  again.force = true;
  CHECK(sim::run_study(model, study, again, mpi).exit_code == sim::kExitOk);
  CHECK(dir.entries() == std::vector<std::string>{"whole.h5"});
}

TEST_CASE("An interrupted run saves its finished work; resumed, it equals an uninterrupted run",
          "[run_study]") {
  const TempDir dir("resume");
  const sim::Study study = fake::parse(fake::kTwoScenarioStudy, "unit.toml");
  const sim::Comparison whole = uninterrupted(dir, study);

  const sim::mpi::Session mpi;
  const std::string path = dir.file("resumed.h5");
  {
    const sim::StopOnSignals signals;
    const InterruptedModel model(23);
    const sim::RunOutcome stopped = sim::run_study(model, study, request_for(path, study), mpi);
    CHECK(stopped.exit_code == sim::kExitInterrupted);
    CHECK_FALSE(stopped.comparison);
  }
  CHECK_FALSE(fs::exists(path));
  CHECK_FALSE(fs::exists(path + ".partial"));
  REQUIRE(fs::is_directory(path + ".checkpoint"));

  const fake::Model model(2, 3);
  sim::RunRequest resume = request_for(path, study);
  resume.resume = true;
  std::uint64_t restored = 0;
  resume.on_start = [&](const sim::RunStart& s) { restored = s.restored; };
  const sim::RunOutcome done = sim::run_study(model, study, resume, mpi);
  REQUIRE(done.comparison);
  CHECK(restored >= 20);  // the blocks before the signal were saved
  CHECK(restored < 40);
  check_same_numbers(*done.comparison, whole);
  CHECK(outcome_values(path, "spend") == outcome_values(dir.file("whole.h5"), "spend"));
  CHECK_FALSE(fs::exists(path + ".checkpoint"));

  // Resumed once more: the file is already complete and nothing is run.
  const sim::RunOutcome nothing = sim::run_study(model, study, resume, mpi);
  CHECK(nothing.already_complete);
  REQUIRE(nothing.comparison);
  check_same_numbers(*nothing.comparison, whole);
}

TEST_CASE("Shards merged give the numbers of one run; an incomplete set is refused",
          "[run_study]") {
  const TempDir dir("merge");
  const sim::Study study = fake::parse(fake::kTwoScenarioStudy, "unit.toml");
  const sim::Comparison whole = uninterrupted(dir, study);

  const fake::Model model(2, 3);
  const sim::mpi::Session mpi;
  std::vector<std::string> shards;
  for (const char* k : {"1/3", "2/3", "3/3"}) {
    sim::RunRequest r = request_for(dir.file(std::string("shard") + k[0] + ".h5"), study);
    r.shard = sim::parse_shard(k, study.replications);
    r.provenance.shard = std::make_pair(r.shard.k, r.shard.shards);
    REQUIRE(sim::run_study(model, study, r, mpi).exit_code == sim::kExitOk);
    shards.push_back(r.output_path);
  }
  CHECK_THROWS_WITH(sim::read_shards({shards[0], shards[2]}, "9.9.9", "abc123"),
                    Contains("missing shard 2/3"));
  CHECK_THROWS_WITH(sim::read_shards(shards, "9.9.9", "def456"), Contains("merge them with"));

  const sim::ShardSet set = sim::read_shards({shards[2], shards[0], shards[1]}, "9.9.9", "abc123");
  sim::MergeRequest m;
  m.output_path = dir.file("merged.h5");
  m.quiet = true;
  m.provenance = request_for(m.output_path, study).provenance;
  const sim::Comparison merged = sim::merge_shards(model, study, set, m);
  check_same_numbers(merged, whole);
  CHECK(outcome_values(m.output_path, "spend") == outcome_values(dir.file("whole.h5"), "spend"));
}

TEST_CASE("A precision target adds rounds until it is met, and the file says so", "[run_study]") {
  const TempDir dir("precision");
  const sim::Study study = fake::parse(fake::kTwoScenarioStudy, "unit.toml");
  const NoisyModel model;
  const sim::mpi::Session mpi;
  sim::RunRequest r = request_for(dir.file("precise.h5"), study);
  r.block_size = 0;
  sim::PrecisionOptions po;
  po.target = "spend=400";
  po.first_round = study.replications;
  r.precision = sim::parse_precision(po, model.schema());
  REQUIRE(r.precision);
  const sim::RunOutcome done = sim::run_study(model, study, r, mpi);
  REQUIRE(done.precision);
  CHECK(done.precision->reached);
  CHECK(done.precision->rounds > 1);
  CHECK(done.precision->achieved <= 400);
  CHECK(done.replications > study.replications);
  CHECK(done.comparison->replications == done.replications);
  const sim::h5::File f = sim::h5::File::open_read(r.output_path);
  CHECK(f.root().open_group("comparison").int_attribute("precision_reached") == 1);

  po.sharded = true;
  CHECK_THROWS_WITH(sim::parse_precision(po, model.schema()), Contains("--shard"));
}
