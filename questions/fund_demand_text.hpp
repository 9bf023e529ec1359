#pragma once
// The fund's demand (questions/fund_demand.hpp) in words and tables: the cells of the table
// `vtfsim compare --demand` prints, its notes, the idle-money threshold in plain words, and one
// record per number for the CSV and JSON views. Built here so that app/ only lays them out.
#include <cmath>
#include <string>
#include <vector>

#include "questions/fund_demand.hpp"

namespace vtf::questions {

// A ratio as text with the precision its interval allows: "2.4 ±0.1", or as a percentage
// "58% ±2"; "n/a" when undefined.
std::string ratio_text(const Ratio& r, bool percent);

// The threshold in plain words: the size above which extra money mostly sits idle (or pays
// administration), with the step that shows it, or that it was not found in the sizes run.
std::string idle_text(const Demand& d, const IdleThreshold& t);

// One scenario's table: a heading, rows of cells (the first the column names) and the
// threshold sentences below it.
struct DemandTable {
  std::string heading;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> sentences;
};
// The named scenarios' tables (every scenario's when `all_scenarios`).
std::vector<DemandTable> demand_tables(const Demand& d, bool all_scenarios);
// What the columns mean, with the precision of the money means of those tables.
std::string demand_notes(const Demand& d, bool all_scenarios);

// One number for the CSV and JSON views: a mean, or a ratio with the half-width of its 95%
// interval (NaN for a mean or a cost, whose precision is given by the money precision and the
// cost's range). Each row's numbers, then each step of the sizes (on the larger size's policy).
struct DemandRecord {
  std::size_t scenario = 0, policy = 0;
  std::string quantity, unit;
  double value = NAN, half_width = NAN;
};
std::vector<DemandRecord> demand_records(const Demand& d);

}  // namespace vtf::questions
