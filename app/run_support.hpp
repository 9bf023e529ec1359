#pragma once
// What the commands that write results files record about the build that wrote them.
#include <cstdint>
#include <string>

#include "sim/results/results_file.hpp"

namespace vtf::app {

// Now, as ISO 8601 UTC (the results file's created_utc).
std::string utc_now();

// What a results file written now by this build records about how it was made.
sim::Provenance provenance_now(const std::string& command_line, std::uint64_t replications_total);

}  // namespace vtf::app
