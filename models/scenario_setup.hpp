#pragma once
// What a scenario fixes before any replication: its parameters, the calibrated costs and the
// States' starting data. Built once per scenario when the model is built.
#include <cstdint>
#include <string>
#include <vector>

#include "models/calibration.hpp"
#include "models/operations.hpp"
#include "models/parameters.hpp"
#include "models/state_data.hpp"
#include "sim/engine/calendar.hpp"

namespace vtf {

struct ScenarioSetup {
  ModelParams params;  // resolved with the baseline policy (levers play no part here)
  std::vector<StateCalibration> calibration;
  OpsConstants ops;
  int first_year = 0, last_year = 0, years = 0, months = 0;
  double envelope_2026_usd = 0;           // E(start year): sum of the States' support
  std::vector<double> support_share;      // s_i0
  std::vector<double> national_usd;       // N_i0, with imputations
  std::vector<sim::Date> month_starts;    // [months]
  std::vector<sim::Date> year_ends;       // [years], 31 December
  std::vector<sim::Event> annual_events;  // the Convention's cycle, every year, sorted
};

// The model runs whole years of the Convention's cycle: what is wrong with a start that is not
// a 1 January, or a horizon that is not a 31 December ("" when nothing is). The scenario reader
// reports it at the file's line (design_context); make_scenario_setup refuses it too.
std::string start_problem(const sim::Date& start);
std::string horizon_problem(const sim::Date& horizon);

ScenarioSetup make_scenario_setup(ModelParams params, const std::vector<StateData>& data);

}  // namespace vtf
