#pragma once
// The end of the comparison table, in plain words for the Working Group: which fund sizes make a
// difference, for whom, and how sure we are. Read from a results file, so `vtfsim run` and
// `vtfsim compare` say the same thing.
#include <cstdio>
#include <string>

#include "sim/results/results_file.hpp"

namespace vtf::app {

void print_plain_summary(std::FILE* out, const std::string& path, const sim::Comparison& c);

}  // namespace vtf::app
