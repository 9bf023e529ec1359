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

inline constexpr const char* kModelSpecVersion = "1.2";

enum class ExtensionRegime { kLenient, kStrict };
enum class LdcRule { kRequired, kPriority, kIgnored };
enum class Allocation { kScore, kNearestCompletion, kEqualShare, kProportionalNeed, kLottery };

// The fields hold no defaults: each is stated once, with its parameter, in the tables of
// models/parameter_tables/, which also check that they fill every field (default_params()).
struct CalendarParams {
  sim::MonthDay donor_fiscal_year, pledging_conference, extension_requests, article7_reports,
      vtf_call_closes, selection_committee, first_tranche, msp;
  bool operator==(const CalendarParams&) const = default;
};

struct DonorParams {
  double envelope_trend, envelope_volatility, shock_probability, shock_size;
  std::vector<std::int64_t> forced_shock_years;
  double allocation_persistence, allocation_volatility, emergency_bias, extension_fatigue,
      retention, mine_action_share;
  double additionality, crowd_in;
  bool operator==(const DonorParams&) const = default;
};

struct NationalParams {
  double mine_action_share, volatility, priority_cut_probability, priority_cut_factor;
  bool operator==(const NationalParams&) const = default;
};

struct OperationsParams {
  double capacity_initial_factor, capacity_growth;
  int mobilisation_lag_months;
  double survey_share_min, survey_share_max, cancel_fraction, productivity_volatility, last_mile,
      survey_cost_ratio, cost_multiplier, cost_min_usd_per_m2, cost_max_usd_per_m2,
      completion_threshold_m2;
  bool operator==(const OperationsParams&) const = default;
};

struct SecurityParams {
  // Indexed by insecurity level 0, 1, 2.
  std::array<double, 3> onset, recovery, capacity_fraction;
  bool operator==(const SecurityParams&) const = default;
};

struct DiscoveryParams {
  double rate_per_year, size_median_share, size_log_sd, residual_rate_per_year;
  int reopened_deadline_years;
  bool operator==(const DiscoveryParams&) const = default;
};

struct AreaParams {
  bool initial_uncertainty;
  double log_scale_ratio;
  bool operator==(const AreaParams&) const = default;
};

struct ExtensionParams {
  ExtensionRegime regime;
  double grant_probability, strict_grant_probability;
  int strict_max_years;
  double request_margin_years, buffer;
  int max_request_years, interim_years;
  double disengaged_request_probability;
  bool operator==(const ExtensionParams&) const = default;
};

struct ContributorParams {
  int count;
  double pareto_alpha, pledge_ratio, pay_in_year_probability, pay_late_probability,
      exit_probability, replace_probability;
  bool idle_offset;
  bool operator==(const ContributorParams&) const = default;
};

struct ApplicantParams {
  double article7_probability, apply_probability;
  bool operator==(const ApplicantParams&) const = default;
};

struct PartnerParams {
  double capacity_usd_per_year, underperformance_probability, underperformance_factor;
  bool operator==(const PartnerParams&) const = default;
};

struct FundParams {  // the levers of MODEL.md 5.6
  bool enabled;
  double annual_usd;
  int start_year;
  double admin_fixed_usd, programme_support_rate, reserve_share;
  Allocation allocation;
  double grant_cap_usd, min_grant_usd;
  int grant_months, monitoring_months;
  double first_tranche_share, withhold_below;
  bool require_article7, require_low_support;
  double support_threshold_usd;
  LdcRule ldc;
  bool exclude_high_income;
  bool window_a;
  double window_a_years;
  bool window_b;
  double window_b_share;
  double score_gap, score_ldc, score_near, score_efficiency;
  bool operator==(const FundParams&) const = default;
};

// One State's data after the scenario's overrides.
struct StateInputs {
  double area_low_km2, area_best_km2, area_high_km2, confirmed_share, release_km2_per_year,
      new_finds_km2_per_year, intl_usd_per_year, national_usd_per_year;
  int insecurity;
  bool ldc, high_income, access;
  bool operator==(const StateInputs&) const = default;
};

struct ModelParams {
  sim::Date start, horizon;
  std::uint64_t seed;
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
  bool operator==(const ModelParams&) const = default;
};

// The registry of every parameter, States' fields included (defaults from the reference data).
const sim::ParameterRegistry& model_registry();
// What the engine needs to read scenario files for this model.
sim::DesignContext design_context();
// Typed parameters from a resolved set; throws sim::InputError for combinations the registry
// cannot check one key at a time (low <= best <= high, ordered calendar, p_pay + p_late <= 1).
ModelParams read_params(const sim::ParameterSet& values, const sim::Study& study);
// Every parameter at its registered default, over the default study's dates and seed.
ModelParams default_params();

}  // namespace vtf
