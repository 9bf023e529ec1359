#pragma once
// The end of the comparison table, in plain words for the Working Group: which fund sizes make a
// difference, for whom, and how sure we are. Read from a results file, so `vtfsim run` and
// `vtfsim compare` say the same thing.
#include <optional>
#include <string>

#include "sim/results/results_file.hpp"

namespace vtf::questions {

struct PlainWords {
  std::string heading;
  // One statement a line, "- " items and their "  " sub-items, not wrapped: the width is the
  // printer's choice.
  std::string statements;
};

// Nothing when the comparison lacks the outcomes the findings speak of, or has no fund policy.
std::optional<PlainWords> plain_words(const std::string& path, const sim::Comparison& c);

}  // namespace vtf::questions
