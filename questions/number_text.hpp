#pragma once
// How the answers write their numbers, the same in the findings in plain words, the printed tables
// and the size-fund answer (scripts/vtfplots/numbers.py follows these rules too).
#include <string>

namespace vtf::questions {

std::string signed_number(double x);  // +0.42, -12.3, +105, 0.00 (never -0.00); "n/a" for NaN
std::string money(double usd);        // $12.3M; "no gain" for NaN
std::string signed_whole(double x);   // +2, 0, -1: a whole number of States
// "0 to +2", or once when both ends are equal ("+1"): a range of whole States.
std::string whole_range(double lo, double hi);
std::string percent(double share);  // 45%; "n/a" for NaN

}  // namespace vtf::questions
