// Latin hypercube designs: the sampler (every stratum of every dimension exactly once, the same
// design from the same seed) and scenario files with ranges (expansion and every mistake).
#include <algorithm>
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "sim/engine/errors.hpp"
#include "sim/study/latin_hypercube.hpp"
#include "sim/study/scenario_file.hpp"
#include "unit/engine_fakes.hpp"

using Catch::Contains;

namespace {

const char* const kPath = "studies/lhs.toml";

sim::Study parse(const std::string& text) { return fake::parse(text, kPath); }

// The message of the InputError that `text` must raise.
std::string error_of(const std::string& text) {
  const std::string message = fake::input_error_of(text, kPath);
  if (message.empty()) FAIL("no InputError for:\n" << text);
  return message;
}

const std::string kRanges =
    "[study]\nseed = 11\n[uncertainties]\ndonors.trend = { low = -0.05, high = 0.01 }\n"
    "donors.count = { low = 3, high = 12 }\nregime = [\"lenient\", \"strict\"]\n"
    "[latin_hypercube]\npoints = 5\n";

}  // namespace

TEST_CASE("Each stratum of each dimension is sampled exactly once", "[lhs]") {
  for (const std::size_t n :
       {std::size_t{1}, std::size_t{2}, std::size_t{7}, std::size_t{100}, std::size_t{1000}}) {
    const std::vector<std::string> dims = {"a", "b.c", "d", "e"};
    const auto x = sim::latin_hypercube(42, dims, n);
    REQUIRE(x.size() == n);
    for (std::size_t j = 0; j < dims.size(); ++j) {
      std::set<std::size_t> strata;
      for (std::size_t i = 0; i < n; ++i) {
        REQUIRE(x[i].size() == dims.size());
        CHECK(x[i][j] > 0.0);
        CHECK(x[i][j] < 1.0);
        strata.insert(sim::stratum_of(x[i][j], n));
      }
      CHECK(strata.size() == n);  // n distinct strata among n points: each exactly once
    }
  }
}

TEST_CASE("The same seed gives the same design, another seed another", "[lhs]") {
  const std::vector<std::string> dims = {"x", "y", "z"};
  const auto a = sim::latin_hypercube(5, dims, 50);
  CHECK(sim::latin_hypercube(5, dims, 50) == a);
  CHECK(sim::latin_hypercube(6, dims, 50) != a);
  // A dimension's column depends on its name, not on the other dimensions.
  const auto b = sim::latin_hypercube(5, {"w", "y"}, 50);
  for (std::size_t i = 0; i < 50; ++i)
    CHECK(b[i][1] == a[i][1]);
}

TEST_CASE("Dimensions are paired by independent permutations, not in lockstep", "[lhs]") {
  const auto x = sim::latin_hypercube(3, {"p", "q"}, 200);
  std::size_t same = 0;
  for (const auto& point : x)
    if (sim::stratum_of(point[0], 200) == sim::stratum_of(point[1], 200)) ++same;
  CHECK(same < 10);  // about 1 expected by chance
}

TEST_CASE("The sampler refuses no points and repeated dimensions", "[lhs]") {
  CHECK_THROWS_AS(sim::latin_hypercube(1, {"a"}, 0), std::invalid_argument);
  CHECK_THROWS_AS(sim::latin_hypercube(1, {"a", "a"}, 3), std::invalid_argument);
}

TEST_CASE("Ranges expand into sampled scenarios crossed with the lists", "[lhs][scenario_file]") {
  const sim::Study s = parse(kRanges);
  const auto& d = s.design;
  REQUIRE(d.scenarios.size() == 10);
  CHECK(d.scenarios[0].name == "lhs-1/lenient");
  CHECK(d.scenarios[1].name == "lhs-1/strict");
  CHECK(d.scenarios[9].name == "lhs-5/strict");
  CHECK(d.sample_points == 5);
  REQUIRE(d.sampled.size() == 2);
  CHECK(d.sampled[0].parameter == "donors.count");  // sorted by name
  std::set<std::size_t> trend_strata, count_values;
  for (std::size_t i = 0; i < 10; i += 2) {
    const auto& sc = d.scenarios[i];
    CHECK(sc.sampled);
    const double trend = sc.values.real("donors.trend");
    CHECK(trend > -0.05);
    CHECK(trend < 0.01);
    trend_strata.insert(sim::stratum_of((trend + 0.05) / 0.06, 5));
    const auto count = sc.values.integer("donors.count");
    CHECK(count >= 3);
    CHECK(count <= 12);
    count_values.insert(static_cast<std::size_t>((count - 3) / 2));  // 5 strata of 2 values
    // The lists cross the sample: both regimes see the same point.
    CHECK(d.scenarios[i + 1].values.real("donors.trend") == trend);
  }
  CHECK(trend_strata.size() == 5);
  CHECK(count_values.size() == 5);
  CHECK(std::find(d.scenario_parameters.begin(), d.scenario_parameters.end(), "donors.trend") !=
        d.scenario_parameters.end());
}

TEST_CASE("Named scenarios come first and keep base values of sampled parameters",
          "[lhs][scenario_file]") {
  const sim::Study s =
      parse(kRanges + "[[scenario]]\nname = \"named\"\ndonors.shock_probability = 0.1\n");
  const auto& d = s.design;
  REQUIRE(d.scenarios.size() == 12);
  CHECK(d.scenarios[0].name == "named/lenient");
  CHECK_FALSE(d.scenarios[0].sampled);
  CHECK(d.scenario_value(0, "donors.trend") == sim::ParamValue(-0.02));  // the base value
  CHECK(d.scenarios[2].sampled);
}

TEST_CASE("A seed from the command line redraws the design", "[lhs][scenario_file]") {
  auto ctx = fake::context();
  const sim::Study a = sim::parse_study(kRanges, kPath, ctx);
  ctx.seed_override = 12;
  const sim::Study b = sim::parse_study(kRanges, kPath, ctx);
  CHECK(b.seed == 12);
  CHECK(a.design.scenarios[0].values.real("donors.trend") !=
        b.design.scenarios[0].values.real("donors.trend"));
  ctx.seed_override = 11;  // the file's own seed: the same design
  CHECK(sim::parse_study(kRanges, kPath, ctx).design.scenarios[0].values.real("donors.trend") ==
        a.design.scenarios[0].values.real("donors.trend"));
}

TEST_CASE("Inconsistent designs are errors with line and key", "[lhs][scenario_file][errors]") {
  const std::string u = "[latin_hypercube]\npoints = 4\n[uncertainties]\n";
  CHECK_THAT(error_of(u + "donors.trend = { low = 0.1, high = 0.1 }\n"),
             Contains(":4: key 'donors.trend': the range from 0.1 to 0.1 is empty"));
  CHECK_THAT(error_of(u + "donors.trend = { low = 0.1, high = -0.1 }\n"),
             Contains(":4: key 'donors.trend': the lower bound 0.1 is above the upper bound -0.1"));
  CHECK_THAT(error_of(u + "donors.trend = { low = 0.1 }\n"),
             Contains(":4: key 'donors.trend': a range needs both low and high"));
  CHECK_THAT(error_of(u + "donors.trend = { low = -0.1, hihg = 0.1 }\n"),
             Contains("key 'donors.trend.hihg': unknown key in a range; expected low and high "
                      "(did you mean 'high'?)"));
  CHECK_THAT(error_of(u + "donors.trend = { low = -2.0, high = 0.1 }\n"),
             Contains(":4: key 'donors.trend': expected a number in [-1, 1]"));
  CHECK_THAT(error_of(u + "regime = { low = 0, high = 1 }\n"),
             Contains(":4: key 'regime': a range needs a numeric parameter"));
  CHECK_THAT(error_of(u + "donors.trend = { low = \"a\", high = 0.1 }\n"),
             Contains("key 'donors.trend': expected a number"));
  CHECK_THAT(error_of("[latin_hypercube]\npoints = 20000\n[uncertainties]\n"
                      "donors.trend = { low = -0.1, high = 0.1 }\n"),
             Contains(":2: key 'latin_hypercube.points': expected an integer from 2 to 10000"));
  CHECK_THAT(error_of("[latin_hypercube]\npoints = 1\n"),
             Contains("key 'latin_hypercube.points': expected an integer from 2"));
  CHECK_THAT(error_of("[latin_hypercube]\npionts = 5\n"),
             Contains("key 'latin_hypercube.pionts': unknown key in [latin_hypercube]; expected "
                      "points or policy_points (did you mean 'points'?)"));
  CHECK_THAT(error_of("[latin_hypercube]\npoints = 5\n"),
             Contains(":2: key 'latin_hypercube': nothing to sample"));
  CHECK_THAT(error_of("[uncertainties]\ndonors.trend = { low = -0.1, high = 0.1 }\n"),
             Contains(":2: key 'donors.trend': a range is sampled by Latin hypercube: add a table "
                      "[latin_hypercube]"));
  CHECK_THAT(error_of("[levers]\nfund.annual_usd = { low = 1e6, high = 2e6 }\n"),
             Contains(":2: key 'fund.annual_usd': a range of a lever is sampled by Latin "
                      "hypercube: add policy_points = N to a table [latin_hypercube]"));
  CHECK_THAT(error_of("[latin_hypercube]\npolicy_points = 5\n[levers]\nfund.annual_usd = 1e6\n"),
             Contains(":2: key 'latin_hypercube.policy_points': nothing to sample: give at least "
                      "one range in [levers]"));
  CHECK_THAT(error_of("[latin_hypercube]\npolicy_points = 1\n"),
             Contains("key 'latin_hypercube.policy_points': expected an integer from 2"));
  CHECK_THAT(error_of("[latin_hypercube]\npolicy_points = 4\n[levers]\n"
                      "fund.allocation = { low = 1, high = 2 }\n"),
             Contains("key 'fund.allocation': a range needs a numeric parameter"));
  CHECK_THAT(error_of("[sampling]\npoints = 5\n"),
             Contains(":1: key 'sampling': unknown section; did you mean [latin_hypercube]?"));
}

namespace {

const std::string kLeverRanges =
    "[study]\nseed = 11\n[levers]\nfund.annual_usd = { low = 2e6, high = 20e6 }\n"
    "fund.grant_cap_usd = { low = 5e5, high = 3e6 }\n[latin_hypercube]\npolicy_points = 12\n";

}  // namespace

TEST_CASE("Lever ranges are sampled into policies lhs-p01 ..., crossed with the scenarios",
          "[lhs][scenario_file]") {
  const sim::Study s = parse(kLeverRanges);
  const auto& d = s.design;
  REQUIRE(d.policies.size() == 13);  // the baseline, then 12 sampled policies
  CHECK(d.policies[1].name == "lhs-p01");
  CHECK(d.policies[12].name == "lhs-p12");
  std::set<std::size_t> size_strata, cap_strata;
  for (std::size_t p = 1; p < d.policies.size(); ++p) {
    const double size = d.policies[p].values.real("fund.annual_usd");
    const double cap = d.policies[p].values.real("fund.grant_cap_usd");
    CHECK(size > 2e6);
    CHECK(size < 20e6);
    size_strata.insert(sim::stratum_of((size - 2e6) / 18e6, 12));
    cap_strata.insert(sim::stratum_of((cap - 5e5) / 2.5e6, 12));
  }
  CHECK(size_strata.size() == 12);  // one policy in each twelfth of each range
  CHECK(cap_strata.size() == 12);
  CHECK(std::find(d.policy_parameters.begin(), d.policy_parameters.end(), "fund.grant_cap_usd") !=
        d.policy_parameters.end());
  // The same seed: the same policies; another seed: others.
  CHECK(parse(kLeverRanges).design.policies[3].values.real("fund.annual_usd") ==
        d.policies[3].values.real("fund.annual_usd"));
}

TEST_CASE("Sampled levers and sampled uncertainties do not draw each other's points",
          "[lhs][scenario_file]") {
  // The scenarios' Latin hypercube is the same with or without sampled levers beside it, and a
  // lever's column does not take the values of an uncertainty's.
  const std::string both = kRanges +
                           "policy_points = 12\n[levers]\n"
                           "fund.annual_usd = { low = 2e6, high = 20e6 }\n"
                           "fund.grant_cap_usd = { low = 5e5, high = 3e6 }\n"
                           "fund.allocation = [\"score\", \"lottery\"]\n";
  const sim::Study with_levers = parse(both);
  const sim::Study without = parse(kRanges);
  REQUIRE(with_levers.design.scenarios.size() == without.design.scenarios.size());
  for (std::size_t i = 0; i < without.design.scenarios.size(); ++i) {
    CHECK(with_levers.design.scenarios[i].values.real("donors.trend") ==
          without.design.scenarios[i].values.real("donors.trend"));
  }
  // A list in [levers] is crossed with the sampled points, its value in the name.
  const auto& p = with_levers.design.policies;
  REQUIRE(p.size() == 1 + 12 * 2);
  CHECK(p[1].name == "lhs-p01,score");  // a choice is named by its value, as in the grid
  CHECK(p[2].name == "lhs-p01,lottery");
  CHECK(p[1].values.real("fund.annual_usd") == p[2].values.real("fund.annual_usd"));
  CHECK(p[3].values.real("fund.annual_usd") != p[1].values.real("fund.annual_usd"));
  CHECK_THAT(error_of(kRanges + "policy_points = 5000\n[levers]\n"
                                "fund.annual_usd = { low = 2e6, high = 20e6 }\n"
                                "fund.allocation = [\"score\", \"lottery\"]\n"),
             Contains("the design would have 10001 policies"));
}
