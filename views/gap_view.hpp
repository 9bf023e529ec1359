#pragma once
// `vtfsim gap` printed: the funding gap of each State at the start as a table, CSV or JSON.
#include <cstdio>

#include "questions/funding_gap_report.hpp"

namespace vtf::views {

void print_gap_table(std::FILE* out, const questions::GapReport& r);
void print_gap_csv(std::FILE* out, const questions::GapReport& r);
void print_gap_json(std::FILE* out, const questions::GapReport& r);

}  // namespace vtf::views
