#pragma once
// What the registry cannot check one key at a time: combinations of parameters.
#include "models/parameters.hpp"

namespace vtf {

// Throws sim::InputError for the first combination that cannot hold (low <= best <= high,
// an ordered calendar, p_pay + p_late <= 1, ...); params.states follows reference_states().
void check_combinations(const ModelParams& params);

}  // namespace vtf
