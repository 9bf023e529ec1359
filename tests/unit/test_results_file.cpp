// sim::ResultsWriter, sim::summarize, sim::read_comparison and sim::require_results_file on a
// tiny fake model: what is written reads back the same, and wrong files are input errors.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sim/engine/errors.hpp"
#include "sim/engine/runner.hpp"
#include "sim/results/h5.hpp"
#include "sim/results/results_file.hpp"
#include "sim/study/scenario_file.hpp"
#include "unit/engine_fakes.hpp"

using Catch::Contains;

namespace {

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

class TempFile {
 public:
  explicit TempFile(const std::string& stem)
      : path_((std::filesystem::temp_directory_path() /
               ("vtfsim_test_results_" + std::to_string(::getpid()) + "_" + stem + ".h5"))
                  .string()) {
    std::filesystem::remove(path_);
  }
  ~TempFile() { std::filesystem::remove(path_); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& str() const { return path_; }

 private:
  std::string path_;
};

sim::Provenance provenance() {
  sim::Provenance p;
  p.vtfsim_version = "9.9.9";
  p.git_commit = "abc123";
  p.created_utc = "2026-01-01T00:00:00Z";
  p.command_line = "vtfsim run unit.toml";
  p.model_spec_version = "1.1";
  p.replications_total = 40;
  return p;
}

// A complete results file of the fake model, and what was computed in memory on the way.
struct Written {
  sim::Study study;
  fake::Model model{2, 3};
  fake::RecordingSink sink;
  sim::Comparison comparison;
};

void write_results(const std::string& path, Written& w, bool summaries = true) {
  w.study = sim::parse_study(fake::kTwoScenarioStudy, "unit.toml", fake::context());
  REQUIRE(w.study.runs() == 6);
  sim::ResultsWriter writer(path, w.model.schema(), w.study, provenance(), 0, 40);
  struct Tee : sim::BlockSink {  // the file and a copy in memory
    sim::BlockSink* a;
    sim::BlockSink* b;
    void write_block(const sim::BlockResults& block) override {
      a->write_block(block);
      b->write_block(block);
    }
  } tee;
  tee.a = &writer;
  tee.b = &w.sink;
  sim::RunOptions o;
  o.replications = 40;
  o.block_size = 16;
  const sim::RunResult r = sim::run_monte_carlo(w.model, o, tee);
  w.comparison = sim::summarize(r.accumulators, w.model.schema(), w.study);
  if (summaries) writer.write_summaries(r.accumulators, w.comparison);
  writer.close();
}

}  // namespace

TEST_CASE("The comparison reads back exactly as it was computed", "[results_file]") {
  const TempFile file("round_trip");
  Written w;
  write_results(file.str(), w);
  const sim::Comparison back = sim::read_comparison(file.str());
  const sim::Comparison& c = w.comparison;
  CHECK(back.scenarios == std::vector<std::string>{"calm", "rough"});
  CHECK(back.policies == std::vector<std::string>{"none", "annual_usd=5M", "annual_usd=20M"});
  CHECK(back.outcomes == c.outcomes);
  CHECK(back.better == c.better);
  CHECK(back.replications == 40);
  CHECK(back.cost_per_effect_name == "spend_per_gain");
  REQUIRE(back.cells.size() == c.cells.size());
  for (std::size_t i = 0; i < c.cells.size(); ++i) {
    INFO("cell " << i);
    CHECK(same_bits(back.cells[i].mean, c.cells[i].mean));
    CHECK(same_bits(back.cells[i].std_error, c.cells[i].std_error));
    CHECK(same_bits(back.cells[i].ci_low, c.cells[i].ci_low));
    CHECK(same_bits(back.cells[i].ci_high, c.cells[i].ci_high));
    CHECK(same_bits(back.cells[i].p_better, c.cells[i].p_better));
    CHECK(same_bits(back.cells[i].p_worse, c.cells[i].p_worse));
  }
  REQUIRE(back.cost_per_effect.size() == c.cost_per_effect.size());
  for (std::size_t i = 0; i < c.cost_per_effect.size(); ++i)
    CHECK(same_bits(back.cost_per_effect[i], c.cost_per_effect[i]));
}

TEST_CASE("The summary pairs every policy with the baseline", "[results_file]") {
  const TempFile file("summary");
  Written w;
  write_results(file.str(), w);
  const sim::Comparison& c = w.comparison;
  const std::size_t gain = c.outcome_index("gain"), spend = c.outcome_index("spend");
  for (std::size_t s = 0; s < 2; ++s) {
    CHECK(std::isnan(c.at(gain, s, 0).mean));  // the baseline's own row
    CHECK(std::isnan(c.cost_per_effect[s * 3 + 0]));
    for (std::size_t p = 1; p < 3; ++p) {
      // The fake model raises "gain" by p and "spend" by 1000 p in every replication.
      CHECK(c.at(gain, s, p).mean == static_cast<double>(p));
      CHECK(c.at(gain, s, p).p_better == 1.0);
      CHECK(c.at(spend, s, p).mean == Approx(1000.0 * static_cast<double>(p)).epsilon(1e-9));
      // Cost per unit of effect: the policy's mean spend over its mean gain.
      const auto spent = w.sink.outcome(sim::Shape::of(w.model), spend, s, p);
      double mean_spend = 0;
      for (const double x : spent)
        mean_spend += x / static_cast<double>(spent.size());
      CHECK(c.cost_per_effect[s * 3 + p] ==
            Approx(mean_spend / static_cast<double>(p)).epsilon(1e-12));
    }
  }
  CHECK_THROWS_WITH(c.outcome_index("gian"), "unknown outcome 'gian'; did you mean 'gain'?");
  CHECK_THROWS_AS(c.outcome_index("zzzzzzzz"), sim::InputError);
}

TEST_CASE("The file holds the raw outcomes, dimensions and provenance", "[results_file]") {
  const TempFile file("layout");
  Written w;
  write_results(file.str(), w);
  const sim::Shape sh = sim::Shape::of(w.model);
  const sim::h5::File f = sim::h5::File::open_read(file.str());
  const sim::h5::Group root = f.root();
  CHECK(root.string_attribute("vtfsim_version") == "9.9.9");
  CHECK(root.string_attribute("git_commit") == "abc123");
  CHECK(root.string_attribute("scenario_toml") == fake::kTwoScenarioStudy);
  CHECK(root.int_attribute("seed") == 42);
  CHECK(root.int_attribute("replications") == 40);
  CHECK(root.int_attribute("results_format_version") == sim::kResultsFormatVersion);
  CHECK_FALSE(root.has_attribute("shard"));
  CHECK(root.open_dataset("policy").read_strings() ==
        std::vector<std::string>{"none", "annual_usd=5M", "annual_usd=20M"});
  // Format version 2: the scenario coordinate holds the names, in every group.
  CHECK(root.open_dataset("scenario").read_strings() == std::vector<std::string>{"calm", "rough"});
  CHECK(root.open_dataset("outcomes/scenario").read_strings() ==
        std::vector<std::string>{"calm", "rough"});
  CHECK(root.open_dataset("scenario").string_attribute("long_name") == sim::kScenarioLongName);
  CHECK_FALSE(root.has("scenario_name"));
  CHECK(root.open_dataset("state_iso3").read_strings() ==
        std::vector<std::string>{"AGO", "TCD", "PER"});
  CHECK(root.open_dataset("year").read<std::int64_t>() ==
        std::vector<std::int64_t>{2026, 2027, 2028, 2029});
  CHECK(root.open_group("scenarios").open_dataset("donors_trend").read<double>() ==
        std::vector<double>{0.0, -0.05});
  CHECK(root.open_group("policies").open_dataset("fund_annual_usd").read<double>() ==
        std::vector<double>{0.0, 5e6, 20e6});

  const sim::h5::Group outcomes = root.open_group("outcomes");
  const sim::h5::Dataset gain = outcomes.open_dataset("gain");  // stored as int32
  CHECK(gain.dims() == std::vector<hsize_t>{2, 3, 40});
  CHECK(gain.string_attribute("units") == "States");
  const auto gains = gain.read<std::int64_t>();
  const auto spend = outcomes.open_dataset("spend").read<double>();
  const auto sometimes = outcomes.open_dataset("sometimes").read<double>();
  for (std::size_t s = 0; s < 2; ++s) {
    for (std::size_t p = 0; p < 3; ++p) {
      const auto g = w.sink.outcome(sh, 0, s, p), m = w.sink.outcome(sh, 1, s, p),
                 n = w.sink.outcome(sh, 2, s, p);
      for (std::size_t r = 0; r < 40; ++r) {
        const std::size_t at = (s * 3 + p) * 40 + r;
        REQUIRE(gains[at] == static_cast<std::int64_t>(g[r]));
        REQUIRE(same_bits(spend[at], m[r]));
        REQUIRE(same_bits(sometimes[at], n[r]));  // NaN stays NaN
      }
    }
  }
  const sim::h5::Dataset area = root.open_group("outcomes_by_state").open_dataset("area");
  CHECK(area.dims() == std::vector<hsize_t>{2, 3, 40, 3});
  const sim::h5::Group trajectories = root.open_group("trajectories");
  CHECK(trajectories.open_dataset("remaining").dims() == std::vector<hsize_t>{2, 3, 3, 4, 3});
  CHECK(trajectories.open_dataset("remaining_mean").dims() == std::vector<hsize_t>{2, 3, 3, 4});
  CHECK(trajectories.open_dataset("funding").dims() == std::vector<hsize_t>{2, 3, 3, 4});
  CHECK_FALSE(trajectories.has("funding_mean"));
}

TEST_CASE("The texts naming the baseline and the cost per effect come from the schema",
          "[results_file]") {
  const TempFile file("schema_texts");
  Written w;
  write_results(file.str(), w);
  const sim::h5::File f = sim::h5::File::open_read(file.str());
  const sim::h5::Group root = f.root();
  CHECK(root.open_dataset("policy").string_attribute("long_name") ==
        "policy; 0 is the baseline (nothing spent)");
  const sim::h5::Group comparison = root.open_group("comparison");
  CHECK_THAT(comparison.string_attribute("method").value_or(""),
             Contains("paired differences (policy - none) over"));
  CHECK(comparison.open_group("gain").open_dataset("mean").string_attribute("long_name") ==
        "mean of (policy - none)");
  const sim::h5::Dataset cost = comparison.open_dataset("spend_per_gain");
  CHECK(cost.string_attribute("units") == "USD");
  CHECK(cost.string_attribute("long_name") == "mean spend / mean gain (NaN when there is no gain)");
}

TEST_CASE("The per-entity outcomes are grouped after the entity dimension", "[results_file]") {
  const TempFile file("entity_group");
  const sim::Study study = sim::parse_study(fake::kTwoScenarioStudy, "unit.toml", fake::context());
  const fake::Model model(2, 3);
  sim::ModelSchema schema = model.schema();
  schema.entity_dim = "site";
  schema.entity_labels.clear();
  {
    sim::ResultsWriter writer(file.str(), schema, study, provenance(), 0, 40);
    writer.close();
  }
  const sim::h5::File f = sim::h5::File::open_read(file.str());
  const sim::h5::Group root = f.root();
  CHECK_FALSE(root.has("outcomes_by_state"));
  REQUIRE(root.has_group("outcomes_by_site"));
  CHECK(root.open_group("outcomes_by_site").open_dataset("area").dims() ==
        std::vector<hsize_t>{2, 3, 40, 3});
}

TEST_CASE("A shard records which shard it is", "[results_file]") {
  const TempFile file("shard");
  const sim::Study study = sim::parse_study(fake::kTwoScenarioStudy, "unit.toml", fake::context());
  const fake::Model model(2, 3);
  sim::Provenance p = provenance();
  p.shard = std::make_pair(std::int64_t{2}, std::int64_t{3});
  {
    sim::ResultsWriter writer(file.str(), model.schema(), study, p, 14, 13);
    writer.close();
  }
  const sim::h5::File f = sim::h5::File::open_read(file.str());
  CHECK(f.root().int_attribute("shard") == 2);
  CHECK(f.root().int_attribute("shards") == 3);
  CHECK(f.root().int_attribute("replications") == 40);  // of the study
  const auto reps = f.root().open_dataset("replication").read<std::int64_t>();
  REQUIRE(reps.size() == 13);
  CHECK(reps.front() == 14);
  CHECK(reps.back() == 26);
}

TEST_CASE("A results file is never written over", "[results_file][errors]") {
  const TempFile file("exists");
  std::ofstream(file.str()) << "something";
  const sim::Study study = sim::parse_study(fake::kTwoScenarioStudy, "unit.toml", fake::context());
  const fake::Model model(2, 3);
  CHECK_THROWS_AS(sim::ResultsWriter(file.str(), model.schema(), study, provenance(), 0, 40),
                  sim::h5::Error);
}

TEST_CASE("Files that are not complete vtfsim results are input errors", "[results_file][errors]") {
  const TempFile missing("missing");
  CHECK_THROWS_WITH(sim::read_comparison(missing.str()),
                    Contains(missing.str() + ": cannot open as an HDF5 file"));

  const TempFile text("text");
  std::ofstream(text.str()) << "[study]\n";
  CHECK_THROWS_AS(sim::read_comparison(text.str()), sim::InputError);

  const TempFile foreign("foreign");
  {
    sim::h5::File f = sim::h5::File::create(foreign.str());
    f.root().set_attribute("title", "another program's file");
    f.close();
  }
  CHECK_THROWS_WITH(sim::read_comparison(foreign.str()),
                    foreign.str() +
                        ": not a vtfsim results file (no results_format_version "
                        "attribute)");
  {
    sim::h5::File f = sim::h5::File::open_rw(foreign.str());
    f.root().set_attribute("results_format_version", std::int64_t{1});
    f.close();
  }
  // A version-1 file: re-run it, or convert it.
  CHECK_THROWS_WITH(sim::read_comparison(foreign.str()),
                    foreign.str() + ": results format version 1; this vtfsim reads version 2: " +
                        "re-run, or `vtfsim upgrade " + foreign.str() + "`");
  {
    sim::h5::File f = sim::h5::File::open_rw(foreign.str());
    f.root().set_attribute("results_format_version", std::int64_t{3});
    f.close();
  }
  CHECK_THROWS_WITH(sim::read_comparison(foreign.str()),
                    foreign.str() + ": results format version 3; this vtfsim reads version 2: " +
                        "read it with the newer vtfsim that wrote it");
  {
    const sim::h5::File f = sim::h5::File::open_read(foreign.str());
    CHECK_THROWS_AS(sim::require_results_file(f.root(), foreign.str()), sim::InputError);
  }

  const TempFile incomplete("incomplete");
  Written w;
  write_results(incomplete.str(), w, false);  // the blocks, but no summaries
  {
    const sim::h5::File f = sim::h5::File::open_read(incomplete.str());
    CHECK_NOTHROW(sim::require_results_file(f.root(), incomplete.str()));
  }
  CHECK_THROWS_WITH(sim::read_comparison(incomplete.str()),
                    incomplete.str() + ": an incomplete vtfsim results file (no /comparison)");
}
