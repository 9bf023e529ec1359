#pragma once
// The statistics a paired comparison stores per outcome (/comparison, /pairs): one list, so the
// names, descriptions and units are stated once for every group that holds paired statistics.
#include <fmt/format.h>

#include <string>

#include "sim/stats/paired_stats.hpp"

namespace sim {

struct PairedField {
  const char* name;
  double PairedSummary::*member;
  // {0}: the policy's name in a difference, {1}: the baseline's, {2}: the policy in words.
  const char* long_name;
  bool in_outcome_units;  // else a share ("1")
};

inline constexpr PairedField kPairedFields[] = {
    {"mean", &PairedSummary::mean, "mean of ({0} - {1})", true},
    {"stderr", &PairedSummary::std_error, "standard error of the mean difference", true},
    {"ci_low", &PairedSummary::ci_low, "lower end of the 95% confidence interval", true},
    {"ci_high", &PairedSummary::ci_high, "upper end of the 95% confidence interval", true},
    {"p_better", &PairedSummary::p_better, "share of replications where {2} is strictly better",
     false},
    {"p_worse", &PairedSummary::p_worse, "share of replications where {2} is strictly worse",
     false},
};

inline std::string paired_long_name(const PairedField& f, const std::string& policy,
                                    const std::string& baseline, const std::string& in_words) {
  return fmt::format(fmt::runtime(f.long_name), policy, baseline, in_words);
}

}  // namespace sim
