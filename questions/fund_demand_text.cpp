#include "questions/fund_demand_text.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "questions/number_text.hpp"

namespace vtf::questions {
namespace {

std::vector<DemandRecord> quantities(const DemandRow& r) {
  const auto mean = [&](const char* name, const char* unit, double v) {
    return DemandRecord{r.scenario, r.policy, name, unit, v, NAN};
  };
  const auto share = [&](const char* name, const Ratio& x) {
    return DemandRecord{r.scenario, r.policy, name, "1", x.value, x.half_width};
  };
  return {mean("calls", "calls", r.calls),
          mean("eligible_state_years", "State-years", r.eligible),
          mean("applications", "applications", r.applications),
          mean("grants_made", "grants", r.grants_made),
          mean("requested_usd", "USD", r.requested_usd),
          mean("granted_usd", "USD", r.granted_usd),
          mean("refused_usd", "USD", r.refused_usd),
          mean("received_usd", "USD", r.received_usd),
          mean("admin_usd", "USD", r.admin_usd),
          mean("idle_at_horizon_usd", "USD", r.idle_usd),
          mean("spent_by_states_usd", "USD", r.spent_usd),
          mean("intl_crowded_out_usd", "USD", r.crowded_out_usd),
          mean("money_means_relative_half_width", "1", r.money_relative_half_width),
          share("requested_per_granted", r.oversubscription),
          share("refused_share_of_requested", r.refused_share),
          share("calls_short_of_money_share", r.short_calls),
          share("admin_share_of_received", r.admin_share),
          share("idle_share_of_received", r.idle_share),
          share("spent_share_of_received", r.spent_share),
          share("crowded_out_share_of_received", r.crowded_out_share),
          mean("gain_completed_by_horizon", "States", r.gain),
          mean("gain_ci_low", "States", r.gain_low),
          mean("gain_ci_high", "States", r.gain_high),
          mean("cost_per_extra_completion_received_usd", "USD", r.cost_received),
          mean("cost_per_extra_completion_received_low_usd", "USD", r.cost_received_low),
          mean("cost_per_extra_completion_received_high_usd", "USD", r.cost_received_high),
          mean("cost_per_extra_completion_spent_usd", "USD", r.cost_spent),
          mean("cost_per_extra_completion_spent_low_usd", "USD", r.cost_spent_low),
          mean("cost_per_extra_completion_spent_high_usd", "USD", r.cost_spent_high),
          mean("crowded_out_per_extra_completion_usd", "USD", r.crowded_out_per_completion)};
}

std::string size_text(const Demand& d, std::size_t p) {
  return std::isfinite(d.annual_usd[p]) ? fmt::format("${:g}M a year", d.annual_usd[p] / 1e6)
                                        : d.policies[p];
}

std::string step_text(const Demand& d, const IdleStep& st) {
  return fmt::format("{} of the extra ${:.1f}M received {} {}", ratio_text(st.unused_share, true),
                     st.extra_received_usd / 1e6,
                     st.from ? "from " + size_text(d, *st.from) : "without a fund",
                     "to " + size_text(d, st.to));
}

std::string signed_money(double usd) {
  return usd < 0 ? fmt::format("-{}", money(-usd)) : money(usd);
}

// "$21.0M ($18.2M-$24.9M)": a cost per extra completion over its gain's 95% CI.
std::string cost_text(double v, double low, double high) {
  if (std::isnan(v)) return "no gain";
  return fmt::format("{} ({}-{})", money(v), money(low),
                     std::isnan(high) ? std::string("unbounded") : money(high));
}

bool shown(const Demand& d, std::size_t s, bool all_scenarios) {
  return all_scenarios || d.sampled.empty() || !d.sampled[s];
}

std::vector<std::string> cells(const Demand& d, const DemandRow& r) {
  const double calls = r.calls > 0 ? r.calls : NAN;
  return {d.policies[r.policy],
          fmt::format("{:.1f}", r.eligible / calls),
          fmt::format("{:.1f}", r.applications / calls),
          fmt::format("{:.1f}", r.grants_made / calls),
          ratio_text(r.oversubscription, false),
          ratio_text(r.short_calls, true),
          money(r.refused_usd),
          money(r.received_usd),
          ratio_text(r.admin_share, true),
          ratio_text(r.idle_share, true),
          ratio_text(r.spent_share, true),
          cost_text(r.cost_received, r.cost_received_low, r.cost_received_high),
          cost_text(r.cost_spent, r.cost_spent_low, r.cost_spent_high),
          signed_money(r.crowded_out_usd)};
}

}  // namespace

std::string ratio_text(const Ratio& r, bool percent) {
  if (std::isnan(r.value)) return "n/a";
  const double scale = percent ? 100.0 : 1.0;
  const double v = r.value * scale, h = r.half_width * scale;
  // As many decimals as the half-width's first significant digit needs (2 significant digits
  // when it is unknown or 0), at most 3.
  int decimals = 0;
  if (h > 0 && std::isfinite(h)) {
    decimals = std::clamp(static_cast<int>(-std::floor(std::log10(h))), 0, 3);
  } else if (std::fabs(v) > 0) {
    decimals = std::clamp(1 - static_cast<int>(std::floor(std::log10(std::fabs(v)))), 0, 3);
  }
  const char* unit = percent ? "%" : "";
  if (!(h > 0 && std::isfinite(h))) return fmt::format("{:.{}f}{}", v, decimals, unit);
  return fmt::format("{:.{}f}{} ±{:.{}f}", v, decimals, unit, h, decimals);
}

std::string idle_text(const Demand& d, const IdleThreshold& t) {
  const std::string family = t.family.empty() ? "" : fmt::format(" (with {})", t.family);
  if (t.steps.empty()) return "";
  if (!t.first_mostly_idle) {
    const auto& last = t.steps.back();
    return fmt::format(
        "Extra money does not mostly sit idle or pay administration at any size run{}: at most "
        "half of each step's extra receipts did (idle in {}; last step: {}).",
        family, d.horizon, step_text(d, last));
  }
  const auto& st = t.steps[*t.first_mostly_idle];
  const bool borderline =
      std::fabs(st.unused_share.value - kMostlyIdle) <= st.unused_share.half_width;
  const std::string where =
      st.from
          ? fmt::format("Above {}{}, extra money mostly sits idle or pays administration",
                        size_text(d, *st.from), family)
          : fmt::format("Even the smallest fund's money{} mostly sits idle or pays administration",
                        family);
  return fmt::format("{}: {} sat idle in {} or paid administration{}.", where, step_text(d, st),
                     d.horizon,
                     borderline ? " (within sampling error of half: more replications would "
                                  "decide)"
                                : "");
}

std::vector<DemandTable> demand_tables(const Demand& d, bool all_scenarios) {
  std::vector<DemandTable> tables;
  for (std::size_t s = 0; s < d.scenarios.size(); ++s) {
    if (!shown(d, s, all_scenarios)) continue;
    DemandTable t;
    t.heading = fmt::format("Scenario {} (means per future over the run, {} replications)",
                            d.scenarios[s], d.replications);
    t.rows = {{"policy", "eligible/call", "applied/call", "grants/call", "asked/granted",
               "calls short", "refused", "received", "admin", fmt::format("idle {}", d.horizon),
               "spent by States", "per extra completion: received", "spent", "aid crowded out"}};
    for (const auto& r : d.rows) {
      if (r.scenario == s) t.rows.push_back(cells(d, r));
    }
    for (const auto& th : d.thresholds) {
      if (th.scenario == s && !th.steps.empty()) t.sentences.push_back(idle_text(d, th));
    }
    if (t.rows.size() > 1) tables.push_back(std::move(t));
  }
  return tables;
}

std::string demand_notes(const Demand& d, bool all_scenarios) {
  double precision = 0;
  for (const auto& r : d.rows) {
    if (shown(d, r.scenario, all_scenarios))
      precision = std::max(precision, r.money_relative_half_width);
  }
  return fmt::format(
      "Per call: means per yearly call. asked/granted: money asked for / money granted; calls "
      "short: share of calls that refused money for lack of it; refused: asked for and not "
      "granted because the money ran out. admin, idle (the balance at the end of {}) and spent by "
      "States: shares of the money received. Per extra completion: mean money received, or spent "
      "by States, / mean extra States completed by {} (range: over the gain's 95% CI). Aid "
      "crowded out: bilateral support the States lost to the fund, net of crowd-in. ± is a 95% "
      "interval; money means are within ±{:.1f}% (95%).",
      d.horizon, d.horizon, 100 * precision);
}

std::vector<DemandRecord> demand_records(const Demand& d) {
  std::vector<DemandRecord> out;
  for (const auto& r : d.rows) {
    const auto q = quantities(r);
    out.insert(out.end(), q.begin(), q.end());
  }
  for (const auto& t : d.thresholds) {
    for (const auto& st : t.steps) {
      out.push_back(DemandRecord{t.scenario, st.to, "extra_money_idle_or_admin_share", "1",
                                 st.unused_share.value, st.unused_share.half_width});
    }
  }
  return out;
}

}  // namespace vtf::questions
