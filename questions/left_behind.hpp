#pragma once
// Who is left behind (issue 12): the States eligible for the fund that still do not complete.
// A State is eligible when, in most futures with that fund, it was eligible at one of its calls
// at least (it applied, or met every rule and did not: /outcomes_by_state applied + not_applied
// > 0); it does not complete when, in most futures, it is not complete at the horizon
// (/outcomes_by_state/completion_year is NaN).
#include <cstddef>
#include <string>
#include <vector>

#include "sim/results/h5.hpp"

namespace vtf::questions {

// In the file's order of States; empty when the file has no per-State eligibility counts.
std::vector<std::string> left_behind_eligible(const sim::h5::Group& root, std::size_t scenario,
                                              std::size_t policy);

}  // namespace vtf::questions
