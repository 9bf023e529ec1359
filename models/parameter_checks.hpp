#pragma once
// What the registry cannot check one key at a time: combinations of parameters.
#include <vector>

#include "models/parameters.hpp"
#include "sim/study/design.hpp"

namespace vtf {

// Throws sim::InputError for the first combination that cannot hold (low <= best <= high,
// an ordered calendar, p_pay + p_late <= 1, ...); params.states follows reference_states().
void check_combinations(const ModelParams& params);

// The checks a scenario file's reader makes of each resolved scenario x policy
// (sim::DesignContext::check_values), each problem naming the parameter to point at, the one the
// file wrote where two disagree:
// - a fund size below the fund's fixed administration cost, or a grant cap below the smallest
//   grant: the fund could never make a grant, almost certainly a unit mistake (2 for 2e6);
// - a State's remaining area out of order (low <= best <= high), saying which other bound to
//   change when the file changed only one.
std::vector<sim::ParameterProblem> check_values(const sim::ParameterSet& values,
                                                const sim::WrittenPredicate& written);

}  // namespace vtf
