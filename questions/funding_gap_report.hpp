#pragma once
// The funding gap as `vtfsim gap` answers it (seed 000, question a): one scenario of a study,
// calibrated, and the eligibility rules of one of its policies, in the words and cells its
// table, CSV and JSON print. The computation itself is models/funding_gap.
#include <string>
#include <vector>

#include "models/calibration.hpp"
#include "models/funding_gap.hpp"
#include "models/state_data.hpp"
#include "sim/study/design.hpp"

namespace vtf::questions {

struct GapReport {
  std::string scenario, policy;  // the scenario, and the policy whose eligibility rules apply
  FundingGap gap;
  std::vector<StateData> data;
  std::vector<CalibrationStatus> status;  // each State's calibration in that scenario
  std::vector<std::string> new_finds;     // States whose data record new finds (5.4)
};

// The gap of scenario `scenario` (empty: the first) under the rules of policy `policy` (empty:
// default_rules_policy); throws sim::InputError naming the study's scenarios or policies.
GapReport funding_gap_report(const sim::Study& study, const std::string& scenario,
                             const std::string& policy);

// The table: what it shows and under which rules, a header row and a row per State, the
// totals, and the notes on what each number rests on (to be wrapped).
std::string gap_heading(const GapReport& r);
std::vector<std::vector<std::string>> gap_rows(const GapReport& r);
std::string gap_totals(const GapReport& r);
std::string gap_notes(const GapReport& r);

// The CSV's and JSON's columns, one row per State, numbers unrounded.
struct Cell {
  enum class Kind { kText, kNumber, kFlag };
  Kind kind = Kind::kText;
  std::string text;
  double number = 0;  // a flag is 0 or 1
};
std::vector<std::string> gap_column_names();
std::vector<Cell> gap_cells(const GapReport& r, std::size_t state);

}  // namespace vtf::questions
