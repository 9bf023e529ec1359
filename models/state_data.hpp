#pragma once
// The reference data on the 35 States Parties (models/data/), as the model reads it.
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/date.hpp"

namespace vtf {

struct StateData {
  std::string name;  // as in seed 000, footnote 1
  std::string iso3;
  std::string region;
  bool ldc = false;
  std::string income_group;  // World Bank: L, LM, UM or H (income_groups.csv)
  bool high_income = false;  // income_group == "H" (5.6.3)
  sim::Date deadline;        // in force at the end of 2025
  int extensions_granted = 0;
  std::optional<sim::Date> pending_request;  // deadline requested at the 22MSP, if any
  double area_low_km2 = 0, area_best_km2 = 0, area_high_km2 = 0;
  double confirmed_share = 0;
  double release_km2_per_year = 0;
  double new_finds_km2_per_year = 0;  // 0: the model's default discovery rate
  double intl_usd_per_year = 0;
  double national_usd_per_year = 0;
  int insecurity = 0;  // 0 none, 1 partial, 2 severe
  int data_year = 0;
  std::string quality;                // A, B or C
  bool access = true;                 // model addition: can the State reach its mined areas?
  std::optional<int> completed_year;  // model addition: completed before the start
  std::string notes;
  std::string sources;
  std::string model_note;  // the reason for a model addition
};

// The compiled-in reference data (states_parties.csv joined with model_additions.csv and
// income_groups.csv).
const std::vector<StateData>& reference_states();

// Parses the three CSV texts; throws sim::InputError on malformed data.
std::vector<StateData> parse_states(const std::string& states_csv, const std::string& additions_csv,
                                    const std::string& income_csv);

}  // namespace vtf
