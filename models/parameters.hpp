#pragma once
// Every parameter of the model (MODEL.md sections 2-5), registered with its default, bounds,
// unit, role (uncertainty, lever or setting) and source, and read into typed structs once per
// scenario x policy so that the simulation never looks a name up.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "models/state_data.hpp"
#include "sim/engine/date.hpp"
#include "sim/study/design.hpp"
#include "sim/study/parameters.hpp"

namespace vtf {

inline constexpr const char* kModelSpecVersion = "1.1";

enum class ExtensionRegime { kLenient, kStrict };
enum class LdcRule { kRequired, kPriority, kIgnored };
enum class Allocation { kScore, kNearestCompletion, kEqualShare, kProportionalNeed, kLottery };

struct CalendarParams {
  sim::MonthDay donor_fiscal_year{1, 1}, pledging_conference{3, 12}, extension_requests{3, 31},
      article7_reports{4, 30}, vtf_call_closes{7, 1}, selection_committee{9, 15},
      first_tranche{10, 1}, msp{12, 1};
};

struct DonorParams {
  double envelope_trend = -0.02, envelope_volatility = 0.10, shock_probability = 0.05,
         shock_size = 0.30;
  std::vector<std::int64_t> forced_shock_years;
  double allocation_persistence = 0.7, allocation_volatility = 0.25, emergency_bias = 0.5,
         extension_fatigue = 0.0, retention = 0.5, mine_action_share = 0.6;
  double additionality = 0.8, crowd_in = 0.0;
};

struct NationalParams {
  double mine_action_share = 0.8, volatility = 0.2, priority_cut_probability = 0.05,
         priority_cut_factor = 0.5;
};

struct OperationsParams {
  double capacity_initial_factor = 1.25, capacity_growth = 0.30;
  int mobilisation_lag_months = 3;
  double survey_share_min = 0.1, survey_share_max = 0.9, cancel_fraction = 0.7,
         productivity_volatility = 0.15, last_mile = 0.5, survey_cost_ratio = 0.1,
         cost_multiplier = 1.0, cost_min_usd_per_m2 = 0.2, cost_max_usd_per_m2 = 20.0,
         completion_threshold_m2 = 100.0;
};

struct SecurityParams {
  // Indexed by insecurity level 0, 1, 2.
  std::array<double, 3> onset{0.002, 0.01, 0.03};
  std::array<double, 3> recovery{0.10, 0.05, 0.02};
  std::array<double, 3> capacity_fraction{0.7, 0.5, 0.2};
};

struct DiscoveryParams {
  double rate_per_year = 0.3, size_median_share = 0.02, size_log_sd = 1.0,
         residual_rate_per_year = 0.03;
  int reopened_deadline_years = 2;
};

struct AreaParams {
  bool initial_uncertainty = true;
  double log_scale_ratio = 10.0;
};

struct ExtensionParams {
  ExtensionRegime regime = ExtensionRegime::kLenient;
  double grant_probability = 0.98, strict_grant_probability = 0.85;
  int strict_max_years = 5;
  double request_margin_years = 1.0, buffer = 0.2;
  int max_request_years = 10, interim_years = 3;
  double disengaged_request_probability = 0.2;
};

struct ContributorParams {
  int count = 8;
  double pareto_alpha = 1.1, pledge_ratio = 1.0, pay_in_year_probability = 0.8,
         pay_late_probability = 0.1, exit_probability = 0.1, replace_probability = 0.8;
  bool idle_offset = true;
};

struct ApplicantParams {
  double article7_probability = 0.85, apply_probability = 0.8;
};

struct PartnerParams {
  double capacity_usd_per_year = 1.0e6, underperformance_probability = 0.15,
         underperformance_factor = 0.5;
};

struct FundParams {  // the levers of MODEL.md 5.6
  bool enabled = true;
  double annual_usd = 5.0e6;
  int start_year = 2027;
  double admin_fixed_usd = 300000, programme_support_rate = 0.07, reserve_share = 0.10;
  Allocation allocation = Allocation::kScore;
  double grant_cap_usd = 2.0e6, min_grant_usd = 100000;
  int grant_months = 24, monitoring_months = 12;
  double first_tranche_share = 0.5, withhold_below = 0.5;
  bool require_article7 = true, require_low_support = true;
  double support_threshold_usd = 2.0e6;
  LdcRule ldc = LdcRule::kPriority;
  bool window_a = true;
  double window_a_years = 5.0;
  bool window_b = true;
  double window_b_share = 0.25;
  double score_gap = 0.4, score_ldc = 0.2, score_near = 0.3, score_efficiency = 0.1;
};

// One State's data after the scenario's overrides.
struct StateInputs {
  double area_low_km2, area_best_km2, area_high_km2, confirmed_share, release_km2_per_year,
      new_finds_km2_per_year, intl_usd_per_year, national_usd_per_year;
  int insecurity;
  bool ldc, access;
};

struct ModelParams {
  sim::Date start, horizon;
  std::uint64_t seed = 0;
  CalendarParams calendar;
  DonorParams donors;
  NationalParams national;
  OperationsParams operations;
  SecurityParams security;
  DiscoveryParams discovery;
  AreaParams area;
  ExtensionParams extensions;
  ContributorParams contributors;
  ApplicantParams applicants;
  PartnerParams partners;
  FundParams fund;
  std::vector<StateInputs> states;
};

// The registry of every parameter, States' fields included (defaults from the reference data).
const sim::ParameterRegistry& model_registry();
// What the engine needs to read scenario files for this model.
sim::DesignContext design_context();
// Typed parameters from a resolved set; throws sim::InputError for combinations the registry
// cannot check one key at a time (low <= best <= high, ordered calendar, p_pay + p_late <= 1).
ModelParams read_params(const sim::ParameterSet& values, const sim::Study& study);

}  // namespace vtf
