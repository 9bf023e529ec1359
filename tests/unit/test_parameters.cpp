// sim::ParameterRegistry and sim::ParameterSet: names, entity aliases, suggestions, type and
// range checks.
#include <catch2/catch.hpp>
#include <limits>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "sim/engine/errors.hpp"
#include "sim/study/parameters.hpp"
#include "unit/engine_fakes.hpp"

using sim::ParamValue;

namespace {

const sim::ParameterSpec& spec(const std::string& name) {
  const auto* s = fake::registry().find(name);
  REQUIRE(s != nullptr);
  return *s;
}

ParamValue check(const std::string& name, const ParamValue& v) {
  return fake::registry().check(spec(name), v);
}

}  // namespace

TEST_CASE("Parameters are found by name, entity fields by name or alias", "[parameters]") {
  const auto& r = fake::registry();
  CHECK(r.find("donors.trend") != nullptr);
  CHECK(r.find("donors.trend")->unit == "1/yr");
  CHECK(r.canonical("donors.trend") == "donors.trend");
  CHECK(r.canonical("states.Angola.ldc") == "states.Angola.ldc");
  CHECK(r.canonical("states.AGO.ldc") == "states.Angola.ldc");
  CHECK(r.canonical("states.TCD.area_km2") == "states.Chad.area_km2");
  CHECK(r.find("states.TCD.area_km2")->default_value == ParamValue(20.0));
  CHECK(r.find("states.AGO.area_km2")->default_value == ParamValue(100.0));
  for (const char* unknown : {"donors.trnd", "states.Peru.ldc", "states.Angola.ldcc",
                              "states.Angola", "states", "", "donors"}) {
    INFO(unknown);
    CHECK(r.find(unknown) == nullptr);
    CHECK(r.canonical(unknown).empty());
  }
  CHECK(r.entity_parameter_names() ==
        std::vector<std::string>{"states.Angola.area_km2", "states.Angola.ldc",
                                 "states.Chad.area_km2", "states.Chad.ldc"});
}

TEST_CASE("A parameter registered twice is a programming error", "[parameters]") {
  sim::ParameterRegistry r;
  sim::ParameterSpec a;
  a.name = "a";
  r.add(a);
  CHECK_THROWS_AS(r.add(a), std::logic_error);
  r.set_entities("states", {"X", "Y"}, {});
  CHECK_THROWS_AS(r.add_entity_field(a, {1.0}), std::logic_error);  // one default per entity
}

TEST_CASE("Unknown names get the closest valid one", "[parameters]") {
  const auto& r = fake::registry();
  CHECK(r.suggest("donors.trnd") == "donors.trend");
  CHECK(r.suggest("trend") == "donors.trend");
  CHECK(r.suggest("fund.anual_usd") == "fund.annual_usd");
  CHECK(r.suggest("states.Angol.ldc") == "states.Angola.ldc");
  CHECK(r.suggest("states.AGO.lcd") == "states.AGO.ldc");  // the alias is kept
  CHECK(r.suggest("states.Chadd.area_km") == "states.Chad.area_km2");
  CHECK(r.suggest("states.Atlantis.ldc").empty());
  CHECK(r.suggest("states.Angola.colour").empty());
  CHECK(r.suggest("something_else_entirely").empty());
}

TEST_CASE("Numbers: integers are accepted as reals, bounds are inclusive", "[parameters]") {
  CHECK(check("donors.trend", 0.5) == ParamValue(0.5));
  CHECK(check("donors.trend", std::int64_t{1}) == ParamValue(1.0));  // converted to a real
  CHECK(check("donors.trend", -1.0) == ParamValue(-1.0));
  CHECK(check("donors.shock_probability", 0.0) == ParamValue(0.0));
  CHECK(check("donors.shock_probability", 1.0) == ParamValue(1.0));
  CHECK_THROWS_WITH(check("donors.shock_probability", 1.5), "expected a number in [0, 1], got 1.5");
  CHECK_THROWS_WITH(check("donors.shock_probability", -0.1),
                    "expected a number in [0, 1], got -0.1");
  CHECK_THROWS_WITH(check("fund.grant_cap_usd", -5.0), "expected a number >= 0, got -5");
  CHECK_THROWS_WITH(check("operations.threshold", 2e6),
                    "expected a number <= 1000000, got 2000000");
  CHECK_THROWS_AS(check("donors.trend", std::numeric_limits<double>::quiet_NaN()), sim::InputError);
  CHECK_THROWS_AS(check("fund.grant_cap_usd", std::numeric_limits<double>::infinity()),
                  sim::InputError);  // within [0, inf] but not a finite amount of money
  CHECK_THROWS_WITH(check("donors.trend", std::string("falling")),
                    "expected a number in [-1, 1], got \"falling\"");
  CHECK_THROWS_WITH(check("donors.count", std::string("12")),
                    "expected an integer in [1, 64], got \"12\"");  // text, not a number
  CHECK_THROWS_AS(check("donors.trend", true), sim::InputError);
}

TEST_CASE("Integers: no fractions, bounds inclusive", "[parameters]") {
  CHECK(check("donors.count", std::int64_t{64}) == ParamValue(std::int64_t{64}));
  CHECK_THROWS_WITH(check("donors.count", std::int64_t{0}),
                    "expected an integer in [1, 64], got 0");
  CHECK_THROWS_WITH(check("donors.count", 2.5), "expected an integer in [1, 64], got 2.5");
  CHECK_THROWS_AS(check("donors.count", 2.0), sim::InputError);  // TOML 2.0 is a float
}

TEST_CASE("Booleans, choices, days of the year and lists of integers", "[parameters]") {
  CHECK(check("fund.enabled", false) == ParamValue(false));
  CHECK_THROWS_WITH(check("fund.enabled", std::int64_t{1}), "expected true or false, got 1");

  CHECK(check("regime", std::string("strict")) == ParamValue(std::string("strict")));
  CHECK_THROWS_WITH(check("fund.allocation", std::string("lotery")),
                    "unknown fund.allocation \"lotery\"; expected one of \"score\", \"lottery\", "
                    "\"equal_share\" (did you mean \"lottery\"?)");
  CHECK_THROWS_WITH(check("fund.allocation", std::string("xyzzy")),
                    Catch::EndsWith("\"equal_share\""));  // nothing close: no suggestion
  CHECK_THROWS_AS(check("regime", 1.0), sim::InputError);

  CHECK(check("calendar.msp", std::string("11-30")) == ParamValue(std::string("11-30")));
  CHECK_THROWS_AS(check("calendar.msp", std::string("11-31")), sim::InputError);
  CHECK_THROWS_AS(check("calendar.msp", std::int64_t{1130}), sim::InputError);

  const std::vector<std::int64_t> years = {2027, 2031};
  CHECK(check("donors.shock_years", years) == ParamValue(years));
  CHECK(check("donors.shock_years", std::vector<std::int64_t>{}) ==
        ParamValue(std::vector<std::int64_t>{}));
  CHECK_THROWS_WITH(check("donors.shock_years", std::vector<std::int64_t>{2027, 3000}),
                    "expected a list of integers in [1900, 2200], got [2027, 3000]");
  CHECK_THROWS_AS(check("donors.shock_years", std::int64_t{2027}), sim::InputError);
}

TEST_CASE("Expectations and values read as a user would write them", "[parameters]") {
  CHECK(sim::expectation(spec("donors.trend")) == "a number in [-1, 1]");
  CHECK(sim::expectation(spec("fund.grant_cap_usd")) == "a number >= 0");
  CHECK(sim::expectation(spec("operations.threshold")) == "a number <= 1000000");
  CHECK(sim::expectation(spec("fund.enabled")) == "true or false");
  CHECK(sim::expectation(spec("regime")) == "one of \"lenient\", \"strict\"");
  CHECK(sim::expectation(spec("calendar.msp")) == "a day of the year as \"MM-DD\"");
  CHECK(sim::format_value(ParamValue(std::vector<std::int64_t>{1, 2})) == "[1, 2]");
  CHECK(sim::format_value(ParamValue(true)) == "true");
  CHECK(sim::format_value(ParamValue(5e6)) == "5000000");
  CHECK(sim::type_name(sim::ParamType::kIntegerList) == "list of integers");
  CHECK(sim::role_name(sim::ParamRole::kLever) == "lever");
}

TEST_CASE("Parameter sets: typed access, overlays and defaults", "[parameters]") {
  sim::ParameterSet d = sim::defaults_of(fake::registry());
  CHECK(d.real("donors.trend") == -0.02);
  CHECK(d.integer("donors.count") == 8);
  CHECK(d.boolean("states.Angola.ldc"));
  CHECK(d.real("states.Chad.area_km2") == 20.0);
  CHECK(d.text("regime") == "lenient");
  CHECK(d.integers("donors.shock_years").empty());
  CHECK(d.values().size() == fake::registry().parameters().size() + 4);

  sim::ParameterSet over;
  over.set("donors.trend", 0.01);
  over.set("donors.count", std::int64_t{3});
  d.overlay(over);
  CHECK(d.real("donors.trend") == 0.01);
  CHECK(d.real("donors.count") == 3.0);  // an integer read as a real
  CHECK(over.contains("donors.count"));
  CHECK_FALSE(over.contains("fund.enabled"));
  CHECK_THROWS_AS(over.real("fund.enabled"), std::logic_error);  // not set: a programming error
  CHECK_THROWS_AS(d.integer("donors.trend"), std::bad_variant_access);
}
