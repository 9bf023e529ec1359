// sim/study/parameter_table.hpp, parameter_groups.hpp and field_coverage.hpp: one table entry per
// parameter generates its registry entry and its reader, and the coverage check rejects a table
// that misses a field or fills one twice.
#include <array>
#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/study/field_coverage.hpp"
#include "sim/study/parameter_groups.hpp"
#include "sim/study/parameter_table.hpp"

namespace {

using sim::ParamRole;

enum class Mode { kSlow, kFast };

struct Toy {
  double rate;
  int count;
  bool on;
  Mode mode;
  sim::MonthDay day;
  std::vector<std::int64_t> years;
};

struct Levels {
  std::array<double, 2> weight;
};

struct Thing {
  double size;
  bool flag;
};

struct ThingData {
  double size;
  bool flag;
};

struct Model {
  Toy toy;
  Levels levels;
};

constexpr std::array kModes = {sim::Choice<Mode>{"slow", Mode::kSlow},
                               sim::Choice<Mode>{"fast", Mode::kFast}};

constexpr std::array kToyFields = {
    sim::real<&Toy::rate>("rate", ParamRole::kUncertainty, 0.5, 0, 1, "1/yr", "a rate"),
    sim::integer<&Toy::count>("count", ParamRole::kLever, 3, 1, 9, "", "a count"),
    sim::boolean<&Toy::on>("on", ParamRole::kLever, true, "a switch"),
    sim::choice<&Toy::mode, kModes>("mode", ParamRole::kUncertainty, "fast", "a mode"),
    sim::day<&Toy::day>("day", ParamRole::kSetting, "03-12", "a day"),
    sim::integer_list<&Toy::years>("years", ParamRole::kUncertainty, 1900, 2200, "year", "years"),
};
constexpr std::array kLevelFields = {sim::indexed_real<&Levels::weight>(
    "weight", ParamRole::kUncertainty, {0.25, 0.75}, 0, 1, "", "weight at level {}")};
constexpr std::array kThingFields = {
    sim::entity_number<&Thing::size, &ThingData::size>("size", ParamRole::kUncertainty, 0, 10,
                                                       "km2", "a size"),
    sim::entity_flag<&Thing::flag, &ThingData::flag>("flag", ParamRole::kUncertainty, "a flag")};

constexpr std::array kGroups = {sim::bind_group<&Model::toy, kToyFields>("toy"),
                                sim::bind_group<&Model::levels, kLevelFields>("levels.l{}")};

sim::ParameterRegistry registry() {
  sim::ParameterRegistry r;
  for (const auto& g : kGroups)
    g.declare(r, g.prefix);
  r.set_entities("things", {"A", "B"}, {"a", "b"});
  sim::EntityTable<kThingFields>::declare(r, std::vector<ThingData>{{1.5, true}, {2.5, false}});
  return r;
}

}  // namespace

TEST_CASE("The coverage check counts fields and rejects a field missed or filled twice",
          "[parameter_table]") {
  STATIC_REQUIRE(sim::field_count<Toy>() == 6);
  STATIC_REQUIRE(sim::field_count<Levels>() == 1);  // an array is one field
  STATIC_REQUIRE(sim::covers_each_field_once<Toy>(sim::field_ids_of(kToyFields)));
  const std::array<const void*, 5> missing_years = {
      sim::field_id<&Toy::rate>(), sim::field_id<&Toy::count>(), sim::field_id<&Toy::on>(),
      sim::field_id<&Toy::mode>(), sim::field_id<&Toy::day>()};
  CHECK_FALSE(sim::covers_each_field_once<Toy>(missing_years));
  auto rate_twice = sim::field_ids_of(kToyFields);
  rate_twice[5] = sim::field_id<&Toy::rate>();  // six entries, but years is never filled
  CHECK_FALSE(sim::covers_each_field_once<Toy>(rate_twice));
  const auto seven = sim::joined(sim::field_ids_of(kToyFields),
                                 std::array<const void*, 1>{sim::field_id<&Toy::rate>()});
  CHECK_FALSE(sim::covers_each_field_once<Toy>(seven));
}

TEST_CASE("A table generates registry entries with every fact of its entries",
          "[parameter_table]") {
  const auto r = registry();
  CHECK(r.all_names() == std::vector<std::string>{"toy.rate", "toy.count", "toy.on", "toy.mode",
                                                  "toy.day", "toy.years", "levels.l0.weight",
                                                  "levels.l1.weight"});
  const auto& rate = *r.find("toy.rate");
  CHECK(rate.type == sim::ParamType::kReal);
  CHECK(rate.role == ParamRole::kUncertainty);
  CHECK(rate.default_value == sim::ParamValue(0.5));
  CHECK(rate.min == 0);
  CHECK(rate.max == 1);
  CHECK(rate.unit == "1/yr");
  CHECK(rate.doc == "a rate");
  CHECK(r.find("toy.count")->default_value == sim::ParamValue(std::int64_t{3}));
  CHECK(r.find("toy.on")->default_value == sim::ParamValue(true));
  CHECK(r.find("toy.mode")->choices == std::vector<std::string>{"slow", "fast"});
  CHECK(r.find("toy.mode")->default_value == sim::ParamValue(std::string("fast")));
  CHECK(r.find("toy.day")->type == sim::ParamType::kMonthDay);
  CHECK(r.find("toy.years")->default_value == sim::ParamValue(std::vector<std::int64_t>{}));
  CHECK(r.find("levels.l1.weight")->default_value == sim::ParamValue(0.75));
  CHECK(r.find("levels.l1.weight")->doc == "weight at level 1");
  CHECK(r.find("things.B.size")->default_value == sim::ParamValue(2.5));  // from B's data
  CHECK(r.find("things.a.flag")->default_value == sim::ParamValue(true));
  CHECK(r.find("things.A.size")->unit == "km2");
}

TEST_CASE("A table reads each parameter into the field it names", "[parameter_table]") {
  sim::ParameterSet v = sim::defaults_of(registry());
  v.set("toy.rate", 0.125);
  v.set("toy.mode", std::string("slow"));
  v.set("toy.years", std::vector<std::int64_t>{2030});
  v.set("levels.l0.weight", 0.5);
  v.set("things.B.flag", true);
  Model m{};
  for (const auto& g : kGroups)
    g.read(v, g.prefix, m);
  CHECK(m.toy.rate == 0.125);
  CHECK(m.toy.count == 3);
  CHECK(m.toy.on);
  CHECK(m.toy.mode == Mode::kSlow);
  CHECK(m.toy.day == sim::MonthDay{3, 12});
  CHECK(m.toy.years == std::vector<std::int64_t>{2030});
  CHECK(m.levels.weight == std::array<double, 2>{0.5, 0.75});
  const Thing b = sim::EntityTable<kThingFields>::read(v, "things.B");
  CHECK(b.size == 2.5);
  CHECK(b.flag);
  v.set("toy.mode", std::string("medium"));  // the registry would have refused it
  CHECK_THROWS_AS(kGroups[0].read(v, "toy", m), std::logic_error);
}
