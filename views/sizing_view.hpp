#pragma once
// `vtfsim size-fund`'s answer (questions/fund_sizing.hpp) as a table for people or JSON for
// scripts.
#include <cstdio>
#include <string>
#include <vector>

#include "questions/fund_sizing.hpp"

namespace vtf::views {

// `rules` says whose levers the sized fund follows.
void print_sizing_table(std::FILE* out, const std::vector<questions::SizingResult>& results,
                        const questions::SizingOptions& o, const sim::Study& study,
                        const std::string& rules);
void print_sizing_json(std::FILE* out, const std::vector<questions::SizingResult>& results,
                       const questions::SizingOptions& o, const sim::Study& study);

}  // namespace vtf::views
