#pragma once
// The per-State view of a results file: for each scenario, fund policy and State, how the fund
// changes the State's median (first) completion year and its probability of completing by 2030,
// and how much fund money it received. Computed from /outcomes_by_state.
#include <cstdio>
#include <string>
#include <vector>

namespace vtf::app {

struct StateRow {
  std::string scenario, policy, state, iso3;
  double median_year_no_fund, median_year_fund;  // NaN: not complete by the horizon
  double p2030_no_fund, p2030_fund;              // share of replications complete by 2030
  double vtf_received_usd;                       // mean over replications (fund arm)
  std::size_t replications;
};

// Rows for the given scenario and policy indices (policies > 0); throws sim::InputError if the
// file lacks per-State outcomes.
std::vector<StateRow> state_view(const std::string& path, const std::vector<std::size_t>& scenarios,
                                 const std::vector<std::size_t>& policies);

void print_state_table(std::FILE* out, const std::vector<StateRow>& rows, int horizon_year);
void print_state_csv(std::FILE* out, const std::vector<StateRow>& rows);
void print_state_json(std::FILE* out, const std::vector<StateRow>& rows);

}  // namespace vtf::app
