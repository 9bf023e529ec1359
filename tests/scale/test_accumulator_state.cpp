// The exact state of Accumulators as bytes (sim/run/accumulator_codec.hpp): whatever way the
// replications are split (shards, checkpoint segments, MPI ranks), the merged state is the state
// of one run over all of them, byte for byte; and bytes that are not a state of this study are
// refused.
#include <catch2/catch.hpp>

#include "models/vtf_model.hpp"
#include "sim/results/results_file.hpp"
#include "sim/run/accumulator_codec.hpp"
#include "unit/support.hpp"

namespace {

const char* kStudy = R"(
[study]
replications = 40
[[scenario]]
name = "stable"
donors.envelope_trend = 0.0
[[scenario]]
name = "declining"
[levers]
vtf.annual_usd = [5e6, 20e6]
)";

sim::Accumulators empty_like(const vtf::VtfModel& model) {
  return sim::Accumulators(sim::Shape::of(model), model.schema());
}

}  // namespace

TEST_CASE("Merged encoded parts equal one run over all replications, byte for byte",
          "[scale][codec]") {
  const vtf::VtfModel model(test::study_from(kStudy));
  const auto whole = test::run(model, 0, 40, 2);
  const auto whole_bytes = sim::encode_accumulators(whole.result.accumulators);

  // Uneven parts, merged out of order, as shards, segments and ranks are.
  const std::vector<std::pair<std::uint64_t, std::uint64_t>> parts = {{25, 15}, {0, 7}, {7, 18}};
  sim::Accumulators merged = empty_like(model);
  for (const auto& [first, count] : parts) {
    const auto part = test::run(model, first, count, 1, 4);
    sim::merge_encoded_accumulators(merged, sim::encode_accumulators(part.result.accumulators));
  }
  REQUIRE(merged.replications() == 40);
  REQUIRE(sim::encode_accumulators(merged) == whole_bytes);

  // The statistics written at the end of a run follow from the state: the same bits.
  const sim::Study study = test::study_from(kStudy);
  const auto a = sim::summarize(whole.result.accumulators, model.schema(), study);
  const auto b = sim::summarize(merged, model.schema(), study);
  REQUIRE(a.cells.size() == b.cells.size());
  for (std::size_t i = 0; i < a.cells.size(); ++i) {
    REQUIRE(test::same(a.cells[i].mean, b.cells[i].mean));
    REQUIRE(test::same(a.cells[i].ci_low, b.cells[i].ci_low));
    REQUIRE(test::same(a.cells[i].p_better, b.cells[i].p_better));
  }
  REQUIRE(test::same(a.cost_per_effect, b.cost_per_effect));
  const auto sh = sim::Shape::of(model);
  for (std::size_t cell = 0; cell < sh.scenarios * sh.policies * sh.entities * sh.periods; ++cell) {
    REQUIRE(
        test::same(whole.result.accumulators.trajectory_mean(cell), merged.trajectory_mean(cell)));
    const auto* x = whole.result.accumulators.trajectory_sketch(0, cell);
    const auto* y = merged.trajectory_sketch(0, cell);
    REQUIRE((x == nullptr) == (y == nullptr));
    if (x != nullptr) REQUIRE(test::same(x->quantile(0.5), y->quantile(0.5)));
  }
}

TEST_CASE("An encoded state restores to the same state", "[scale][codec]") {
  const vtf::VtfModel model(test::study_from(kStudy));
  const auto run = test::run(model, 3, 11, 1);
  const auto bytes = sim::encode_accumulators(run.result.accumulators);
  sim::Accumulators restored = empty_like(model);
  sim::merge_encoded_accumulators(restored, bytes);
  REQUIRE(restored.replications() == 11);
  REQUIRE(sim::encode_accumulators(restored) == bytes);
  // An empty state encodes and merges as nothing.
  sim::Accumulators nothing = empty_like(model);
  sim::merge_encoded_accumulators(restored, sim::encode_accumulators(nothing));
  REQUIRE(sim::encode_accumulators(restored) == bytes);
}

TEST_CASE("Bytes that are not a state of this study are refused", "[scale][codec][errors]") {
  const vtf::VtfModel model(test::study_from(kStudy));
  const auto run = test::run(model, 0, 6, 1);
  const auto bytes = sim::encode_accumulators(run.result.accumulators);

  SECTION("truncated") {
    for (const std::size_t keep :
         {std::size_t{0}, std::size_t{10}, bytes.size() / 2, bytes.size() - 1}) {
      sim::Accumulators into = empty_like(model);
      const std::vector<std::uint8_t> part(bytes.begin(),
                                           bytes.begin() + static_cast<std::ptrdiff_t>(keep));
      REQUIRE_THROWS_AS(sim::merge_encoded_accumulators(into, part), sim::DecodeError);
    }
  }
  SECTION("trailing bytes") {
    auto longer = bytes;
    longer.push_back(0);
    sim::Accumulators into = empty_like(model);
    REQUIRE_THROWS_WITH(sim::merge_encoded_accumulators(into, longer), Catch::Contains("trailing"));
  }
  SECTION("another magic") {
    auto other = bytes;
    other[0] = 'X';
    sim::Accumulators into = empty_like(model);
    REQUIRE_THROWS_WITH(sim::merge_encoded_accumulators(into, other), Catch::Contains("magic"));
  }
  SECTION("a study of another shape") {
    const vtf::VtfModel bigger(test::study_from(std::string(kStudy) + R"(
[uncertainties]
extensions.regime = ["lenient", "strict"]
)"));
    sim::Accumulators into = empty_like(bigger);
    REQUIRE_THROWS_WITH(sim::merge_encoded_accumulators(into, bytes),
                        Catch::Contains("another shape"));
  }
}
