#pragma once
// For whom: for each scenario, fund policy and State, how the fund changes the State's median
// (first) completion year and its probability of completing by 2030, and how much fund money it
// received. Computed from /outcomes_by_state of a results file.
#include <string>
#include <vector>

namespace vtf::questions {

struct StateRow {
  std::string scenario, policy, state, iso3;
  double median_year_no_fund, median_year_fund;  // NaN: not complete by the horizon
  double p2030_no_fund, p2030_fund;              // share of replications complete by 2030
  double vtf_received_usd;                       // mean over replications (fund arm)
  std::size_t replications;
};

// Rows for the given scenario and policy indices (policies > 0); throws sim::InputError if the
// file lacks per-State outcomes.
std::vector<StateRow> state_outcomes(const std::string& path,
                                     const std::vector<std::size_t>& scenarios,
                                     const std::vector<std::size_t>& policies);

}  // namespace vtf::questions
