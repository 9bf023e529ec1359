#pragma once
// `vtfsim discover`: what the scenario discovery found, in plain words and as a table of the
// box's restrictions and of the inputs that matter most.
#include <cstdio>
#include <string>

#include "sim/analysis/future_discovery.hpp"

namespace vtf::views {

void print_discovery(std::FILE* out, const sim::Discovery& d, const std::string& statement);

}  // namespace vtf::views
