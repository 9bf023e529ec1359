// The model's parameter tables (models/parameter_tables/): every registered parameter, States'
// fields included, reaches ModelParams, and default_params() holds the registry's defaults.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "models/parameters.hpp"
#include "sim/engine/errors.hpp"
#include "unit/support.hpp"

namespace {

// Valid values other than `now`, nearest first, so that the combination checks hold.
std::vector<sim::ParamValue> other_values(const sim::ParameterSpec& s, const sim::ParamValue& now) {
  std::vector<sim::ParamValue> out;
  switch (s.type) {
    case sim::ParamType::kReal: {
      const double d = std::get<double>(now);
      if (d > s.min) out.emplace_back(std::nextafter(d, s.min));
      if (d < s.max) out.emplace_back(std::nextafter(d, s.max));
      break;
    }
    case sim::ParamType::kInteger: {
      const auto i = std::get<std::int64_t>(now);
      if (static_cast<double>(i - 1) >= s.min) out.emplace_back(i - 1);
      if (static_cast<double>(i + 1) <= s.max) out.emplace_back(i + 1);
      break;
    }
    case sim::ParamType::kBoolean:
      out.emplace_back(!std::get<bool>(now));
      break;
    case sim::ParamType::kChoice:
      for (const auto& c : s.choices) {
        if (sim::ParamValue(c) != now) out.emplace_back(c);
      }
      break;
    case sim::ParamType::kMonthDay: {
      const auto day = sim::MonthDay::parse(std::get<std::string>(now));
      for (const unsigned d : {day.day + 1, day.day - 1}) {
        try {
          out.emplace_back(sim::MonthDay::parse(sim::MonthDay{day.month, d}.text()).text());
        } catch (const sim::InputError&) {  // no such day
        }
      }
      break;
    }
    case sim::ParamType::kIntegerList:
      out.emplace_back(std::vector<std::int64_t>{static_cast<std::int64_t>(s.min)});
      break;
  }
  return out;
}

// The empty scenario file: the default dates and seed.
sim::Study default_study() { return test::study_from(""); }

}  // namespace

TEST_CASE("Every registered parameter fills a field of ModelParams", "[model][parameters]") {
  const auto& r = vtf::model_registry();
  sim::ParameterSet base = sim::defaults_of(r);
  // Some States' brackets are a single value (or none at all); opened wide, either end and the
  // best estimate can move and still keep low <= best <= high.
  for (const auto& s : vtf::reference_states()) {
    base.set("states." + s.name + ".remaining_km2_low", 0.0);
    base.set("states." + s.name + ".remaining_km2_best", 1.0);
    base.set("states." + s.name + ".remaining_km2_high", 1e7);
  }
  const vtf::ModelParams at_base = vtf::read_params(base, default_study());
  std::vector<std::string> names = r.all_names();
  for (const auto& n : r.entity_parameter_names())
    names.push_back(n);
  REQUIRE(names.size() > 100);
  for (const auto& name : names) {
    INFO(name);
    bool read = false;
    for (const auto& value : other_values(*r.find(name), *base.find(name))) {
      sim::ParameterSet changed = base;
      changed.set(name, value);
      try {
        const vtf::ModelParams p = vtf::read_params(changed, default_study());
        CHECK(p != at_base);  // a parameter read into no field would leave them equal
        read = true;
        break;
      } catch (const sim::InputError&) {  // breaks a combination check: try the next value
      }
    }
    CHECK(read);
  }
}

TEST_CASE("default_params() holds the registry's defaults", "[model][parameters]") {
  const auto& r = vtf::model_registry();
  const auto def = [&](const char* name) { return r.find(name)->default_value; };
  const vtf::ModelParams p = vtf::default_params();
  CHECK(sim::ParamValue(p.donors.envelope_trend) == def("donors.envelope_trend"));
  CHECK(sim::ParamValue(p.fund.min_grant_usd) == def("vtf.min_grant_usd"));
  CHECK(sim::ParamValue(std::int64_t{p.fund.grant_months}) == def("vtf.grant_months"));
  CHECK(sim::ParamValue(p.fund.window_b) == def("vtf.eligibility.window_b"));
  CHECK(p.fund.allocation == vtf::Allocation::kScore);
  CHECK(p.extensions.regime == vtf::ExtensionRegime::kLenient);
  CHECK(sim::ParamValue(p.calendar.msp.text()) == def("calendar.msp"));
  CHECK(sim::ParamValue(p.security.recovery[2]) == def("security.level2.recovery"));
  CHECK(p.donors.forced_shock_years.empty());
  REQUIRE(p.states.size() == vtf::reference_states().size());
  const auto& angola = vtf::reference_states().front();
  CHECK(p.states.front().area_best_km2 == angola.area_best_km2);
  CHECK(p.states.front().ldc == angola.ldc);
  CHECK(p.start == vtf::design_context().default_start);
}
