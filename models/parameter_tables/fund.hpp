#pragma once
// The fund, its contributors, applicants and partners (MODEL.md 5.6): one entry per parameter,
// naming the field it fills.
#include <array>

#include "models/parameter_tables/roles.hpp"
#include "models/parameters.hpp"
#include "sim/study/parameter_table.hpp"

namespace vtf::parameter_tables {

inline constexpr std::array kAllocationChoices = {
    sim::Choice<Allocation>{"score", Allocation::kScore},
    sim::Choice<Allocation>{"nearest_completion", Allocation::kNearestCompletion},
    sim::Choice<Allocation>{"equal_share", Allocation::kEqualShare},
    sim::Choice<Allocation>{"proportional_need", Allocation::kProportionalNeed},
    sim::Choice<Allocation>{"lottery", Allocation::kLottery}};

inline constexpr std::array kLdcChoices = {sim::Choice<LdcRule>{"required", LdcRule::kRequired},
                                           sim::Choice<LdcRule>{"priority", LdcRule::kPriority},
                                           sim::Choice<LdcRule>{"ignored", LdcRule::kIgnored}};

// Contributors to the fund (5.6.1).
inline constexpr std::array kContributorFields = {
    sim::integer<&ContributorParams::count>("count", U, 8, 1, 64, "",
                                            "contributors at the start (5.6.1; 003, 004 Table 2)"),
    sim::real<&ContributorParams::pareto_alpha>(
        "pareto_alpha", U, 1.1, 0.2, 10, "",
        "Pareto exponent of contributors' shares (1.1: top three give about 70%) (5.6.1)"),
    sim::real<&ContributorParams::pledge_ratio>("pledge_ratio", U, 1.0, 0, 10, "",
                                                "pledges / annual target (5.6.1)"),
    sim::real<&ContributorParams::pay_in_year_probability>(
        "pay_in_year_probability", U, 0.8, 0, 1, "",
        "p_pay: a pledge is paid within its year (5.6.1)"),
    sim::real<&ContributorParams::pay_late_probability>(
        "pay_late_probability", U, 0.1, 0, 1, "", "p_late: a pledge is paid the next year (5.6.1)"),
    sim::real<&ContributorParams::exit_probability>(
        "exit_probability", U, 0.1, 0, 1, "1/yr",
        "p_exit: a contributor leaves in a year (5.6.1; 004 Table 2)"),
    sim::real<&ContributorParams::replace_probability>(
        "replace_probability", U, 0.8, 0, 1, "",
        "p_replace: a leaver is replaced by a newcomer (5.6.1)"),
    sim::boolean<&ContributorParams::idle_offset>(
        "idle_offset", U, true,
        "pledges fall by the balance above a year's grants, administration and reserve (5.6.1)"),
};

// States' behaviour towards the fund (5.6.3-5.6.4).
inline constexpr std::array kApplicantFields = {
    sim::real<&ApplicantParams::article7_probability>(
        "article7_probability", U, 0.85, 0, 1, "",
        "a State submits its Article 7 report in a year (5.6.3; 000 §21)"),
    sim::real<&ApplicantParams::apply_probability>(
        "apply_probability", U, 0.8, 0, 1, "",
        "an eligible State applies (it needs a partner and a proposal) (5.6.4; 000 §20)")};

// Implementing partners (5.6.4-5.6.5).
inline constexpr std::array kPartnerFields = {
    sim::real<&PartnerParams::capacity_usd_per_year>(
        "capacity_usd_per_year", U, 1.0e6, 0, 1e9, "USD/yr",
        "what an implementing partner can spend in a year (5.6.4; model assumption)"),
    sim::real<&PartnerParams::underperformance_probability>(
        "underperformance_probability", U, 0.15, 0, 1, "",
        "a project's productivity is cut (5.6.5)"),
    sim::real<&PartnerParams::underperformance_factor>(
        "underperformance_factor", U, 0.5, 0, 1, "",
        "productivity of an underperforming project (5.6.5)"),
};

// The fund (levers, 5.6).
inline constexpr std::array kFundFields = {
    sim::boolean<&FundParams::enabled>("enabled", L, true,
                                       "a fund exists (policy 0, no_fund, sets false)"),
    sim::real<&FundParams::annual_usd>("annual_usd", L, 5.0e6, 0, 1e10, "USD/yr",
                                       "the fund's annual target size (5.6.1)"),
    sim::integer<&FundParams::start_year>("start_year", L, 2027, 2026, 2100, "year",
                                          "first year of pledges (2: after the 23MSP decision)"),
    sim::real<&FundParams::admin_fixed_usd>(
        "admin_fixed_usd", L, 300000, 0, 1e9, "USD/yr",
        "fixed administration: a programme officer at the ISU (5.6.2; 000 §19, §21)"),
    sim::real<&FundParams::programme_support_rate>(
        "programme_support_rate", L, 0.07, 0, 1, "",
        "programme support cost / contributions received (5.6.2)"),
    sim::real<&FundParams::reserve_share>(
        "reserve_share", L, 0.10, 0, 1, "",
        "working-capital reserve / annual target, filled before grants (5.6.2; 002 §119)"),
    sim::choice<&FundParams::allocation, kAllocationChoices>(
        "allocation", L, "score",
        "how the Selection Committee allocates money among applicants (5.6.4)"),
    sim::real<&FundParams::grant_cap_usd>("grant_cap_usd", L, 2.0e6, 0, 1e10, "USD",
                                          "largest grant (5.6.4)"),
    sim::real<&FundParams::min_grant_usd>("min_grant_usd", L, 100000, 0, 1e10, "USD",
                                          "smallest grant worth making (model assumption)"),
    sim::integer<&FundParams::grant_months>("grant_months", L, 24, 1, 120, "month",
                                            "grant duration; no long-term costs (5.6.3; 000 §17)"),
    sim::integer<&FundParams::monitoring_months>(
        "monitoring_months", L, 12, 1, 120, "month",
        "months from the first tranche to the monitoring report (5.6.5)"),
    sim::real<&FundParams::first_tranche_share>("first_tranche_share", L, 0.5, 0, 1, "",
                                                "share of a grant in the first tranche (5.6.5)"),
    sim::real<&FundParams::withhold_below>(
        "withhold_below", L, 0.5, 0, 1, "",
        "second tranche withheld if release is below this share of plan (5.6.5)"),
    sim::boolean<&FundParams::require_article7>(
        "eligibility.require_article7", L, true,
        "eligible only with that year's Article 7 report (5.6.3)"),
    sim::boolean<&FundParams::require_low_support>(
        "eligibility.require_low_support", L, true,
        "eligible only with little international support (5.6.3; 000 §15)"),
    sim::real<&FundParams::support_threshold_usd>(
        "eligibility.support_threshold_usd", L, 2.0e6, 0, 1e10, "USD/yr",
        "trailing 3-year international support below which support is 'little' (5.6.3)"),
    sim::choice<&FundParams::ldc, kLdcChoices>(
        "eligibility.ldc", L, "priority",
        "LDC status: required, a priority in the score, or ignored (5.6.3)"),
    sim::boolean<&FundParams::exclude_high_income>(
        "eligibility.exclude_high_income", L, true,
        "high-income States are ineligible: limited national means (5.6.3; 000 §15)"),
    sim::boolean<&FundParams::window_a>(
        "eligibility.window_a", L, true,
        "window A: projected completion within window_a_years with the grant (5.6.3; 000 §15)"),
    sim::real<&FundParams::window_a_years>("eligibility.window_a_years", L, 5.0, 0.1, 50, "yr",
                                           "window A horizon (5.6.3)"),
    sim::boolean<&FundParams::window_b>(
        "eligibility.window_b", L, true,
        "window B: acceleration for States with clear efforts (5.6.3; 000 §16)"),
    sim::real<&FundParams::window_b_share>("eligibility.window_b_share", L, 0.25, 0, 1, "",
                                           "largest share of a year's grants in window B (5.6.3)"),
    sim::real<&FundParams::score_gap>("score.gap", L, 0.4, 0, 10, "",
                                      "score weight of the funding gap (5.6.4)"),
    sim::real<&FundParams::score_ldc>("score.ldc", L, 0.2, 0, 10, "",
                                      "score weight of LDC status (5.6.4)"),
    sim::real<&FundParams::score_near>("score.near", L, 0.3, 0, 10, "",
                                       "score weight of nearness to completion (5.6.4)"),
    sim::real<&FundParams::score_efficiency>("score.efficiency", L, 0.1, 0, 10, "",
                                             "score weight of km2 per dollar (5.6.4)"),
};

}  // namespace vtf::parameter_tables
