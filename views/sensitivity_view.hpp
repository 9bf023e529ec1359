#pragma once
// `vtfsim compare --sensitivity`: which uncertainties drive each fund policy's effect across the
// Latin hypercube scenarios (the /sensitivity group), as a table, CSV or JSON.
#include <cstdio>
#include <string>
#include <vector>

#include "sim/analysis/sensitivity.hpp"

namespace vtf::views {

// Prints the outcomes named (all when empty) for the policies with the given indices (> 0).
void print_sensitivity_table(std::FILE* out, const sim::Sensitivity& s,
                             const std::vector<std::size_t>& outcomes,
                             const std::vector<std::size_t>& policies);
void print_sensitivity_csv(std::FILE* out, const sim::Sensitivity& s,
                           const std::vector<std::size_t>& outcomes,
                           const std::vector<std::size_t>& policies);
void print_sensitivity_json(std::FILE* out, const sim::Sensitivity& s,
                            const std::vector<std::size_t>& outcomes,
                            const std::vector<std::size_t>& policies);

}  // namespace vtf::views
