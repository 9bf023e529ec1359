#pragma once
// How the answers write their numbers, the same in the findings in plain words, the printed tables
// and the size-fund answer (scripts/vtfplots/numbers.py follows these rules too).
#include <string>

namespace vtf::questions {

std::string signed_number(double x);  // +0.42, -12.3, +105; "n/a" for NaN
std::string money(double usd);        // $12.3M; "no gain" for NaN

}  // namespace vtf::questions
