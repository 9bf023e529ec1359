#pragma once
// `vtfsim info --states`: the States Parties (models/state_listing.hpp) as a table.
#include <cstdio>
#include <string>
#include <vector>

#include "models/state_listing.hpp"

namespace vtf::views {

// `calibrated_under` says which scenario the calibration column is from.
void print_state_list(std::FILE* out, const std::vector<StateListing>& states,
                      const std::string& calibrated_under);

}  // namespace vtf::views
