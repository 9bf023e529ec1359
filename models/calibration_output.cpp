#include "models/calibration_output.hpp"

#include <span>
#include <string>
#include <type_traits>
#include <vector>

namespace vtf {

namespace {

// Why each State's data are weak in each scenario (data_weakness), so that whatever reads the
// file (the plain words, the report) shares out an effect by the model's one rule.
void write_weak_data(sim::h5::Group& g, const VtfModel& model) {
  const auto& data = model.data();
  const std::size_t S = model.scenario_count(), E = data.size();
  std::vector<std::string> weak(S * E);
  for (std::size_t s = 0; s < S; ++s) {
    for (std::size_t i = 0; i < E; ++i)
      weak[s * E + i] = data_weakness(data[i].quality, model.scenario(s).calibration[i].status);
  }
  auto w = g.create_string_dataset("weak_data", weak, {S, E});
  w.attach_dimensions({"scenario", "state"});
  w.set_attribute("long_name",
                  "why a State's data are weak: quality C, a clipped, regional-median or imputed "
                  "cost, or both; empty if they are not");
}

}  // namespace

void write_calibration(sim::h5::Group& root, const VtfModel& model) {
  const auto& data = model.data();
  const std::size_t S = model.scenario_count(), E = data.size();
  sim::h5::Group g = root.create_group("calibration");
  g.copy_coordinates(root, {"scenario", "state"});
  g.set_attribute(
      "method",
      "MODEL.md 5.3: clearance cost per State set so that the first simulated year at mean "
      "parameters, without shocks, releases the recorded release; clipped to the cost bounds; "
      "States without usable data take the regional median cost");
  std::vector<double> cost(S * E), national(S * E), release(S * E);
  std::vector<std::int32_t> status(S * E);
  for (std::size_t s = 0; s < S; ++s) {
    const auto& cal = model.scenario(s).calibration;
    for (std::size_t i = 0; i < E; ++i) {
      cost[s * E + i] = cal[i].clear_usd_per_km2 / 1e6;
      national[s * E + i] = cal[i].national_usd_per_year;
      release[s * E + i] = cal[i].first_year_release_km2;
      status[s * E + i] = static_cast<std::int32_t>(cal[i].status);
    }
  }
  const auto put = [&](const char* name, const auto& values, const char* units,
                       const char* long_name) {
    using T = typename std::decay_t<decltype(values)>::value_type;
    auto ds = g.create_dataset<T>(name, {S, E});
    ds.write(values);
    ds.attach_dimensions({"scenario", "state"});
    ds.set_attribute("units", units);
    ds.set_attribute("long_name", long_name);
    return ds;
  };
  put("clearance_cost_usd_per_m2", cost, "USD/m2",
      "calibrated clearance cost c_c0, before the scenario's cost multiplier");
  put("national_usd_per_year", national, "USD/yr",
      "national support used (recorded, or imputed where release is recorded without money)");
  put("first_year_release_km2", release, "km2/yr",
      "first-year release simulated at the calibrated cost, mean parameters, no shocks");
  auto st = put("status", status, "1", "calibration status of each State");
  std::vector<double> values;
  std::string meanings;
  for (int c = 0; c <= static_cast<int>(CalibrationStatus::kCompleted); ++c) {
    values.push_back(c);
    if (!meanings.empty()) meanings += ' ';
    meanings += status_name(static_cast<CalibrationStatus>(c));
  }
  st.set_attribute("flag_values", std::span<const double>(values));
  st.set_attribute("flag_meanings", meanings);
  std::vector<std::string> reasons;
  std::vector<double> data_release;
  for (std::size_t i = 0; i < E; ++i) {
    reasons.push_back(model.scenario(0).calibration[i].reason);
    data_release.push_back(model.scenario(0).params.states[i].release_km2_per_year);
  }
  auto r = g.create_string_dataset("reason", reasons);
  r.attach_dimensions({"state"});
  r.set_attribute("long_name", "why a State is not calibrated to its data (scenario 0)");
  auto d = g.create_dataset<double>("recorded_release_km2_per_year", {E});
  d.write(data_release);
  d.attach_dimensions({"state"});
  d.set_attribute("units", "km2/yr");
  write_weak_data(g, model);
}

}  // namespace vtf
