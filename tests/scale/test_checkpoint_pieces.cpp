// Checkpoint segments and the bookkeeping of resumed and distributed runs: a segment written
// block by block and committed reads back as exactly what was simulated; what is missing from a
// checkpoint, and how work is split between ranks; how studies are told apart.
#include <fmt/format.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "models/vtf_model.hpp"
#include "sim/engine/errors.hpp"
#include "sim/run/accumulator_codec.hpp"
#include "sim/run/checkpoint.hpp"
#include "sim/run/checkpoint_statistics.hpp"
#include "sim/run/piece_file.hpp"
#include "unit/support.hpp"

namespace fs = std::filesystem;

namespace {

const char* kStudy = R"(
[study]
replications = 30
[[scenario]]
name = "declining"
[levers]
vtf.annual_usd = [5e6, 20e6]
)";

// A fresh directory, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = fs::temp_directory_path() /
            ("vtfsim_test_scale_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

sim::StudyIdentity identity_of(const sim::Study& study) {
  sim::Provenance prov;
  prov.vtfsim_version = "0.0.test";
  prov.git_commit = "abc";
  prov.model_spec_version = "1.1";
  prov.replications_total = study.replications;
  return sim::StudyIdentity::of(study, prov);
}

sim::Piece piece(std::uint64_t first, std::uint64_t count) {
  sim::Piece p;
  p.path = std::to_string(first) + ".h5";
  p.first = first;
  p.count = count;
  return p;
}

}  // namespace

TEST_CASE("A committed segment reads back as what was simulated", "[scale][checkpoint]") {
  const sim::Study study = test::study_from(kStudy);
  const vtf::VtfModel model(study);
  const auto sh = sim::Shape::of(model);
  TempDir dir;
  const auto direct = test::run(model, 5, 17, 1, 4);

  // Blocks of 4 into a segment sized for 20, committed with the run's accumulators.
  sim::SegmentWriter segment(dir / "seg.tmp", identity_of(study), model.schema(), sh, 5, 20, 4);
  const auto again = test::run(model, 5, 17, 1, 4);
  class Forward : public sim::BlockSink {
   public:
    explicit Forward(sim::SegmentWriter& w) : w_(w) {}
    void write_block(const sim::BlockResults& b) override { w_.write_block(b); }

   private:
    sim::SegmentWriter& w_;
  };
  Forward forward(segment);
  sim::RunOptions o;
  o.first_replication = 5;
  o.replications = 17;
  o.threads = 1;
  o.block_size = 4;
  const auto result = sim::run_monte_carlo(model, o, forward);
  REQUIRE(segment.count() == 17);
  segment.commit(dir / "seg.h5");
  REQUIRE_FALSE(fs::exists(dir / "seg.tmp"));
  sim::write_checkpoint_statistics(dir / "st.tmp", dir / "st.h5", identity_of(study), {{5, 17}},
                                   sim::encode_accumulators(result.accumulators));
  REQUIRE_FALSE(fs::exists(dir / "st.tmp"));

  const sim::Piece p = sim::read_segment(dir / "seg.h5");
  REQUIRE(p.first == 5);
  REQUIRE(p.count == 17);
  REQUIRE(sim::identity_difference(p.identity, "a", identity_of(study), "b", true).empty());

  test::MemorySink read_back(sh);
  sim::Accumulators acc(sh, model.schema());
  sim::absorb_outcomes(p, model.schema(), sh, read_back, 6);
  const auto st = sim::read_checkpoint_statistics(dir / "st.h5");
  REQUIRE(st.segments == std::vector<sim::Interval>{{5, 17}});
  REQUIRE(sim::identity_difference(st.identity, "a", identity_of(study), "b", true).empty());
  REQUIRE_THROWS_WITH(
      sim::absorb_checkpoint_statistics(dir / "st.h5", sh, model.schema(), 16, acc),
      Catch::Contains("st.h5") && Catch::Contains("17 replications") && Catch::Contains("--force"));
  sim::absorb_checkpoint_statistics(dir / "st.h5", sh, model.schema(), 17, acc);
  REQUIRE(read_back.first_replication() == 5);
  REQUIRE(read_back.replications() == 17);
  for (std::size_t k = 0; k < sh.outcomes; ++k) {
    for (std::size_t s = 0; s < sh.scenarios; ++s) {
      for (std::size_t q = 0; q < sh.policies; ++q) {
        REQUIRE(test::same(read_back.outcome(k, s, q), direct.sink.outcome(k, s, q)));
      }
    }
  }
  for (std::size_t k = 0; k < sh.entity_outcomes; ++k) {
    REQUIRE(test::same(read_back.entity_outcome(k, 0, 1), direct.sink.entity_outcome(k, 0, 1)));
  }
  REQUIRE(sim::encode_accumulators(acc) == sim::encode_accumulators(direct.result.accumulators));
}

TEST_CASE("An uncommitted segment leaves no file, and blocks must follow each other",
          "[scale][checkpoint]") {
  const sim::Study study = test::study_from(kStudy);
  const vtf::VtfModel model(study);
  const auto sh = sim::Shape::of(model);
  TempDir dir;
  const auto run = test::run(model, 0, 8, 1, 4);
  {
    sim::SegmentWriter segment(dir / "seg.tmp", identity_of(study), model.schema(), sh, 0, 8, 4);
    REQUIRE(fs::exists(dir / "seg.tmp"));
    sim::BlockResults skipped;
    skipped.first_replication = 4;  // the segment starts at 0
    skipped.count = 4;
    REQUIRE_THROWS_AS(segment.write_block(skipped), std::logic_error);
  }
  REQUIRE_FALSE(fs::exists(dir / "seg.tmp"));
}

TEST_CASE("Damaged or foreign pieces are refused with the file's name", "[scale][checkpoint]") {
  TempDir dir;
  SECTION("not HDF5") {
    std::ofstream(dir / "text.h5") << "not an HDF5 file";
    REQUIRE_THROWS_WITH(sim::read_piece(dir / "text.h5"),
                        Catch::Contains("text.h5") && Catch::Contains("unreadable"));
  }
  SECTION("truncated") {
    const sim::Study study = test::study_from(kStudy);
    const vtf::VtfModel model(study);
    const auto sh = sim::Shape::of(model);
    sim::SegmentWriter segment(dir / "seg.tmp", identity_of(study), model.schema(), sh, 0, 4, 4);
    const auto run = test::run(model, 0, 4, 1, 4);
    segment.commit(dir / "seg.h5");
    fs::resize_file(dir / "seg.h5", fs::file_size(dir / "seg.h5") / 2);
    REQUIRE_THROWS_AS(sim::read_segment(dir / "seg.h5"), sim::InputError);
  }
  SECTION("a segment is not a shard, nor a shard a segment") {
    const sim::Study study = test::study_from(kStudy);
    const vtf::VtfModel model(study);
    sim::SegmentWriter segment(dir / "seg.tmp", identity_of(study), model.schema(),
                               sim::Shape::of(model), 0, 4, 4);
    segment.commit(dir / "seg.h5");
    REQUIRE_THROWS_WITH(sim::read_piece(dir / "seg.h5"), Catch::Contains("not a shard file"));
    REQUIRE_THROWS_WITH(sim::read_checkpoint_statistics(dir / "seg.h5"),
                        Catch::Contains("not the statistics of a checkpoint"));
  }
}

TEST_CASE("A checkpoint is the segments its statistics list", "[scale][checkpoint]") {
  const sim::Study study = test::study_from(kStudy);
  const vtf::VtfModel model(study);
  const auto sh = sim::Shape::of(model);
  const auto id = identity_of(study);
  TempDir dir;
  sim::Checkpoint cp(dir / "r.h5");
  cp.lock();
  const auto commit = [&](std::uint64_t first, std::uint64_t count) {
    sim::SegmentWriter w(cp.temp_path(0, first), id, model.schema(), sh, first, count, 4);
    w.commit(cp.segment_path(first, count));
  };
  commit(0, 0);
  commit(4, 0);
  const std::vector<std::uint8_t> none =
      sim::encode_accumulators(sim::Accumulators(sh, model.schema()));

  SECTION("segments without statistics are not part of it") {
    const sim::SavedWork w = cp.saved(id);
    REQUIRE(w.segments.empty());
    REQUIRE(w.statistics.empty());
    REQUIRE_FALSE(cp.has_segments());
  }
  SECTION("a segment committed after the last statistics is deleted") {
    cp.save_statistics(id, {{0, 0}}, none);
    const sim::SavedWork w = cp.saved(id);
    REQUIRE(w.segments.size() == 1);
    REQUIRE(w.segments[0].first == 0);
    REQUIRE(w.statistics == cp.statistics_path());
    REQUIRE_FALSE(fs::exists(cp.segment_path(4, 0)));
  }
  SECTION("a segment the statistics list cannot be missing") {
    cp.save_statistics(id, {{0, 0}, {8, 0}}, none);  // 4 is not listed, 8 is gone
    REQUIRE_THROWS_WITH(cp.saved(id), Catch::Contains("replications_000000000008") &&
                                          Catch::Contains("missing") && Catch::Contains("--force"));
    REQUIRE(fs::exists(cp.segment_path(4, 0)));  // a refused checkpoint is left as it is
  }
  SECTION("another study's checkpoint is refused and left as it is") {
    cp.save_statistics(id, {{0, 0}}, none);
    sim::StudyIdentity other = id;
    other.seed = 99;
    REQUIRE_THROWS_WITH(cp.saved(other),
                        Catch::Contains("another study") && Catch::Contains("seed"));
    REQUIRE(fs::exists(cp.segment_path(4, 0)));
  }
}

TEST_CASE("What a checkpoint lacks is the complement of its segments", "[scale][checkpoint]") {
  using I = sim::Interval;
  REQUIRE(sim::missing_intervals({}, {10, 30}) == std::vector<I>{{10, 30}});
  REQUIRE(sim::missing_intervals({piece(20, 5), piece(10, 4)}, {10, 30}) ==
          std::vector<I>{{14, 6}, {25, 15}});
  REQUIRE(sim::missing_intervals({piece(10, 30)}, {10, 30}).empty());
  REQUIRE_THROWS_AS(sim::missing_intervals({piece(10, 5), piece(12, 5)}, {10, 30}),
                    sim::InputError);
  REQUIRE_THROWS_AS(sim::missing_intervals({piece(35, 10)}, {10, 30}), sim::InputError);
  REQUIRE_THROWS_AS(sim::missing_intervals({piece(0, 12)}, {10, 30}), sim::InputError);
}

TEST_CASE("Work is split into contiguous parts differing by at most one", "[scale][mpi]") {
  using I = sim::Interval;
  const std::vector<I> work = {{0, 5}, {10, 5}};
  REQUIRE(sim::split_work(work, 3, 0) == std::vector<I>{{0, 4}});
  REQUIRE(sim::split_work(work, 3, 1) == std::vector<I>{{4, 1}, {10, 2}});
  REQUIRE(sim::split_work(work, 3, 2) == std::vector<I>{{12, 3}});
  REQUIRE(sim::split_work(work, 1, 0) == work);
  // More parts than replications: the last parts are empty.
  REQUIRE(sim::split_work({{7, 2}}, 4, 1) == std::vector<I>{{8, 1}});
  REQUIRE(sim::split_work({{7, 2}}, 4, 3).empty());
  // Every replication exactly once, in order, for any number of parts.
  for (std::size_t parts = 1; parts <= 12; ++parts) {
    std::vector<std::uint64_t> seen;
    for (std::size_t i = 0; i < parts; ++i) {
      for (const auto& w : sim::split_work(work, parts, i)) {
        for (std::uint64_t r = w.first; r < w.end(); ++r)
          seen.push_back(r);
      }
    }
    REQUIRE(seen == std::vector<std::uint64_t>{0, 1, 2, 3, 4, 10, 11, 12, 13, 14});
  }
}

TEST_CASE("Studies are told apart by what changes their results", "[scale][merge]") {
  const sim::Study study = test::study_from(kStudy);
  const auto a = identity_of(study);
  REQUIRE(sim::identity_difference(a, "x.h5", a, "y.h5", true).empty());
  auto b = a;
  b.seed = a.seed + 1;
  REQUIRE(sim::identity_difference(a, "x.h5", b, "y.h5", true) ==
          fmt::format("seed {} in x.h5, {} in y.h5", a.seed, b.seed));
  b = a;
  b.scenario_toml += "\n# a comment";
  REQUIRE_THAT(sim::identity_difference(a, "x.h5", b, "y.h5", true),
               Catch::Contains("scenario text"));
  b = a;
  b.git_commit = "def";
  REQUIRE_THAT(sim::identity_difference(a, "x.h5", b, "y.h5", true),
               Catch::Contains("git commit abc in x.h5, def in y.h5"));
  b = a;
  b.shard = std::make_pair(std::int64_t{1}, std::int64_t{3});
  REQUIRE_THAT(sim::identity_difference(a, "x.h5", b, "y.h5", true),
               Catch::Contains("shard none in x.h5, 1/3 in y.h5"));
  REQUIRE(sim::identity_difference(a, "x.h5", b, "y.h5", false).empty());
}
