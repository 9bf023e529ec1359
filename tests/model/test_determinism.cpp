// MODEL.md 4.1-4.2: results are bit-identical for any number of threads and any block layout,
// and replication r is the same whether the run has 16 or 32 replications or starts elsewhere.
#include <catch2/catch.hpp>

#include "models/vtf_model.hpp"
#include "sim/results/results_file.hpp"
#include "unit/support.hpp"

namespace {

const char* kStudy = R"(
[study]
replications = 32
[[scenario]]
name = "stable"
donors.envelope_trend = 0.0
[[scenario]]
name = "declining"
[uncertainties]
extensions.regime = ["lenient", "strict"]
[levers]
vtf.annual_usd = [5e6, 20e6]
)";

void require_same_outcomes(const test::RunOutput& a, const test::RunOutput& b, const sim::Shape& sh,
                           std::size_t offset_in_a = 0, std::size_t count = SIZE_MAX) {
  for (std::size_t s = 0; s < sh.scenarios; ++s) {
    for (std::size_t p = 0; p < sh.policies; ++p) {
      for (std::size_t k = 0; k < sh.outcomes; ++k) {
        auto x = a.sink.outcome(k, s, p);
        auto y = b.sink.outcome(k, s, p);
        const std::size_t n = std::min(count, y.size());
        x = std::vector<double>(x.begin() + static_cast<std::ptrdiff_t>(offset_in_a),
                                x.begin() + static_cast<std::ptrdiff_t>(offset_in_a + n));
        y.resize(n);
        INFO("s " << s << " p " << p << " outcome " << k);
        REQUIRE(test::same(x, y));
      }
      for (std::size_t k = 0; k < sh.entity_outcomes; ++k) {
        auto x = a.sink.entity_outcome(k, s, p);
        auto y = b.sink.entity_outcome(k, s, p);
        const std::size_t n = std::min(count, y.size() / sh.entities) * sh.entities;
        x = std::vector<double>(
            x.begin() + static_cast<std::ptrdiff_t>(offset_in_a * sh.entities),
            x.begin() + static_cast<std::ptrdiff_t>(offset_in_a * sh.entities + n));
        y.resize(n);
        REQUIRE(test::same(x, y));
      }
    }
  }
}

}  // namespace

TEST_CASE("One and two threads give bit-identical outcomes and statistics",
          "[model][determinism]") {
  const vtf::VtfModel model(test::study_from(kStudy));
  const auto sh = sim::Shape::of(model);
  const auto one = test::run(model, 0, 32, 1);
  const auto two = test::run(model, 0, 32, 2);
  const auto two_small_blocks = test::run(model, 0, 32, 2, 5);
  require_same_outcomes(one, two, sh);
  require_same_outcomes(one, two_small_blocks, sh);
  const auto study = test::study_from(kStudy);
  const auto c1 = sim::summarize(one.result.accumulators, model.schema(), study);
  const auto c2 = sim::summarize(two_small_blocks.result.accumulators, model.schema(), study);
  for (std::size_t i = 0; i < c1.cells.size(); ++i) {
    REQUIRE(test::same(c1.cells[i].mean, c2.cells[i].mean));
    REQUIRE(test::same(c1.cells[i].std_error, c2.cells[i].std_error));
    REQUIRE(test::same(c1.cells[i].p_better, c2.cells[i].p_better));
  }
  const auto& a1 = one.result.accumulators;
  const auto& a2 = two_small_blocks.result.accumulators;
  for (std::size_t e = 0; e < sh.entities; ++e) {
    const auto cell = a1.trajectory_cell(0, 1, 2, e, 10);
    REQUIRE(test::same(a1.trajectory_mean(cell), a2.trajectory_mean(cell)));
    REQUIRE(test::same(a1.trajectory_sketch(0, cell)->quantile(0.5),
                       a2.trajectory_sketch(0, cell)->quantile(0.5)));
  }
}

TEST_CASE("Replication r is the same in a run of 16 and a run of 32 replications",
          "[model][determinism]") {
  const vtf::VtfModel model(test::study_from(kStudy));
  const auto sh = sim::Shape::of(model);
  const auto r32 = test::run(model, 0, 32, 2);
  const auto r16 = test::run(model, 0, 16, 1);
  require_same_outcomes(r32, r16, sh, 0, 16);
  // ... and replications 16-31 run on their own, as a shard would, equal the second half.
  const auto tail = test::run(model, 16, 16, 2);
  require_same_outcomes(r32, tail, sh, 16, 16);
  // Different replications do differ: the comparison above can fail.
  const std::size_t k = model.schema().outcome_index("area_released_km2");
  CHECK_FALSE(test::same(r32.sink.outcome(k, 0, 0)[0], r32.sink.outcome(k, 0, 0)[1]));
}

TEST_CASE("Accumulators of two halves merge into those of the whole run exactly",
          "[model][determinism]") {
  const vtf::VtfModel model(test::study_from(kStudy));
  const auto whole = test::run(model, 0, 32, 2);
  auto first = test::run(model, 0, 16, 1);
  const auto second = test::run(model, 16, 16, 1);
  first.result.accumulators.merge(second.result.accumulators);
  const auto& a = whole.result.accumulators;
  const auto& b = first.result.accumulators;
  const auto sh = sim::Shape::of(model);
  for (std::size_t k = 0; k < sh.outcomes; ++k) {
    for (std::size_t s = 0; s < sh.scenarios; ++s) {
      for (std::size_t p = 0; p < sh.policies; ++p) {
        REQUIRE(a.outcome(k, s, p).sum.raw() == b.outcome(k, s, p).sum.raw());
        REQUIRE(a.paired(k, s, p).differences().sum_sq.raw() ==
                b.paired(k, s, p).differences().sum_sq.raw());
      }
    }
  }
}
