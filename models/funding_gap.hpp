#pragma once
// The funding gap (MODEL.md section 7; seed 000, question a: "what the funding gaps are"): for
// each State, the cost to complete its remaining area at the calibrated costs against the money
// it can expect before its Article 5 deadline at current national and international levels, and
// which of the fund's eligibility rules (5.6.3) it meets. Deterministic: it needs no simulation,
// only a scenario's calibrated start; the per-year values in the baseline read the no-fund
// trajectories of a run. docs/model.md, "The funding gap", states every choice made here.
#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "models/parameters.hpp"
#include "models/scenario_setup.hpp"
#include "models/state_data.hpp"
#include "sim/engine/date.hpp"

namespace vtf {

// The data's low, best and high estimates of each State's remaining area (3.1).
inline constexpr std::size_t kAreaEstimates = 3;
inline constexpr std::size_t kBestEstimate = 1;
inline constexpr std::array<const char*, kAreaEstimates> kAreaEstimateNames = {"low", "best",
                                                                               "high"};

struct StateGap {
  std::array<double, kAreaEstimates> area_km2{};  // remaining area at the start
  // The cost to finish that area: the money the model's monthly operations (operations.hpp)
  // spend on it at median productivity without shocks: survey of the suspected area, clearance
  // of the confirmed area and of what survey confirms, at the State's calibrated cost times the
  // scenario's cost multiplier, the last-mile effect included.
  std::array<double, kAreaEstimates> cost_usd{};
  std::array<double, kAreaEstimates> gap_usd{};            // max(0, cost - expected)
  std::array<double, kAreaEstimates> years_to_complete{};  // cost / usable money; NaN: never
  bool bracketed = false;                                  // the data give a range (low < high)
  // kappa_intl x international + kappa_nat x national support (national imputed where the
  // calibration imputes it): the money that reaches anti-personnel mine survey and clearance.
  double money_usd_per_year = 0;
  // What the State can spend of it: capped by its absorptive capacity in its security regime at
  // the start, as its first month of operations and the fund's own assessment are (0 without
  // access to its mined areas).
  double usable_usd_per_year = 0;
  sim::Date deadline;  // in force at the start (the 22MSP's decision taken as granted)
  double years_to_deadline = 0;
  double expected_usd = 0;  // usable money x years to the deadline
  bool in_breach = false;   // its deadline expired before the start without an extension
  // The eligibility rules of 5.6.3 at the start, under the chosen policy's levers.
  double intl_usd_per_year = 0;  // the support the threshold is tested on
  bool ldc = false;              // on the UN list of LDCs (as the scenario has it)
  bool outstanding = false;      // an Article 5 obligation left (not completed at the start)
  bool access = false, meets_support = false, meets_ldc = false, meets_income = false;
  bool eligible = false;  // all of the above (Article 7 reporting aside: a yearly chance)
};

struct GapTotals {
  std::size_t states = 0;
  std::array<double, kAreaEstimates> cost_usd{}, gap_usd{};
  double usable_usd_per_year = 0, expected_usd = 0;
};

struct FundingGap {
  sim::Date start;
  FundParams rules;  // the levers whose eligibility rules were applied
  double article7_probability = 0;
  std::vector<StateGap> states;  // in the data's order
  GapTotals all, eligible;
};

// The funding gap at the start of the calibrated scenario `setup`, under the eligibility rules
// of `rules` (a policy's parameters in that scenario).
FundingGap funding_gap_at_start(const ScenarioSetup& setup, const std::vector<StateData>& data,
                                const ModelParams& rules);

// The policy whose eligibility rules the funding gap applies by default: the first fund policy
// whose eligibility levers are the model's defaults, else the first fund policy, else policy 0.
// `eligibility` gives each policy's levers, policy 0 (no fund) first.
std::size_t default_rules_policy(const std::vector<const FundParams*>& eligibility);

// Per year of a run's baseline (policy 0), from its trajectories' means over replications:
// remaining area at the end of each year and funding by source in that year, each laid out
// [state * years + year]. Results are laid out [year * states + state]; totals [year].
struct BaselineGap {
  std::vector<double> remaining_km2, cost_usd, money_usd_per_year, years_to_deadline, expected_usd,
      gap_usd, years_to_complete;
  std::vector<double> total_cost_usd, total_gap_usd, eligible_cost_usd, eligible_gap_usd;
};
BaselineGap baseline_gap_by_year(const FundingGap& start, const ScenarioSetup& setup,
                                 std::span<const double> remaining_km2,
                                 std::span<const double> international_usd,
                                 std::span<const double> national_usd);

}  // namespace vtf
