// The data behind each result (issue 10): each State's contribution to a paired difference, and
// the plain words on how much of an effect rests on weak data.
#include <catch2/catch.hpp>
#include <cmath>

#include "models/calibration.hpp"
#include "models/vtf_model.hpp"
#include "questions/data_behind.hpp"
#include "sim/results/results_file.hpp"
#include "unit/support.hpp"

using Catch::Contains;
using vtf::CalibrationStatus;

namespace {

// Two scenarios, two fund sizes: the fund changes completions, so the sums compared are not 0.
const char* const kStudy = R"(
[study]
replications = 60
seed = 11
[[scenario]]
name = "declining"
donors.envelope_trend = -0.02
[[scenario]]
name = "stable"
donors.envelope_trend = 0.0
[levers]
vtf.annual_usd = [5e6, 50e6]
)";

}  // namespace

TEST_CASE(
    "Each State's contributions sum to the paired mean of the outcome, per scenario and "
    "policy",
    "[contributions]") {
  const sim::Study study = test::study_from(kStudy);
  const vtf::VtfModel model(study);
  const auto out = test::run(model, 0, 60, 2);
  const auto& acc = out.result.accumulators;
  const sim::ModelSchema& schema = model.schema();
  const sim::Comparison c = sim::summarize(acc, schema, study);
  const std::size_t S = model.scenario_count(), P = model.policy_count(),
                    E = schema.entity_names.size();
  REQUIRE(schema.decompositions.size() == 3);  // 2030, 2035 and the horizon, all within the run
  double largest = 0;
  for (const auto& spec : schema.decompositions) {
    const auto parts = sim::entity_parts(acc, schema, spec, S, P);
    const std::size_t k = c.outcome_index(spec.outcome);
    for (std::size_t s = 0; s < S; ++s) {
      CHECK(std::isnan(parts[s * P * E]));  // the baseline has no contribution of its own
      for (std::size_t p = 1; p < P; ++p) {
        double sum = 0;
        for (std::size_t e = 0; e < E; ++e)
          sum += parts[(s * P + p) * E + e];
        INFO(spec.outcome << " scenario " << s << " policy " << p);
        CHECK(sum == Approx(c.at(k, s, p).mean).margin(1e-12));
        largest = std::max(largest, std::fabs(sum));
      }
    }
  }
  CHECK(largest > 0.1);  // the fund did change completions: the sums compared are not all 0
}

TEST_CASE("The horizon is declared as a contribution, years outside the run are not",
          "[contributions]") {
  const auto schema = vtf::make_schema(2026, 2032);
  REQUIRE(schema.decompositions.size() == 2);
  CHECK(schema.decompositions[0].outcome == "completed_by_2030");
  CHECK(schema.decompositions[1].outcome == "completed_by_horizon");
  CHECK(schema.decompositions[1].period == 2032);
}

TEST_CASE("The plain words give the share of the effect that rests on weak data",
          "[contributions]") {
  using vtf::data_weakness, vtf::questions::data_behind;
  const auto d = data_behind({"W", "X", "Y", "Z", "N"}, {0.5, 0.3, 0.2, -0.1, NAN},
                             {data_weakness("C", CalibrationStatus::kCalibrated),
                              data_weakness("A", CalibrationStatus::kCalibrated),
                              data_weakness("B", CalibrationStatus::kRegionalMedian),
                              data_weakness("A", CalibrationStatus::kCalibrated),
                              data_weakness("C", CalibrationStatus::kCalibrated)});
  CHECK(d.effect == Approx(0.9));
  CHECK(d.weak == Approx(0.7));    // W (quality C) and Y (a regional median cost)
  REQUIRE(d.largest.size() == 3);  // only positive parts are contributors
  CHECK(d.largest[0].state == "W");
  const std::string text = vtf::questions::data_behind_statement(d, "completions by 2045");
  CHECK_THAT(text, Contains("78% of the +0.90 completions by 2045 comes from States with weak "
                            "data"));
  CHECK_THAT(text, Contains("the largest parts: W 56% (C), X 33%, Y 22% (median cost)."));
  CHECK_THAT(text, Contains("scenarios/data_robustness.toml"));
  CHECK(vtf::data_weakness("B", CalibrationStatus::kImputedNational) == "imputed cost");
  CHECK(vtf::data_weakness("C", CalibrationStatus::kClippedHigh) == "C, clipped cost");
  CHECK(vtf::data_weakness("A", CalibrationStatus::kCompleted).empty());
  // No effect, nothing to share out.
  CHECK(vtf::questions::data_behind_statement(vtf::questions::DataBehind{}, "x").empty());
}
