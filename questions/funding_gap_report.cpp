#include "questions/funding_gap_report.hpp"

#include <fmt/format.h>

#include <cmath>

#include "models/vtf_model.hpp"
#include "questions/number_text.hpp"
#include "sim/engine/errors.hpp"

namespace vtf::questions {
namespace {

constexpr std::size_t kBest = kBestEstimate;

// The index of `name` among the study's scenarios or policies; InputError naming the choices.
template <class Named>
std::size_t index_of(const std::vector<Named>& all, const std::string& name, const char* what,
                     const std::string& source) {
  std::string names;
  for (std::size_t k = 0; k < all.size(); ++k) {
    if (all[k].name == name) return k;
    names += (k ? ", " : "") + all[k].name;
  }
  throw sim::InputError(
      fmt::format("gap: no {} \"{}\" in {}; its {}s: {}", what, name, source, what, names));
}

std::string usd(double x) { return x == 0 ? "$0" : money(x); }
std::string km2_text(double x) {
  return x < 1000 ? fmt::format("{:.3g}", x) : fmt::format("{:.0f}", x);
}

// best [low, high], or the best value alone where the data give no range.
template <class F>
std::string bracket(const StateGap& g, const std::array<double, kAreaEstimates>& v, F text) {
  if (!g.bracketed) return text(v[kBest]) + " (no range)";
  return fmt::format("{} [{}, {}]", text(v[kBest]), text(v[0]), text(v[2]));
}

std::string years_text(double y) {
  if (std::isnan(y)) return "never";
  if (y == 0) return "0";
  if (y > 100) return ">100";
  return y < 10 ? fmt::format("{:.1f}", y) : fmt::format("{:.0f}", y);
}

std::string eligibility_text(const StateGap& g, const FundParams& f) {
  std::vector<std::string> no;
  if (!g.outstanding) no.push_back("completed");
  if (!g.access) no.push_back("no access");
  if (!g.meets_support)
    no.push_back(
        fmt::format("support {} >= {}", usd(g.intl_usd_per_year), usd(f.support_threshold_usd)));
  if (!g.meets_ldc) no.push_back("not an LDC");
  if (!g.meets_income) no.push_back("high income");
  if (no.empty()) return "yes";
  std::string out = "no: " + no.front();
  for (std::size_t k = 1; k < no.size(); ++k)
    out += ", " + no[k];
  return out;
}

std::string totals_text(const GapTotals& t) {
  const auto range = [](const std::array<double, kAreaEstimates>& v) {
    return fmt::format("{} [{}, {}]", usd(v[kBest]), usd(v[0]), usd(v[2]));
  };
  return fmt::format(
      "cost to complete {}; usable money {} a year; expected before the deadlines {}; funding "
      "gap {}",
      range(t.cost_usd), usd(t.usable_usd_per_year), usd(t.expected_usd), range(t.gap_usd));
}

}  // namespace

GapReport funding_gap_report(const sim::Study& study, const std::string& scenario,
                             const std::string& policy) {
  const auto& d = study.design;
  const std::size_t s =
      scenario.empty() ? 0 : index_of(d.scenarios, scenario, "scenario", study.source_path);
  std::size_t p = policy.empty() ? 0 : index_of(d.policies, policy, "policy", study.source_path);
  const VtfModel model(study);
  if (policy.empty()) {
    std::vector<const FundParams*> eligibility;
    for (std::size_t k = 0; k < model.policy_count(); ++k)
      eligibility.push_back(&model.params(s, k).fund);
    p = default_rules_policy(eligibility);
  }
  GapReport r{d.scenarios[s].name,
              d.policies[p].name,
              funding_gap_at_start(model.scenario(s), model.data(), model.params(s, p)),
              model.data(),
              {},
              {}};
  for (std::size_t i = 0; i < r.data.size(); ++i) {
    r.status.push_back(model.scenario(s).calibration[i].status);
    if (model.scenario(s).params.states[i].new_finds_km2_per_year > 0)
      r.new_finds.push_back(r.data[i].name);
  }
  return r;
}

std::string gap_heading(const GapReport& r) {
  const FundParams& f = r.gap.rules;
  const char* ldc = f.ldc == LdcRule::kRequired   ? "LDCs only"
                    : f.ldc == LdcRule::kPriority ? "LDC priority (a score, not a rule)"
                                                  : "LDC status ignored";
  return fmt::format(
      "Funding gap at the start ({}), scenario \"{}\": each State's cost to complete its "
      "remaining area against the money it can spend before its Article 5 deadline at current "
      "national and international levels.\nEligibility under the rules of policy \"{}\": {}, {}, "
      "{}, and a report under Article 7 that year{}.\n",
      r.gap.start.iso(), r.scenario, r.policy,
      f.require_low_support ? "international support below " + usd(f.support_threshold_usd) + "/yr"
                            : "any international support",
      ldc, f.exclude_high_income ? "high-income States excluded" : "high income allowed",
      f.require_article7 ? fmt::format(" (p = {:.2g} a year)", r.gap.article7_probability)
                         : " (not required)");
}

std::vector<std::vector<std::string>> gap_rows(const GapReport& r) {
  std::vector<std::vector<std::string>> t = {{"State", "Data", "Area km2", "Cost to complete",
                                              "Usable/yr", "Deadline", "Expected", "Gap",
                                              "Years to complete", "Fund eligibility"}};
  for (std::size_t i = 0; i < r.gap.states.size(); ++i) {
    const StateGap& g = r.gap.states[i];
    const CalibrationStatus s = r.status[i];
    t.push_back({r.data[i].name,
                 s == CalibrationStatus::kCalibrated ? r.data[i].quality
                                                     : r.data[i].quality + ", " + status_name(s),
                 bracket(g, g.area_km2, km2_text), usd(g.cost_usd[kBest]),
                 usd(g.usable_usd_per_year), g.deadline.iso() + (g.in_breach ? " (in breach)" : ""),
                 usd(g.expected_usd), bracket(g, g.gap_usd, usd),
                 years_text(g.years_to_complete[kBest]), eligibility_text(g, r.gap.rules)});
  }
  return t;
}

std::string gap_totals(const GapReport& r) {
  return fmt::format("All {} States: {}.\nThe {} States that meet the eligibility rules: {}.\n",
                     r.gap.all.states, totals_text(r.gap.all), r.gap.eligible.states,
                     totals_text(r.gap.eligible));
}

std::string gap_notes(const GapReport& r) {
  std::string finds;
  for (const auto& name : r.new_finds)
    finds += (finds.empty() ? "" : ", ") + name;
  return fmt::format(
      "Area, gap and totals: best estimate [low, high] of the data's remaining area; a total at "
      "low (high) puts every State at its low (high) estimate at once, a bound rather than a "
      "confidence interval.\n"
      "Cost to complete: what the model's own operations spend to complete the area (survey of "
      "suspected area, clearance of confirmed area and of what survey confirms, the last-mile "
      "effect; MODEL.md 5.3) at the State's calibrated cost. New contamination found later "
      "(5.4) is not in it{}. Data: quality A/B/C, and how the cost was set where it is not "
      "calibrated to the State's own release and money (vtfsim info --states).\n"
      "Usable/yr: international and national support at their current level, the shares that "
      "reach survey and clearance, capped by what the State can absorb in its security regime "
      "at the start. Expected: usable money until the deadline in force at the start (a request "
      "pending at the 22MSP, or due before the first MSP, taken as granted). Years to complete: "
      "at the usable money.\n"
      "A State without access can neither clear nor receive grants: money cannot close its "
      "gap. Per year in the baseline: /funding_gap in a results file (docs/results-format.md).\n",
      finds.empty() ? "" : "; the data record new finds every year for " + finds);
}

std::vector<std::string> gap_column_names() {
  std::vector<std::string> names = {"iso3", "state",       "quality", "calibration_status",
                                    "ldc",  "income_group"};
  for (const char* what : {"area_km2", "cost_to_complete_usd", "gap_usd", "years_to_complete"}) {
    for (const char* e : kAreaEstimateNames)
      names.push_back(fmt::format("{}_{}", what, e));
  }
  for (const char* n :
       {"money_usd_per_year", "usable_usd_per_year", "deadline", "years_to_deadline", "in_breach",
        "expected_usd", "international_support_usd_per_year", "obligation_outstanding",
        "has_access", "meets_support_rule", "meets_ldc_rule", "meets_income_rule", "eligible"})
    names.push_back(n);
  return names;
}

std::vector<Cell> gap_cells(const GapReport& r, std::size_t i) {
  const StateGap& g = r.gap.states[i];
  const StateData& d = r.data[i];
  const auto text = [](std::string s) { return Cell{Cell::Kind::kText, std::move(s), 0}; };
  const auto number = [](double x) { return Cell{Cell::Kind::kNumber, {}, x}; };
  const auto flag = [](bool x) { return Cell{Cell::Kind::kFlag, {}, x ? 1.0 : 0.0}; };
  std::vector<Cell> c = {text(d.iso3),    text(d.name),
                         text(d.quality), text(status_name(r.status[i])),
                         flag(g.ldc),     text(d.income_group)};
  for (const auto* v : {&g.area_km2, &g.cost_usd, &g.gap_usd, &g.years_to_complete}) {
    for (const double x : *v)
      c.push_back(number(x));
  }
  for (const Cell& x :
       {number(g.money_usd_per_year), number(g.usable_usd_per_year), text(g.deadline.iso()),
        number(g.years_to_deadline), flag(g.in_breach), number(g.expected_usd),
        number(g.intl_usd_per_year), flag(g.outstanding), flag(g.access), flag(g.meets_support),
        flag(g.meets_ldc), flag(g.meets_income), flag(g.eligible)})
    c.push_back(x);
  return c;
}

}  // namespace vtf::questions
