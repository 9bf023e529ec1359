// size-fund: a known answer computable by hand, "not reachable", and the target's syntax.
#include <catch2/catch.hpp>
#include <cmath>

#include "models/parameters.hpp"
#include "models/vtf_model.hpp"
#include "questions/fund_sizing.hpp"
#include "sim/engine/errors.hpp"
#include "sim/stats/proportion.hpp"
#include "sim/study/scenario_file.hpp"

using Catch::Contains;
using vtf::questions::Confidence;
using vtf::questions::Target;

namespace {

// Every pledge paid in its year, no contributor leaves, pledges never cut for idle money: the
// fund receives exactly its target every year from 2027 to 2045, 19 years.
const char* const kFullPayment = R"(
[study]
name = "sizing"
replications = 12
seed = 3
[contributors]
pay_in_year_probability = 1.0
pay_late_probability = 0.0
exit_probability = 0.0
idle_offset = false
)";

sim::Study study() { return sim::parse_study(kFullPayment, "sizing.toml", vtf::design_context()); }

const sim::ModelSchema& schema() {
  static const sim::ModelSchema s = vtf::make_schema(2026, 2045);
  return s;
}

vtf::questions::SizingOptions options(const std::string& target, double max_usd = 100e6) {
  vtf::questions::SizingOptions o;
  o.target = Target::parse(target, schema());
  o.max_usd = max_usd;
  o.scenarios = {0};
  o.quiet = true;
  return o;
}

std::string target_error(const std::string& text) {
  try {
    Target::parse(text, schema());
  } catch (const sim::InputError& e) {
    return e.what();
  }
  FAIL("no InputError for " << text);
  return {};
}

}  // namespace

TEST_CASE("size-fund finds the size a hand computation gives", "[sizing]") {
  // Received over 19 years >= 90M needs 90M / 19 = 4.7368M a year.
  const double exact = 90e6 / 19;
  const auto results = vtf::questions::size_fund(study(), options("vtf_received_usd >= 90e6"));
  REQUIRE(results.size() == 1);
  const auto& r = results.front();
  REQUIRE(r.required_usd);
  CHECK(*r.required_usd >= exact);
  CHECK(*r.required_usd <= exact * 1.05);  // searched to within 5%
  CHECK(r.below_usd < exact);
  CHECK(r.at(r.below_usd) != nullptr);  // the size below was evaluated and falls short
  CHECK_FALSE(vtf::questions::reaches(*r.at(r.below_usd),
                                      options("vtf_received_usd >= 90e6").target, Confidence{}));
  // Received is certain here, so the mean, both CI ends and the share agree.
  CHECK(r.mean_usd == r.required_usd);
  CHECK(r.cautious_usd == r.required_usd);
  CHECK(r.optimistic_usd == r.required_usd);
  CHECK(r.monotone);
  const auto* at = r.at(*r.required_usd);
  CHECK(at->share == 1.0);
  CHECK(at->mean == Approx(19 * *r.required_usd).epsilon(1e-8));
}

TEST_CASE("size-fund says when no size up to the maximum reaches the target", "[sizing]") {
  const auto results = vtf::questions::size_fund(study(), options("vtf_received_usd >= 90e6", 4e6));
  REQUIRE(results.size() == 1);
  const auto& r = results.front();
  CHECK_FALSE(r.required_usd);
  CHECK_FALSE(r.mean_usd);
  REQUIRE_FALSE(r.evaluated.empty());
  CHECK(r.evaluated.back().annual_usd == 4e6);  // the maximum itself was tried
  CHECK(r.evaluated.back().mean == Approx(76e6).epsilon(1e-8));
}

TEST_CASE("Evaluations reuse common random numbers across search rounds", "[sizing]") {
  // A size evaluated in the ladder and again on its own gives the same numbers.
  auto o = options("completed_by_horizon >= 1", 10e6);
  const auto first = vtf::questions::size_fund(study(), o).front();
  o.max_usd = 5e6;  // 5M was on the first ladder too; now it is the maximum of another search
  const auto second = vtf::questions::size_fund(study(), o).front();
  const auto* a = first.at(5e6);
  const auto* b = second.at(5e6);
  REQUIRE(a != nullptr);
  REQUIRE(b != nullptr);
  CHECK(a->mean == b->mean);
  CHECK(a->ci_low == b->ci_low);
  CHECK(a->share == b->share);
}

TEST_CASE("Targets and confidences are read with clear errors", "[sizing]") {
  const auto t = Target::parse("extension_requests <= -20%", schema());
  CHECK_FALSE(t.at_least);
  CHECK(t.relative);
  CHECK(t.value == Approx(-0.2));
  CHECK(Target::parse(" completed_by_2030>=+3 ", schema()).value == 3);
  // "gain:" (compare --robustness's word for a target on the gain) means what size-fund's bare
  // target means.
  const auto gain = Target::parse("gain:completed_by_2030 >= 1", schema());
  CHECK(gain.outcome == "completed_by_2030");
  CHECK(gain.text() == Target::parse("completed_by_2030 >= 1", schema()).text());
  CHECK_THAT(target_error("completed_by_2030 > 3"), Contains("use >= (at least) or <= (at most)"));
  CHECK_THAT(target_error("completed_by_2030 3"), Contains("expected OUTCOME >= VALUE"));
  CHECK_THAT(target_error("completed_by_2031 >= 3"),
             Contains("unknown outcome 'completed_by_2031'; did you mean 'completed_by_2030'?"));
  CHECK_THAT(target_error("completed_by_2030 >= three"), Contains("the value must be a number"));
  CHECK_THAT(target_error("completed_by_2030 <= 3"),
             Contains("completed_by_2030 is better when higher"));
  CHECK_THAT(target_error("left_behind >= 2"), Contains("left_behind is better when lower"));
  CHECK_THAT(target_error("completed_by_2030 >= -1"), Contains("no fund is needed for that"));
  CHECK(Confidence::parse("mean").kind == Confidence::Kind::kMean);
  CHECK(Confidence::parse("ci").kind == Confidence::Kind::kConfidenceInterval);
  CHECK(Confidence::parse("80%").share == Approx(0.8));
  CHECK(Confidence::parse("0.9").share == Approx(0.9));
  CHECK_THROWS_AS(Confidence::parse("100%"), sim::InputError);
  CHECK_THROWS_AS(Confidence::parse("sure"), sim::InputError);
}

TEST_CASE("A share of replications within its sampling error of the target is undecided",
          "[sizing]") {
  // Fund income is certain here, so from 90M / 19 a year every replication reaches the target:
  // the observed share is 100%. But 12 replications cannot show that 80% of futures would:
  // the low end of the 95% Wilson interval of 12 of 12 is 12 / (12 + 1.96^2) = 76%.
  auto o = options("vtf_received_usd >= 90e6", 10e6);
  o.confidence = Confidence::parse("80%");
  const auto results = vtf::questions::size_fund(study(), o);
  REQUIRE(results.size() == 1);
  const auto& r = results.front();
  CHECK_FALSE(r.required_usd);  // never reported as a sure size
  REQUIRE(r.undecided());
  const double exact = 90e6 / 19;
  CHECK(*r.undecided_usd >= exact);
  CHECK(*r.undecided_usd <= exact * 1.05);  // the observed share's answer, to within 5%
  CHECK(r.share_point_usd == r.undecided_usd);
  const auto* e = r.at(*r.undecided_usd);
  CHECK(e->share == 1.0);
  CHECK(e->share_low == Approx(12 / (12 + 1.959964 * 1.959964)).epsilon(1e-6));
  CHECK(vtf::questions::verdict(*e, o.target, o.confidence) == vtf::questions::Verdict::kUndecided);
  // n / (n + z^2) >= 0.8 from n = 16, by hand.
  CHECK(r.replications_to_decide == 16);
  CHECK(std::isnan(r.evaluated.back().assured));  // 12 replications assure no share of 80%

  // With those 16 replications the same search gives a sure answer, where the share is 100%.
  sim::Study more = study();
  more.replications = 16;
  const auto sure = vtf::questions::size_fund(more, o).front();
  REQUIRE(sure.required_usd);
  CHECK_FALSE(sure.undecided());
  CHECK(*sure.required_usd >= exact);
  CHECK(*sure.required_usd <= exact * 1.05);
  CHECK(sure.at(*sure.required_usd)->share_low >= 0.8);
}

TEST_CASE("Verdicts on a share take its sampling error into account", "[sizing]") {
  const Target t = Target::parse("completed_by_2030 >= 1", schema());
  const Confidence c = Confidence::parse("80%");
  const auto evaluation = [](double share, double n) {
    vtf::questions::SizeEvaluation e;
    e.share = share;
    e.replications = static_cast<std::size_t>(n);
    const auto w = sim::wilson_interval(share, n);
    e.share_low = w.low;
    e.share_high = w.high;
    return e;
  };
  using vtf::questions::Verdict;
  CHECK(vtf::questions::verdict(evaluation(0.81, 1000), t, c) == Verdict::kUndecided);
  CHECK(vtf::questions::verdict(evaluation(0.79, 1000), t, c) == Verdict::kUndecided);
  CHECK(vtf::questions::verdict(evaluation(0.85, 1000), t, c) == Verdict::kReached);
  CHECK(vtf::questions::verdict(evaluation(0.75, 1000), t, c) == Verdict::kShort);
  CHECK_FALSE(vtf::questions::reaches(evaluation(0.81, 1000), t, c));
  // The mean and the CI have no undecided verdict: their uncertainty is in the CI already.
  auto e = evaluation(0.81, 1000);
  e.mean = 1.2;
  e.ci_low = 0.9;
  CHECK(vtf::questions::verdict(e, t, Confidence::parse("mean")) == Verdict::kReached);
  CHECK(vtf::questions::verdict(e, t, Confidence::parse("ci")) == Verdict::kShort);
}

TEST_CASE("Out of reach, size-fund says what the largest size does assure", "[sizing]") {
  // At 4M a year the fund receives 76M over 19 years, in every replication.
  auto o = options("vtf_received_usd >= 90e6", 4e6);
  const auto r = vtf::questions::size_fund(study(), o).front();
  CHECK_FALSE(r.required_usd);
  CHECK_FALSE(r.undecided());
  CHECK(r.evaluated.back().assured == Approx(76e6).epsilon(1e-8));  // the CI's cautious end
  o.confidence = Confidence::parse("50%");
  const auto by_share = vtf::questions::size_fund(study(), o).front();
  CHECK_FALSE(by_share.required_usd);
  CHECK_FALSE(by_share.undecided());  // 0 of 12: surely short
  // 12 of 12 replications receive 76M: surely more than half (Wilson low 76%).
  CHECK(by_share.evaluated.back().assured == Approx(76e6).epsilon(1e-8));
}
