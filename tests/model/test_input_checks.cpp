// The model's input checks (models/parameter_checks.cpp check_values) through the real registry
// and scenario reader: likely unit mistakes with their fix, a State's bounds naming the other
// bound, and the States' names, codes and common aliases (models/data/income_groups.csv).
#include <catch2/catch.hpp>
#include <string>

#include "models/income_groups.hpp"
#include "models/parameter_checks.hpp"
#include "models/parameters.hpp"
#include "models/state_listing.hpp"
#include "sim/engine/errors.hpp"
#include "sim/study/scenario_file.hpp"

using Catch::Contains;

namespace {

std::string error_of(const std::string& text) {
  try {
    sim::parse_study(text, "s.toml", vtf::design_context());
  } catch (const sim::InputError& e) {
    return e.what();
  }
  FAIL("no InputError for:\n" << text);
  return {};
}

const sim::ParameterSet& defaults() {
  static const sim::ParameterSet d = sim::defaults_of(vtf::model_registry());
  return d;
}

}  // namespace

TEST_CASE("The registry's defaults pass the model's checks", "[input_checks]") {
  CHECK(vtf::check_values(defaults(), [](const std::string&) { return false; }).empty());
  CHECK(vtf::check_values(defaults(), [](const std::string&) { return true; }).empty());
}

TEST_CASE("A fund size in millions is a unit mistake with its fix", "[input_checks]") {
  CHECK_THAT(error_of("[levers]\nvtf.annual_usd = [2, 5, 10]\n"),
             Contains("s.toml:2: key 'vtf.annual_usd': vtf.annual_usd = 2 is below the fund's "
                      "yearly fixed administration cost (vtf.admin_fixed_usd = 300000)") &&
                 Contains("did you mean 2e6?"));
  CHECK_THAT(error_of("[levers]\nvtf.annual_usd = [5000]\n"), Contains("did you mean 5000e3?"));
  // Plausible in USD, still too small: no guess at the unit.
  const std::string tiny = error_of("[levers]\nvtf.annual_usd = [250000]\n");
  CHECK_THAT(tiny, Contains("could never make a grant"));
  CHECK_THAT(tiny, !Contains("did you mean"));
  // The cost raised above the fund size is blamed when the size is the default.
  CHECK_THAT(
      error_of("[vtf]\nadmin_fixed_usd = 6e6\n[levers]\nvtf.start_year = [2028]\n"),
      Contains("s.toml:2: key 'vtf.admin_fixed_usd'") && Contains("raise vtf.annual_usd too"));
  // No fund, no check: the baseline and a zero grid point (dropped) are fine.
  CHECK_NOTHROW(
      sim::parse_study("[levers]\nvtf.annual_usd = [0, 5e6]\n", "s.toml", vtf::design_context()));
}

TEST_CASE("A grant cap below the smallest grant is an error", "[input_checks]") {
  CHECK_THAT(error_of("[vtf]\ngrant_cap_usd = 1\n[levers]\nvtf.annual_usd = [5e6]\n"),
             Contains("s.toml:2: key 'vtf.grant_cap_usd': vtf.grant_cap_usd = 1 is below the "
                      "smallest grant (vtf.min_grant_usd = 100000)") &&
                 Contains("did you mean 1e6?"));
  CHECK_THAT(
      error_of("[vtf]\nmin_grant_usd = 3e6\n[levers]\nvtf.annual_usd = [5e6]\n"),
      Contains("s.toml:2: key 'vtf.min_grant_usd'") && Contains("raise vtf.grant_cap_usd too"));
}

TEST_CASE("A fund size set only as a base value says how to make policies", "[input_checks]") {
  CHECK_THAT(error_of("[vtf]\nannual_usd = 10e6\n"),
             Contains("s.toml:2: key 'vtf.annual_usd': set only as a base value") &&
                 Contains("\"no_fund\"") &&
                 Contains("put it in [levers]: vtf.annual_usd = [10000000]"));
}

TEST_CASE("One bound of a State's area says which other bound to change", "[input_checks]") {
  CHECK_THAT(error_of("[states.AGO]\nremaining_km2_low = 60\n"),
             Contains("s.toml:2: key 'states.AGO.remaining_km2_low'") &&
                 Contains("is above states.Angola.remaining_km2_best = 57.9 (the data's)") &&
                 Contains("set states.Angola.remaining_km2_best too (to at least 60)"));
  CHECK_THAT(error_of("[states.Angola]\nremaining_km2_high = 50\n"),
             Contains("key 'states.Angola.remaining_km2_high'") &&
                 Contains("set states.Angola.remaining_km2_best too (to at most 50)"));
  CHECK_THAT(error_of("[states.Angola]\nremaining_km2_best = 40\n"),
             Contains("set states.Angola.remaining_km2_low too (to at most 40)"));
  // Both bounds moved together are fine.
  CHECK_NOTHROW(
      sim::parse_study("[states.Angola]\nremaining_km2_low = 60\nremaining_km2_best = 61\n",
                       "s.toml", vtf::design_context()));
}

TEST_CASE("States are named by the data's name, ISO3 code or a common alias", "[input_checks]") {
  const auto& r = vtf::model_registry();
  for (const char* name : {"Turkey", "Türkiye", "turkiye", "TUR", "tur"})
    CHECK(r.entity(name) == "Turkey");
  for (const char* name : {"DRC", "drc", "DR Congo", "Congo-Kinshasa", "COD"})
    CHECK(r.entity(name) == "Democratic Republic of the Congo");
  for (const char* name : {"Palestine", "state of palestine", "PSE", "West Bank and Gaza"})
    CHECK(r.entity(name) == "State of Palestine");
  CHECK(r.entity("BiH") == "Bosnia and Herzegovina");
  const auto study = sim::parse_study(
      "[states.\"Türkiye\"]\nldc = true\n[states.DRC]\nldc = false\n[states.Palestine]\n"
      "access = true\n",
      "s.toml", vtf::design_context());
  CHECK(study.design.base.boolean("states.Turkey.ldc"));
  CHECK_FALSE(study.design.base.boolean("states.Democratic Republic of the Congo.ldc"));
  CHECK_THAT(error_of("[states.Turky]\nldc = true\n"),
             Contains("unknown State Party 'Turky' (did you mean 'states.Turkey.ldc'?)") &&
                 Contains("`vtfsim info --states`"));
}

TEST_CASE("Every State has an income group and the listing has every State", "[input_checks]") {
  const auto& data = vtf::reference_states();
  const auto& names = vtf::reference_names();
  REQUIRE(names.size() == data.size());
  for (std::size_t i = 0; i < data.size(); ++i) {
    INFO(data[i].name);
    CHECK(names[i].iso3 == data[i].iso3);
    CHECK_FALSE(vtf::income_group_words(names[i].income_group).empty());
  }
  CHECK_THROWS_AS(
      vtf::parse_income_groups("iso3,state,income_group,aliases\nAGO,Angola,XX,\n", data),
      sim::InputError);
  sim::Study study;
  study.start = sim::Date::from_ymd(2026, 1, 1);
  study.horizon = sim::Date::from_ymd(2045, 12, 31);
  study.design.base = defaults();
  study.design.scenarios.push_back({"base", {}, false, {}});
  study.design.policies.push_back({"no_fund", {}, false, {}});
  const auto listing = vtf::list_states(study);
  REQUIRE(listing.size() == data.size());
  CHECK(listing.front().iso3 == data.front().iso3);
}
