#pragma once
// How land is released and what delays it (MODEL.md 3.1, 5.3-5.5): one entry per parameter,
// naming the field it fills.
#include <array>

#include "models/parameter_tables/roles.hpp"
#include "models/parameters.hpp"
#include "sim/study/parameter_groups.hpp"
#include "sim/study/parameter_table.hpp"

namespace vtf::parameter_tables {

// Operations (5.3).
inline constexpr std::array kOperationsFields = {
    sim::real<&OperationsParams::capacity_initial_factor>(
        "capacity_initial_factor", U, 1.25, 1, 10, "",
        "initial absorptive capacity / initial spending (5.3)"),
    sim::real<&OperationsParams::capacity_growth>("capacity_growth", U, 0.30, 0, 5, "1/yr",
                                                  "largest yearly growth of capacity (5.3)"),
    sim::integer<&OperationsParams::mobilisation_lag_months>(
        "mobilisation_lag_months", U, 3, 0, 23, "month",
        "months before a VTF-funded partner starts work (5.3)"),
    sim::real<&OperationsParams::survey_share_min>(
        "survey_share_min", U, 0.1, 0, 1, "",
        "lower bound of the budget share for survey while SHA remains (5.3)"),
    sim::real<&OperationsParams::survey_share_max>(
        "survey_share_max", U, 0.9, 0, 1, "", "upper bound of the budget share for survey (5.3)"),
    sim::real<&OperationsParams::cancel_fraction>(
        "cancel_fraction", U, 0.7, 0, 1, "",
        "share of surveyed land cancelled or reduced (5.3; 002 §43, §53)"),
    sim::real<&OperationsParams::productivity_volatility>(
        "productivity_volatility", U, 0.15, 0, 2, "",
        "sigma of monthly lognormal productivity, median 1 (5.3)"),
    sim::real<&OperationsParams::last_mile>(
        "last_mile", U, 0.5, 0, 10, "",
        "rise of clearance cost as the remaining area shrinks (5.3; 002 §57)"),
    sim::real<&OperationsParams::survey_cost_ratio>(
        "survey_cost_ratio", U, 0.1, 0.001, 1, "",
        "survey cost per km2 / clearance cost per km2 (5.3)"),
    sim::real<&OperationsParams::cost_multiplier>("cost_multiplier", U, 1.0, 0.05, 20, "",
                                                  "multiplies every calibrated cost (5.3)"),
    sim::real<&OperationsParams::cost_min_usd_per_m2>(
        "cost_min_usd_per_m2", S, 0.2, 0.001, 1000, "USD/m2",
        "lower clip of calibrated clearance cost (5.3)"),
    sim::real<&OperationsParams::cost_max_usd_per_m2>(
        "cost_max_usd_per_m2", S, 20.0, 0.001, 1000, "USD/m2",
        "upper clip of calibrated clearance cost (5.3)"),
    sim::real<&OperationsParams::completion_threshold_m2>(
        "completion_threshold_m2", S, 100.0, 0, 1e6, "m2",
        "a State completes when less remains (5.7)"),
};

// Security regimes (5.3), one parameter per insecurity level 0, 1, 2.
inline constexpr std::array kSecurityFields = {
    sim::indexed_real<&SecurityParams::onset>(
        "onset", U, {0.002, 0.01, 0.03}, 0, 1, "1/month",
        "monthly probability a normal regime becomes disrupted, insecurity level {} (5.3)"),
    sim::indexed_real<&SecurityParams::recovery>(
        "recovery", U, {0.10, 0.05, 0.02}, 0, 1, "1/month",
        "monthly probability a disrupted regime recovers, insecurity level {} (5.3)"),
    sim::indexed_real<&SecurityParams::capacity_fraction>(
        "capacity_fraction", U, {0.7, 0.5, 0.2}, 0, 1, "",
        "share of capacity that works while disrupted, insecurity level {} (5.3; 002 §60)"),
};

// Discovery (5.4).
inline constexpr std::array kDiscoveryFields = {
    sim::real<&DiscoveryParams::rate_per_year>(
        "rate_per_year", U, 0.3, 0, 100, "1/yr",
        "new-contamination events per active State per year (5.4; 002 §56)"),
    sim::real<&DiscoveryParams::size_median_share>(
        "size_median_share", U, 0.02, 0, 1, "",
        "median size of a find / the State's initial area (5.4)"),
    sim::real<&DiscoveryParams::size_log_sd>("size_log_sd", U, 1.0, 0, 5, "",
                                             "log-sd of the size of a find (5.4)"),
    sim::real<&DiscoveryParams::residual_rate_per_year>(
        "residual_rate_per_year", U, 0.03, 0, 10, "1/yr",
        "residual finds per completed State per year (5.4; 002 §38)"),
    sim::integer<&DiscoveryParams::reopened_deadline_years>(
        "reopened_deadline_years", S, 2, 1, 10, "yr",
        "deadline of a re-opened State, from the find (5.4)"),
};

// Initial area (3.1).
inline constexpr std::array kAreaFields = {
    sim::boolean<&AreaParams::initial_uncertainty>(
        "initial_uncertainty", U, true,
        "draw each State's initial area from its low/best/high bracket (3.1); false: use best"),
    sim::real<&AreaParams::log_scale_ratio>(
        "log_scale_ratio", S, 10.0, 1, 1e9, "",
        "brackets with high/low above this are sampled on a log scale (3.1)"),
};

inline constexpr std::array kRegimeChoices = {
    sim::Choice<ExtensionRegime>{"lenient", ExtensionRegime::kLenient},
    sim::Choice<ExtensionRegime>{"strict", ExtensionRegime::kStrict}};

// Extensions (5.5).
inline constexpr std::array kExtensionFields = {
    sim::choice<&ExtensionParams::regime, kRegimeChoices>(
        "regime", U, "lenient", "how the MSP decides extension requests (5.5)"),
    sim::real<&ExtensionParams::grant_probability>(
        "grant_probability", U, 0.98, 0, 1, "", "p_grant under the lenient regime (5.5; 002 §39)"),
    sim::real<&ExtensionParams::strict_grant_probability>(
        "strict_grant_probability", U, 0.85, 0, 1, "", "p_grant under the strict regime (5.5)"),
    sim::integer<&ExtensionParams::strict_max_years>(
        "strict_max_years", U, 5, 1, 10, "yr",
        "longest extension granted under the strict regime (5.5)"),
    sim::real<&ExtensionParams::request_margin_years>(
        "request_margin_years", U, 1.0, 0, 10, "yr",
        "a State requests if projected completion is within this of its deadline (5.5)"),
    sim::real<&ExtensionParams::buffer>(
        "buffer", U, 0.2, 0, 5, "",
        "requested length = ceil(projected years x (1 + buffer)) (5.5)"),
    sim::integer<&ExtensionParams::max_request_years>("max_request_years", S, 10, 1, 10, "yr",
                                                      "longest request (Article 5.3) (5.5)"),
    sim::integer<&ExtensionParams::interim_years>(
        "interim_years", U, 3, 1, 10, "yr", "length of an interim request to finish survey (5.5)"),
    sim::real<&ExtensionParams::disengaged_request_probability>(
        "disengaged_request_probability", U, 0.2, 0, 1, "1/yr",
        "yearly probability that a State in breach since before the start (Burkina Faso, Mali, "
        "Eritrea) requests (model assumption)"),
};

}  // namespace vtf::parameter_tables
