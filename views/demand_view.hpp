#pragma once
// The fund's demand and its money (questions/fund_demand.hpp, `vtfsim compare --demand`) as a
// table for people, CSV for spreadsheets and JSON for scripts.
#include <cstdio>
#include <string>

#include "questions/fund_demand.hpp"

namespace vtf::views {

// `format` is table, csv or json; the table shows the named scenarios unless `all_scenarios`.
void print_demand(std::FILE* out, const questions::Demand& d, const std::string& format,
                  bool all_scenarios);

}  // namespace vtf::views
