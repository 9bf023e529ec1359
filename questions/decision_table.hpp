#pragma once
// /findings/decision read back for `vtfsim compare --decision` (views/decision_view.hpp): from
// the file, or computed again (questions/findings.hpp) for a file written before it existed.
#include <cstdint>
#include <string>
#include <vector>

namespace vtf::questions {

struct DecisionTable {
  std::string scenario, policy, policy_reason, x_axis;  // the group's attributes
  std::vector<std::string> scenarios, options, labels, families;
  std::vector<std::int64_t> years;
  std::vector<double> size_usd_per_year;
  // [scenario][option][year], row-major as in the file
  std::vector<double> mean, ci_low, ci_high, p10, p50, p90, share_at_least_one, share_none;
  // [scenario][option]
  std::vector<double> received_usd, spent_usd, admin_usd, idle_usd, unused_share;
  bool recomputed = false;  // the file had no /findings/decision

  std::size_t at(std::size_t s, std::size_t o, std::size_t y) const {
    return (s * options.size() + o) * years.size() + y;
  }
  std::size_t at(std::size_t s, std::size_t o) const { return s * options.size() + o; }
  std::size_t label_of(const std::string& policy_name) const;  // its option index
};

// Throws InputError when the file is not a results file or has no fund policy to decide on.
DecisionTable read_decision(const std::string& path);

}  // namespace vtf::questions
