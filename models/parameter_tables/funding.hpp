#pragma once
// The Convention's calendar and the money that reaches survey and clearance without the fund
// (MODEL.md 2, 5.1, 5.2): one entry per parameter, naming the field it fills.
#include <array>

#include "models/parameter_tables/roles.hpp"
#include "models/parameters.hpp"
#include "sim/study/parameter_table.hpp"

namespace vtf::parameter_tables {

// Calendar (MODEL.md 2): the dates of the Convention's annual cycle.
inline constexpr std::array kCalendarFields = {
    sim::day<&CalendarParams::donor_fiscal_year>(
        "donor_fiscal_year", S, "01-01",
        "donor fiscal year: envelope, allocations and national budgets drawn (2)"),
    sim::day<&CalendarParams::pledging_conference>("pledging_conference", S, "03-12",
                                                   "VTF pledging conference (2; 001 §8)"),
    sim::day<&CalendarParams::extension_requests>(
        "extension_requests", S, "03-31",
        "deadline to submit Article 5 extension requests (2, 5.5)"),
    sim::day<&CalendarParams::article7_reports>("article7_reports", S, "04-30",
                                                "Article 7 transparency reports due (2; 001 §3)"),
    sim::day<&CalendarParams::vtf_call_closes>("vtf_call_closes", S, "07-01",
                                               "VTF call for applications closes (2, 5.6.4)"),
    sim::day<&CalendarParams::selection_committee>(
        "selection_committee", S, "09-15", "VTF Selection Committee decides grants (2; 000 §19)"),
    sim::day<&CalendarParams::first_tranche>("first_tranche", S, "10-01",
                                             "first tranche of new grants disbursed (2, 5.6.5)"),
    sim::day<&CalendarParams::msp>("msp", S, "12-01",
                                   "Meeting of the States Parties: extensions decided (2; 001 §6)"),
};

// International funding (MODEL.md 5.1).
inline constexpr std::array kDonorFields = {
    sim::real<&DonorParams::envelope_trend>(
        "envelope_trend", U, -0.02, -1, 1, "1/yr",
        "mu: yearly drift of the log international envelope (5.1; 000 §22, §26)"),
    sim::real<&DonorParams::envelope_volatility>(
        "envelope_volatility", U, 0.10, 0, 2, "",
        "sigma_E: yearly volatility of the log envelope (5.1)"),
    sim::real<&DonorParams::shock_probability>("shock_probability", U, 0.05, 0, 1, "1/yr",
                                               "probability of a donor shock in a year (5.1)"),
    sim::real<&DonorParams::shock_size>("shock_size", U, 0.30, 0, 0.99, "",
                                        "share of the envelope cut by a shock (5.1)"),
    sim::integer_list<&DonorParams::forced_shock_years>(
        "forced_shock_years", U, 1900, 2200, "year",
        "years with a certain shock, e.g. [2027] in the `shock` scenario (5.8)"),
    sim::real<&DonorParams::allocation_persistence>(
        "allocation_persistence", U, 0.7, 0, 1, "",
        "rho of the AR(1) noise of each State's share (5.1)"),
    sim::real<&DonorParams::allocation_volatility>(
        "allocation_volatility", U, 0.25, 0, 2, "",
        "yearly innovation sd of the AR(1) share noise (5.1)"),
    sim::real<&DonorParams::emergency_bias>(
        "emergency_bias", U, 0.5, 0, 10, "",
        "extra weight of a State in a disrupted regime (5.1; 002 §55)"),
    sim::real<&DonorParams::extension_fatigue>("extension_fatigue", U, 0.0, 0, 1, "",
                                               "share lost per extension request (5.1)"),
    sim::real<&DonorParams::retention>(
        "retention", U, 0.5, 0, 1, "",
        "share of a completed State's support reallocated to others (5.1)"),
    sim::real<&DonorParams::mine_action_share>(
        "mine_action_share", U, 0.6, 0, 1, "",
        "kappa_intl: share of international support reaching AP-mine survey and clearance (5.1)"),
    sim::real<&DonorParams::additionality>(
        "additionality", U, 0.8, 0, 1, "",
        "share of each fund dollar that is new money (5.6.1; 000 §10, §13)"),
    sim::real<&DonorParams::crowd_in>(
        "crowd_in", U, 0.0, 0, 1, "",
        "rise of the envelope while a fund exists (5.6.1; 000 §12, §22)"),
};

// National funding (5.2).
inline constexpr std::array kNationalFields = {
    sim::real<&NationalParams::mine_action_share>(
        "mine_action_share", U, 0.8, 0, 1, "",
        "kappa_nat: share of national support reaching survey and clearance (5.1)"),
    sim::real<&NationalParams::volatility>("volatility", U, 0.2, 0, 2, "",
                                           "sigma_N of the yearly national budget (5.2)"),
    sim::real<&NationalParams::priority_cut_probability>(
        "priority_cut_probability", U, 0.05, 0, 1, "1/yr",
        "probability the national budget is cut in a year (5.2; 002 §58)"),
    sim::real<&NationalParams::priority_cut_factor>("priority_cut_factor", U, 0.5, 0, 1, "",
                                                    "what remains of a cut budget (5.2)"),
};

}  // namespace vtf::parameter_tables
