#pragma once
// For whom: for each scenario, fund policy and State, how the fund changes the State's median
// (first) completion year and its probability of completing by 2030, 2035 and the horizon, how
// much fund money it received, and what the State's data are (LDC, income group, quality,
// calibration). Computed from /outcomes_by_state of a results file.
#include <string>
#include <vector>

namespace vtf::questions {

struct StateRow {
  std::string scenario, policy, state, iso3;
  bool ldc = false;                // as the run saw it (/state_ldc)
  std::string income_group;        // World Bank: L, LM, UM or H; "" if the file has none
  std::string data_quality;        // A, B or C
  std::string calibration_status;  // calibrated, clipped_low ... in this scenario; "" if none
  double median_year_no_fund, median_year_fund;  // NaN: not complete by the horizon
  // Shares of replications in which the State has completed (at least once) by the end of
  // 2030, of 2035 and of the horizon year.
  double p2030_no_fund, p2030_fund;
  double p2035_no_fund, p2035_fund;
  double p_horizon_no_fund, p_horizon_fund;
  double vtf_received_usd;  // mean over replications (fund arm)
  // Bilateral aid crowded out by the fund, mean over replications (fund arm): NaN when the file
  // has no per-State outcome intl_crowded_out_usd (written by builds that model it).
  double intl_crowded_out_usd;
  int horizon_year = 0;
  std::size_t replications;
};

// Rows for the given scenario and policy indices (policies > 0) and State indices (empty: every
// State); throws sim::InputError if the file lacks per-State outcomes.
std::vector<StateRow> state_outcomes(const std::string& path,
                                     const std::vector<std::size_t>& scenarios,
                                     const std::vector<std::size_t>& policies,
                                     const std::vector<std::size_t>& states = {});

// The indices in the file `path` of the States named as users type them (the data's name, ISO3
// code or a common name, in any case, with or without accents: `vtfsim info --states`), in the
// file's order, each once. Throws sim::InputError for an unknown name, with the closest one.
std::vector<std::size_t> pick_states(const std::string& path,
                                     const std::vector<std::string>& typed);

}  // namespace vtf::questions
