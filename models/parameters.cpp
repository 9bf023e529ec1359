#include "models/parameters.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "sim/engine/errors.hpp"

namespace vtf {
namespace {

using sim::ParameterSpec;
using sim::ParamRole;
using sim::ParamType;
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr auto U = ParamRole::kUncertainty;
constexpr auto L = ParamRole::kLever;
constexpr auto S = ParamRole::kSetting;

void real(sim::ParameterRegistry& r, const char* name, ParamRole role, double def, double lo,
          double hi, const char* unit, const char* doc) {
  r.add(ParameterSpec{name, ParamType::kReal, role, def, lo, hi, {}, unit, doc});
}
void integer(sim::ParameterRegistry& r, const char* name, ParamRole role, std::int64_t def,
             double lo, double hi, const char* unit, const char* doc) {
  r.add(ParameterSpec{name, ParamType::kInteger, role, def, lo, hi, {}, unit, doc});
}
void boolean(sim::ParameterRegistry& r, const char* name, ParamRole role, bool def,
             const char* doc) {
  r.add(ParameterSpec{name, ParamType::kBoolean, role, def, -kInf, kInf, {}, "", doc});
}
void choice(sim::ParameterRegistry& r, const char* name, ParamRole role, const char* def,
            std::vector<std::string> choices, const char* doc) {
  r.add(ParameterSpec{name, ParamType::kChoice, role, std::string(def), -kInf, kInf,
                      std::move(choices), "", doc});
}
void day(sim::ParameterRegistry& r, const char* name, const char* def, const char* doc) {
  r.add(ParameterSpec{name, ParamType::kMonthDay, S, std::string(def), -kInf, kInf, {}, "", doc});
}

sim::ParameterRegistry build_registry() {
  sim::ParameterRegistry r;
  // Calendar (MODEL.md 2): the dates of the Convention's annual cycle.
  day(r, "calendar.donor_fiscal_year", "01-01",
      "donor fiscal year: envelope, allocations and national budgets drawn (2)");
  day(r, "calendar.pledging_conference", "03-12", "VTF pledging conference (2; 001 §8)");
  day(r, "calendar.extension_requests", "03-31",
      "deadline to submit Article 5 extension requests (2, 5.5)");
  day(r, "calendar.article7_reports", "04-30", "Article 7 transparency reports due (2; 001 §3)");
  day(r, "calendar.vtf_call_closes", "07-01", "VTF call for applications closes (2, 5.6.4)");
  day(r, "calendar.selection_committee", "09-15",
      "VTF Selection Committee decides grants (2; 000 §19)");
  day(r, "calendar.first_tranche", "10-01", "first tranche of new grants disbursed (2, 5.6.5)");
  day(r, "calendar.msp", "12-01", "Meeting of the States Parties: extensions decided (2; 001 §6)");

  // International funding (MODEL.md 5.1).
  real(r, "donors.envelope_trend", U, -0.02, -1, 1, "1/yr",
       "mu: yearly drift of the log international envelope (5.1; 000 §22, §26)");
  real(r, "donors.envelope_volatility", U, 0.10, 0, 2, "",
       "sigma_E: yearly volatility of the log envelope (5.1)");
  real(r, "donors.shock_probability", U, 0.05, 0, 1, "1/yr",
       "probability of a donor shock in a year (5.1)");
  real(r, "donors.shock_size", U, 0.30, 0, 0.99, "", "share of the envelope cut by a shock (5.1)");
  r.add(ParameterSpec{"donors.forced_shock_years",
                      ParamType::kIntegerList,
                      U,
                      std::vector<std::int64_t>{},
                      1900,
                      2200,
                      {},
                      "year",
                      "years with a certain shock, e.g. [2027] in the `shock` scenario (5.8)"});
  real(r, "donors.allocation_persistence", U, 0.7, 0, 1, "",
       "rho of the AR(1) noise of each State's share (5.1)");
  real(r, "donors.allocation_volatility", U, 0.25, 0, 2, "",
       "yearly innovation sd of the AR(1) share noise (5.1)");
  real(r, "donors.emergency_bias", U, 0.5, 0, 10, "",
       "extra weight of a State in a disrupted regime (5.1; 002 §55)");
  real(r, "donors.extension_fatigue", U, 0.0, 0, 1, "", "share lost per extension request (5.1)");
  real(r, "donors.retention", U, 0.5, 0, 1, "",
       "share of a completed State's support reallocated to others (5.1)");
  real(r, "donors.mine_action_share", U, 0.6, 0, 1, "",
       "kappa_intl: share of international support reaching AP-mine survey and clearance (5.1)");
  real(r, "donors.additionality", U, 0.8, 0, 1, "",
       "share of each fund dollar that is new money (5.6.1; 000 §10, §13)");
  real(r, "donors.crowd_in", U, 0.0, 0, 1, "",
       "rise of the envelope while a fund exists (5.6.1; 000 §12, §22)");

  // National funding (5.2).
  real(r, "national.mine_action_share", U, 0.8, 0, 1, "",
       "kappa_nat: share of national support reaching survey and clearance (5.1)");
  real(r, "national.volatility", U, 0.2, 0, 2, "", "sigma_N of the yearly national budget (5.2)");
  real(r, "national.priority_cut_probability", U, 0.05, 0, 1, "1/yr",
       "probability the national budget is cut in a year (5.2; 002 §58)");
  real(r, "national.priority_cut_factor", U, 0.5, 0, 1, "", "what remains of a cut budget (5.2)");

  // Operations (5.3).
  real(r, "operations.capacity_initial_factor", U, 1.25, 1, 10, "",
       "initial absorptive capacity / initial spending (5.3)");
  real(r, "operations.capacity_growth", U, 0.30, 0, 5, "1/yr",
       "largest yearly growth of capacity (5.3)");
  integer(r, "operations.mobilisation_lag_months", U, 3, 0, 23, "month",
          "months before a VTF-funded partner starts work (5.3)");
  real(r, "operations.survey_share_min", U, 0.1, 0, 1, "",
       "lower bound of the budget share for survey while SHA remains (5.3)");
  real(r, "operations.survey_share_max", U, 0.9, 0, 1, "",
       "upper bound of the budget share for survey (5.3)");
  real(r, "operations.cancel_fraction", U, 0.7, 0, 1, "",
       "share of surveyed land cancelled or reduced (5.3; 002 §43, §53)");
  real(r, "operations.productivity_volatility", U, 0.15, 0, 2, "",
       "sigma of monthly lognormal productivity, median 1 (5.3)");
  real(r, "operations.last_mile", U, 0.5, 0, 10, "",
       "rise of clearance cost as the remaining area shrinks (5.3; 002 §57)");
  real(r, "operations.survey_cost_ratio", U, 0.1, 0.001, 1, "",
       "survey cost per km2 / clearance cost per km2 (5.3)");
  real(r, "operations.cost_multiplier", U, 1.0, 0.05, 20, "",
       "multiplies every calibrated cost (5.3)");
  real(r, "operations.cost_min_usd_per_m2", S, 0.2, 0.001, 1000, "USD/m2",
       "lower clip of calibrated clearance cost (5.3)");
  real(r, "operations.cost_max_usd_per_m2", S, 20.0, 0.001, 1000, "USD/m2",
       "upper clip of calibrated clearance cost (5.3)");
  real(r, "operations.completion_threshold_m2", S, 100.0, 0, 1e6, "m2",
       "a State completes when less remains (5.7)");

  // Security regimes (5.3), by insecurity level.
  const double onset[3] = {0.002, 0.01, 0.03}, recovery[3] = {0.10, 0.05, 0.02},
               fraction[3] = {0.7, 0.5, 0.2};
  for (int level = 0; level < 3; ++level) {
    const auto name = [&](const char* leaf) {
      return fmt::format("security.level{}.{}", level, leaf);
    };
    r.add(ParameterSpec{
        name("onset"),
        ParamType::kReal,
        U,
        onset[level],
        0,
        1,
        {},
        "1/month",
        fmt::format(
            "monthly probability a normal regime becomes disrupted, insecurity level {} (5.3)",
            level)});
    r.add(ParameterSpec{
        name("recovery"),
        ParamType::kReal,
        U,
        recovery[level],
        0,
        1,
        {},
        "1/month",
        fmt::format("monthly probability a disrupted regime recovers, insecurity level {} (5.3)",
                    level)});
    r.add(ParameterSpec{
        name("capacity_fraction"),
        ParamType::kReal,
        U,
        fraction[level],
        0,
        1,
        {},
        "",
        fmt::format(
            "share of capacity that works while disrupted, insecurity level {} (5.3; 002 §60)",
            level)});
  }

  // Discovery (5.4).
  real(r, "discovery.rate_per_year", U, 0.3, 0, 100, "1/yr",
       "new-contamination events per active State per year (5.4; 002 §56)");
  real(r, "discovery.size_median_share", U, 0.02, 0, 1, "",
       "median size of a find / the State's initial area (5.4)");
  real(r, "discovery.size_log_sd", U, 1.0, 0, 5, "", "log-sd of the size of a find (5.4)");
  real(r, "discovery.residual_rate_per_year", U, 0.03, 0, 10, "1/yr",
       "residual finds per completed State per year (5.4; 002 §38)");
  integer(r, "discovery.reopened_deadline_years", S, 2, 1, 10, "yr",
          "deadline of a re-opened State, from the find (5.4)");

  // Initial area (3.1).
  boolean(r, "area.initial_uncertainty", U, true,
          "draw each State's initial area from its low/best/high bracket (3.1); false: use best");
  real(r, "area.log_scale_ratio", S, 10.0, 1, 1e9, "",
       "brackets with high/low above this are sampled on a log scale (3.1)");

  // Extensions (5.5).
  choice(r, "extensions.regime", U, "lenient", {"lenient", "strict"},
         "how the MSP decides extension requests (5.5)");
  real(r, "extensions.grant_probability", U, 0.98, 0, 1, "",
       "p_grant under the lenient regime (5.5; 002 §39)");
  real(r, "extensions.strict_grant_probability", U, 0.85, 0, 1, "",
       "p_grant under the strict regime (5.5)");
  integer(r, "extensions.strict_max_years", U, 5, 1, 10, "yr",
          "longest extension granted under the strict regime (5.5)");
  real(r, "extensions.request_margin_years", U, 1.0, 0, 10, "yr",
       "a State requests if projected completion is within this of its deadline (5.5)");
  real(r, "extensions.buffer", U, 0.2, 0, 5, "",
       "requested length = ceil(projected years x (1 + buffer)) (5.5)");
  integer(r, "extensions.max_request_years", S, 10, 1, 10, "yr",
          "longest request (Article 5.3) (5.5)");
  integer(r, "extensions.interim_years", U, 3, 1, 10, "yr",
          "length of an interim request to finish survey (5.5)");
  real(r, "extensions.disengaged_request_probability", U, 0.2, 0, 1, "1/yr",
       "yearly probability that a State in breach since before the start (Burkina Faso, Mali, "
       "Eritrea) requests (model assumption)");

  // Contributors to the fund (5.6.1).
  integer(r, "contributors.count", U, 8, 1, 64, "",
          "contributors at the start (5.6.1; 003, 004 Table 2)");
  real(r, "contributors.pareto_alpha", U, 1.1, 0.2, 10, "",
       "Pareto exponent of contributors' shares (1.1: top three give about 70%) (5.6.1)");
  real(r, "contributors.pledge_ratio", U, 1.0, 0, 10, "", "pledges / annual target (5.6.1)");
  real(r, "contributors.pay_in_year_probability", U, 0.8, 0, 1, "",
       "p_pay: a pledge is paid within its year (5.6.1)");
  real(r, "contributors.pay_late_probability", U, 0.1, 0, 1, "",
       "p_late: a pledge is paid the next year (5.6.1)");
  real(r, "contributors.exit_probability", U, 0.1, 0, 1, "1/yr",
       "p_exit: a contributor leaves in a year (5.6.1; 004 Table 2)");
  real(r, "contributors.replace_probability", U, 0.8, 0, 1, "",
       "p_replace: a leaver is replaced by a newcomer (5.6.1)");
  boolean(r, "contributors.idle_offset", U, true,
          "pledges fall by the balance above a year's grants, administration and reserve (5.6.1)");

  // States' behaviour towards the fund and partners (5.6.3-5.6.5).
  real(r, "applicants.article7_probability", U, 0.85, 0, 1, "",
       "a State submits its Article 7 report in a year (5.6.3; 000 §21)");
  real(r, "applicants.apply_probability", U, 0.8, 0, 1, "",
       "an eligible State applies (it needs a partner and a proposal) (5.6.4; 000 §20)");
  real(r, "partners.capacity_usd_per_year", U, 1.0e6, 0, 1e9, "USD/yr",
       "what an implementing partner can spend in a year (5.6.4; model assumption)");
  real(r, "partners.underperformance_probability", U, 0.15, 0, 1, "",
       "a project's productivity is cut (5.6.5)");
  real(r, "partners.underperformance_factor", U, 0.5, 0, 1, "",
       "productivity of an underperforming project (5.6.5)");

  // The fund (levers, 5.6).
  boolean(r, "vtf.enabled", L, true, "a fund exists (policy 0, no_fund, sets false)");
  real(r, "vtf.annual_usd", L, 5.0e6, 0, 1e10, "USD/yr", "the fund's annual target size (5.6.1)");
  integer(r, "vtf.start_year", L, 2027, 2026, 2100, "year",
          "first year of pledges (2: after the 23MSP decision)");
  real(r, "vtf.admin_fixed_usd", L, 300000, 0, 1e9, "USD/yr",
       "fixed administration: a programme officer at the ISU (5.6.2; 000 §19, §21)");
  real(r, "vtf.programme_support_rate", L, 0.07, 0, 1, "",
       "programme support cost / contributions received (5.6.2)");
  real(r, "vtf.reserve_share", L, 0.10, 0, 1, "",
       "working-capital reserve / annual target, filled before grants (5.6.2; 002 §119)");
  choice(r, "vtf.allocation", L, "score",
         {"score", "nearest_completion", "equal_share", "proportional_need", "lottery"},
         "how the Selection Committee allocates money among applicants (5.6.4)");
  real(r, "vtf.grant_cap_usd", L, 2.0e6, 0, 1e10, "USD", "largest grant (5.6.4)");
  real(r, "vtf.min_grant_usd", L, 100000, 0, 1e10, "USD",
       "smallest grant worth making (model assumption)");
  integer(r, "vtf.grant_months", L, 24, 1, 120, "month",
          "grant duration; no long-term costs (5.6.3; 000 §17)");
  integer(r, "vtf.monitoring_months", L, 12, 1, 120, "month",
          "months from the first tranche to the monitoring report (5.6.5)");
  real(r, "vtf.first_tranche_share", L, 0.5, 0, 1, "",
       "share of a grant in the first tranche (5.6.5)");
  real(r, "vtf.withhold_below", L, 0.5, 0, 1, "",
       "second tranche withheld if release is below this share of plan (5.6.5)");
  boolean(r, "vtf.eligibility.require_article7", L, true,
          "eligible only with that year's Article 7 report (5.6.3)");
  boolean(r, "vtf.eligibility.require_low_support", L, true,
          "eligible only with little international support (5.6.3; 000 §15)");
  real(r, "vtf.eligibility.support_threshold_usd", L, 2.0e6, 0, 1e10, "USD/yr",
       "trailing 3-year international support below which support is 'little' (5.6.3)");
  choice(r, "vtf.eligibility.ldc", L, "priority", {"required", "priority", "ignored"},
         "LDC status: required, a priority in the score, or ignored (5.6.3)");
  boolean(r, "vtf.eligibility.window_a", L, true,
          "window A: projected completion within window_a_years with the grant (5.6.3; 000 §15)");
  real(r, "vtf.eligibility.window_a_years", L, 5.0, 0.1, 50, "yr", "window A horizon (5.6.3)");
  boolean(r, "vtf.eligibility.window_b", L, true,
          "window B: acceleration for States with clear efforts (5.6.3; 000 §16)");
  real(r, "vtf.eligibility.window_b_share", L, 0.25, 0, 1, "",
       "largest share of a year's grants in window B (5.6.3)");
  real(r, "vtf.score.gap", L, 0.4, 0, 10, "", "score weight of the funding gap (5.6.4)");
  real(r, "vtf.score.ldc", L, 0.2, 0, 10, "", "score weight of LDC status (5.6.4)");
  real(r, "vtf.score.near", L, 0.3, 0, 10, "", "score weight of nearness to completion (5.6.4)");
  real(r, "vtf.score.efficiency", L, 0.1, 0, 10, "", "score weight of km2 per dollar (5.6.4)");

  // Each State's data, overridable per State as [states.<name or ISO3>].
  const auto& data = reference_states();
  std::vector<std::string> names, iso3;
  for (const auto& s : data) {
    names.push_back(s.name);
    iso3.push_back(s.iso3);
  }
  r.set_entities("states", names, iso3);
  const auto field = [&](const char* leaf, ParamType type, double lo, double hi, const char* unit,
                         const char* doc, auto get) {
    std::vector<sim::ParamValue> defaults;
    for (const auto& s : data)
      defaults.push_back(get(s));
    r.add_entity_field(ParameterSpec{leaf, type, U, defaults.front(), lo, hi, {}, unit, doc},
                       defaults);
  };
  using D = const StateData&;
  field("remaining_km2_low", ParamType::kReal, 0, 1e7, "km2", "low end of the remaining area (3.1)",
        [](D s) { return sim::ParamValue(s.area_low_km2); });
  field("remaining_km2_best", ParamType::kReal, 0, 1e7, "km2",
        "best estimate of the remaining area (3.1)",
        [](D s) { return sim::ParamValue(s.area_best_km2); });
  field("remaining_km2_high", ParamType::kReal, 0, 1e7, "km2",
        "high end of the remaining area (3.1)",
        [](D s) { return sim::ParamValue(s.area_high_km2); });
  field("confirmed_share", ParamType::kReal, 0, 1, "", "CHA share of the remaining area (3.1)",
        [](D s) { return sim::ParamValue(s.confirmed_share); });
  field("release_km2_per_year", ParamType::kReal, 0, 1e6, "km2/yr",
        "recent annual land release, the calibration target (5.3)",
        [](D s) { return sim::ParamValue(s.release_km2_per_year); });
  field("new_finds_km2_per_year", ParamType::kReal, 0, 1e6, "km2/yr",
        "expected new finds a year; 0: the default discovery rate (5.4)",
        [](D s) { return sim::ParamValue(s.new_finds_km2_per_year); });
  field("intl_support_usd", ParamType::kReal, 0, 1e11, "USD/yr",
        "recent international support (5.1)",
        [](D s) { return sim::ParamValue(s.intl_usd_per_year); });
  field("national_support_usd", ParamType::kReal, 0, 1e11, "USD/yr",
        "recent national support (5.2)",
        [](D s) { return sim::ParamValue(s.national_usd_per_year); });
  field("insecurity", ParamType::kInteger, 0, 2, "", "0 none, 1 partial, 2 severe (3.1, 5.3)",
        [](D s) { return sim::ParamValue(std::int64_t{s.insecurity}); });
  field("ldc", ParamType::kBoolean, -kInf, kInf, "",
        "on the UN list of Least Developed Countries (5.6.3)",
        [](D s) { return sim::ParamValue(s.ldc); });
  field("access", ParamType::kBoolean, -kInf, kInf, "",
        "the State can reach its mined areas (model addition, 3.1)",
        [](D s) { return sim::ParamValue(s.access); });
  return r;
}

sim::Date ymd(int y, unsigned m, unsigned d) { return sim::Date::from_ymd(y, m, d); }

}  // namespace

const sim::ParameterRegistry& model_registry() {
  static const sim::ParameterRegistry registry = build_registry();
  return registry;
}

sim::DesignContext design_context() {
  sim::DesignContext ctx;
  ctx.registry = &model_registry();
  ctx.baseline.name = "no_fund";
  ctx.baseline.values.set("vtf.enabled", false);
  ctx.baseline.values.set("vtf.annual_usd", 0.0);
  ctx.same_as_baseline = [](const sim::ParameterSet& p) {
    return !p.boolean("vtf.enabled") || p.real("vtf.annual_usd") == 0.0;
  };
  ctx.always_policy_columns = {"vtf.annual_usd"};
  ctx.default_start = ymd(2026, 1, 1);
  ctx.default_horizon = ymd(2045, 12, 31);
  ctx.default_seed = 20251201;
  return ctx;
}

namespace {

template <class E>
E pick(const std::string& text, std::initializer_list<std::pair<const char*, E>> options) {
  for (const auto& [name, value] : options) {
    if (text == name) return value;
  }
  throw std::logic_error("unvalidated choice " + text);
}

[[noreturn]] void invalid(const std::string& what) { throw sim::InputError(what); }

}  // namespace

ModelParams read_params(const sim::ParameterSet& v, const sim::Study& study) {
  ModelParams p;
  p.start = study.start;
  p.horizon = study.horizon;
  p.seed = study.seed;
  const auto md = [&](const char* n) { return sim::MonthDay::parse(v.text(n)); };
  auto& c = p.calendar;
  c.donor_fiscal_year = md("calendar.donor_fiscal_year");
  c.pledging_conference = md("calendar.pledging_conference");
  c.extension_requests = md("calendar.extension_requests");
  c.article7_reports = md("calendar.article7_reports");
  c.vtf_call_closes = md("calendar.vtf_call_closes");
  c.selection_committee = md("calendar.selection_committee");
  c.first_tranche = md("calendar.first_tranche");
  c.msp = md("calendar.msp");
  const sim::MonthDay order[] = {c.donor_fiscal_year, c.pledging_conference, c.vtf_call_closes,
                                 c.selection_committee, c.first_tranche};
  for (std::size_t i = 1; i < std::size(order); ++i) {
    if (!(order[i - 1] < order[i])) {
      invalid(
          "calendar: the donor fiscal year, pledging conference, VTF call, Selection Committee "
          "and first tranche must fall in that order within the year");
    }
  }
  if (!(c.extension_requests < c.msp))
    invalid("calendar: extension requests must be due before the MSP");

  auto& d = p.donors;
  d.envelope_trend = v.real("donors.envelope_trend");
  d.envelope_volatility = v.real("donors.envelope_volatility");
  d.shock_probability = v.real("donors.shock_probability");
  d.shock_size = v.real("donors.shock_size");
  d.forced_shock_years = v.integers("donors.forced_shock_years");
  d.allocation_persistence = v.real("donors.allocation_persistence");
  d.allocation_volatility = v.real("donors.allocation_volatility");
  d.emergency_bias = v.real("donors.emergency_bias");
  d.extension_fatigue = v.real("donors.extension_fatigue");
  d.retention = v.real("donors.retention");
  d.mine_action_share = v.real("donors.mine_action_share");
  d.additionality = v.real("donors.additionality");
  d.crowd_in = v.real("donors.crowd_in");

  auto& n = p.national;
  n.mine_action_share = v.real("national.mine_action_share");
  n.volatility = v.real("national.volatility");
  n.priority_cut_probability = v.real("national.priority_cut_probability");
  n.priority_cut_factor = v.real("national.priority_cut_factor");

  auto& o = p.operations;
  o.capacity_initial_factor = v.real("operations.capacity_initial_factor");
  o.capacity_growth = v.real("operations.capacity_growth");
  o.mobilisation_lag_months = static_cast<int>(v.integer("operations.mobilisation_lag_months"));
  o.survey_share_min = v.real("operations.survey_share_min");
  o.survey_share_max = v.real("operations.survey_share_max");
  o.cancel_fraction = v.real("operations.cancel_fraction");
  o.productivity_volatility = v.real("operations.productivity_volatility");
  o.last_mile = v.real("operations.last_mile");
  o.survey_cost_ratio = v.real("operations.survey_cost_ratio");
  o.cost_multiplier = v.real("operations.cost_multiplier");
  o.cost_min_usd_per_m2 = v.real("operations.cost_min_usd_per_m2");
  o.cost_max_usd_per_m2 = v.real("operations.cost_max_usd_per_m2");
  o.completion_threshold_m2 = v.real("operations.completion_threshold_m2");
  if (o.survey_share_min > o.survey_share_max)
    invalid("operations.survey_share_min must not exceed operations.survey_share_max");
  if (o.cost_min_usd_per_m2 >= o.cost_max_usd_per_m2)
    invalid("operations.cost_min_usd_per_m2 must be below operations.cost_max_usd_per_m2");

  for (int level = 0; level < 3; ++level) {
    const auto key = [&](const char* leaf) {
      return fmt::format("security.level{}.{}", level, leaf);
    };
    p.security.onset[static_cast<std::size_t>(level)] = v.real(key("onset"));
    p.security.recovery[static_cast<std::size_t>(level)] = v.real(key("recovery"));
    p.security.capacity_fraction[static_cast<std::size_t>(level)] =
        v.real(key("capacity_fraction"));
  }

  auto& dc = p.discovery;
  dc.rate_per_year = v.real("discovery.rate_per_year");
  dc.size_median_share = v.real("discovery.size_median_share");
  dc.size_log_sd = v.real("discovery.size_log_sd");
  dc.residual_rate_per_year = v.real("discovery.residual_rate_per_year");
  dc.reopened_deadline_years = static_cast<int>(v.integer("discovery.reopened_deadline_years"));

  p.area.initial_uncertainty = v.boolean("area.initial_uncertainty");
  p.area.log_scale_ratio = v.real("area.log_scale_ratio");

  auto& e = p.extensions;
  e.regime = pick<ExtensionRegime>(
      v.text("extensions.regime"),
      {{"lenient", ExtensionRegime::kLenient}, {"strict", ExtensionRegime::kStrict}});
  e.grant_probability = v.real("extensions.grant_probability");
  e.strict_grant_probability = v.real("extensions.strict_grant_probability");
  e.strict_max_years = static_cast<int>(v.integer("extensions.strict_max_years"));
  e.request_margin_years = v.real("extensions.request_margin_years");
  e.buffer = v.real("extensions.buffer");
  e.max_request_years = static_cast<int>(v.integer("extensions.max_request_years"));
  e.interim_years = static_cast<int>(v.integer("extensions.interim_years"));
  e.disengaged_request_probability = v.real("extensions.disengaged_request_probability");

  auto& k = p.contributors;
  k.count = static_cast<int>(v.integer("contributors.count"));
  k.pareto_alpha = v.real("contributors.pareto_alpha");
  k.pledge_ratio = v.real("contributors.pledge_ratio");
  k.pay_in_year_probability = v.real("contributors.pay_in_year_probability");
  k.pay_late_probability = v.real("contributors.pay_late_probability");
  k.exit_probability = v.real("contributors.exit_probability");
  k.replace_probability = v.real("contributors.replace_probability");
  k.idle_offset = v.boolean("contributors.idle_offset");
  if (k.pay_in_year_probability + k.pay_late_probability > 1.0 + 1e-12) {
    invalid(
        fmt::format("contributors.pay_in_year_probability + contributors.pay_late_probability = {} "
                    "exceeds 1: they are shares of the same pledges",
                    k.pay_in_year_probability + k.pay_late_probability));
  }

  p.applicants.article7_probability = v.real("applicants.article7_probability");
  p.applicants.apply_probability = v.real("applicants.apply_probability");
  p.partners.capacity_usd_per_year = v.real("partners.capacity_usd_per_year");
  p.partners.underperformance_probability = v.real("partners.underperformance_probability");
  p.partners.underperformance_factor = v.real("partners.underperformance_factor");

  auto& f = p.fund;
  f.enabled = v.boolean("vtf.enabled");
  f.annual_usd = v.real("vtf.annual_usd");
  f.start_year = static_cast<int>(v.integer("vtf.start_year"));
  f.admin_fixed_usd = v.real("vtf.admin_fixed_usd");
  f.programme_support_rate = v.real("vtf.programme_support_rate");
  f.reserve_share = v.real("vtf.reserve_share");
  f.allocation = pick<Allocation>(v.text("vtf.allocation"),
                                  {{"score", Allocation::kScore},
                                   {"nearest_completion", Allocation::kNearestCompletion},
                                   {"equal_share", Allocation::kEqualShare},
                                   {"proportional_need", Allocation::kProportionalNeed},
                                   {"lottery", Allocation::kLottery}});
  f.grant_cap_usd = v.real("vtf.grant_cap_usd");
  f.min_grant_usd = v.real("vtf.min_grant_usd");
  f.grant_months = static_cast<int>(v.integer("vtf.grant_months"));
  f.monitoring_months = static_cast<int>(v.integer("vtf.monitoring_months"));
  f.first_tranche_share = v.real("vtf.first_tranche_share");
  f.withhold_below = v.real("vtf.withhold_below");
  f.require_article7 = v.boolean("vtf.eligibility.require_article7");
  f.require_low_support = v.boolean("vtf.eligibility.require_low_support");
  f.support_threshold_usd = v.real("vtf.eligibility.support_threshold_usd");
  f.ldc = pick<LdcRule>(v.text("vtf.eligibility.ldc"), {{"required", LdcRule::kRequired},
                                                        {"priority", LdcRule::kPriority},
                                                        {"ignored", LdcRule::kIgnored}});
  f.window_a = v.boolean("vtf.eligibility.window_a");
  f.window_a_years = v.real("vtf.eligibility.window_a_years");
  f.window_b = v.boolean("vtf.eligibility.window_b");
  f.window_b_share = v.real("vtf.eligibility.window_b_share");
  f.score_gap = v.real("vtf.score.gap");
  f.score_ldc = v.real("vtf.score.ldc");
  f.score_near = v.real("vtf.score.near");
  f.score_efficiency = v.real("vtf.score.efficiency");
  if (f.monitoring_months >= f.grant_months)
    invalid("vtf.monitoring_months must be shorter than vtf.grant_months");
  if (o.mobilisation_lag_months >= f.grant_months)
    invalid("operations.mobilisation_lag_months must be shorter than vtf.grant_months");
  if (f.enabled && f.start_year > p.horizon.year())
    invalid(
        fmt::format("vtf.start_year {} is after the horizon {}", f.start_year, p.horizon.iso()));

  for (const auto& s : reference_states()) {
    const auto key = [&](const char* leaf) { return "states." + s.name + "." + leaf; };
    StateInputs in{};
    in.area_low_km2 = v.real(key("remaining_km2_low"));
    in.area_best_km2 = v.real(key("remaining_km2_best"));
    in.area_high_km2 = v.real(key("remaining_km2_high"));
    in.confirmed_share = v.real(key("confirmed_share"));
    in.release_km2_per_year = v.real(key("release_km2_per_year"));
    in.new_finds_km2_per_year = v.real(key("new_finds_km2_per_year"));
    in.intl_usd_per_year = v.real(key("intl_support_usd"));
    in.national_usd_per_year = v.real(key("national_support_usd"));
    in.insecurity = static_cast<int>(v.integer(key("insecurity")));
    in.ldc = v.boolean(key("ldc"));
    in.access = v.boolean(key("access"));
    if (!(in.area_low_km2 <= in.area_best_km2 && in.area_best_km2 <= in.area_high_km2)) {
      invalid(
          fmt::format("states.{}: remaining_km2_low ({}) <= remaining_km2_best ({}) <= "
                      "remaining_km2_high ({}) does not hold",
                      s.name, in.area_low_km2, in.area_best_km2, in.area_high_km2));
    }
    p.states.push_back(in);
  }
  return p;
}

}  // namespace vtf
