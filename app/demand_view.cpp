#include "app/demand_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "app/text_format.hpp"
#include "questions/number_text.hpp"

namespace vtf::app {
namespace {

using questions::money;
using questions::ratio_text;

std::string signed_money(double usd) {
  return usd < 0 ? fmt::format("-{}", money(-usd)) : money(usd);
}

// "$21.0M ($18.2M-$24.9M)": a cost per extra completion over its gain's 95% CI.
std::string cost_text(double v, double low, double high) {
  if (std::isnan(v)) return "no gain";
  return fmt::format("{} ({}-{})", money(v), money(low),
                     std::isnan(high) ? std::string("unbounded") : money(high));
}

void print_table(std::FILE* out, const questions::Demand& d, bool all_scenarios) {
  double precision = 0;
  for (std::size_t s = 0; s < d.scenarios.size(); ++s) {
    if (!all_scenarios && !d.sampled.empty() && d.sampled[s]) continue;
    std::vector<std::vector<std::string>> t = {
        {"policy", "eligible/call", "applied/call", "grants/call", "asked/granted", "calls short",
         "refused", "received", "admin", fmt::format("idle {}", d.horizon), "spent by States",
         "per extra completion: received", "spent", "aid crowded out"}};
    for (const auto& r : d.rows) {
      if (r.scenario != s) continue;
      precision = std::max(precision, r.money_relative_half_width);
      const double calls = r.calls > 0 ? r.calls : NAN;
      t.push_back({d.policies[r.policy], fmt::format("{:.1f}", r.eligible / calls),
                   fmt::format("{:.1f}", r.applications / calls),
                   fmt::format("{:.1f}", r.grants_made / calls),
                   ratio_text(r.oversubscription, false), ratio_text(r.short_calls, true),
                   money(r.refused_usd), money(r.received_usd), ratio_text(r.admin_share, true),
                   ratio_text(r.idle_share, true), ratio_text(r.spent_share, true),
                   cost_text(r.cost_received, r.cost_received_low, r.cost_received_high),
                   cost_text(r.cost_spent, r.cost_spent_low, r.cost_spent_high),
                   signed_money(r.crowded_out_usd)});
    }
    if (t.size() == 1) continue;
    fmt::print(out, "\nScenario {} (means per future over the run, {} replications)\n{}",
               d.scenarios[s], d.replications, render_table(t));
    for (const auto& th : d.thresholds) {
      if (th.scenario == s) fmt::print(out, "{}\n", wrap_lines(questions::idle_text(d, th), 100));
    }
  }
  fmt::print(out, "\n{}\n", wrap_lines(questions::demand_notes(d, precision), 100));
}

void print_csv(std::FILE* out, const questions::Demand& d) {
  fmt::print(out, "scenario,policy,annual_usd,quantity,value,ci_half_width,units,replications\n");
  for (const auto& r : d.rows) {
    for (const auto& q : questions::quantities(r)) {
      fmt::print(out, "{},{},{},{},{},{},{},{}\n", csv_field(d.scenarios[r.scenario]),
                 csv_field(d.policies[r.policy]), csv_number(r.annual_usd), q.name,
                 csv_number(q.value), csv_number(q.half_width), q.unit, d.replications);
    }
  }
  // Each step of a family of sizes, on the row of the larger size (idle_text says the rule).
  for (const auto& t : d.thresholds) {
    for (const auto& st : t.steps) {
      fmt::print(out, "{},{},{},extra_money_idle_or_admin_share,{},{},1,{}\n",
                 csv_field(d.scenarios[t.scenario]), csv_field(d.policies[st.to]),
                 csv_number(d.annual_usd[st.to]), csv_number(st.unused_share.value),
                 csv_number(st.unused_share.half_width), d.replications);
    }
  }
}

void print_json(std::FILE* out, const questions::Demand& d) {
  fmt::print(out, "{{\"replications\": {}, \"rows\": [", d.replications);
  for (std::size_t i = 0; i < d.rows.size(); ++i) {
    const auto& r = d.rows[i];
    fmt::print(out, "{}\n  {{\"scenario\": {}, \"policy\": {}, \"annual_usd\": {}", i ? "," : "",
               json_string(d.scenarios[r.scenario]), json_string(d.policies[r.policy]),
               json_number(r.annual_usd));
    for (const auto& q : questions::quantities(r)) {
      fmt::print(out, ", {}: {}", json_string(q.name), json_number(q.value));
      if (!std::isnan(q.half_width))
        fmt::print(out, ", {}: {}", json_string(q.name + "_ci_half_width"),
                   json_number(q.half_width));
    }
    fmt::print(out, "}}");
  }
  fmt::print(out, "\n], \"idle_thresholds\": [");
  for (std::size_t i = 0; i < d.thresholds.size(); ++i) {
    const auto& t = d.thresholds[i];
    const auto* above = t.first_mostly_idle ? &t.steps[*t.first_mostly_idle] : nullptr;
    fmt::print(out,
               "{}\n  {{\"scenario\": {}, \"family\": {}, \"mostly_idle_above\": {}, "
               "\"text\": {}}}",
               i ? "," : "", json_string(d.scenarios[t.scenario]), json_string(t.family),
               !above        ? "null"
               : above->from ? json_string(d.policies[*above->from])
                             : json_string("no_fund"),
               json_string(questions::idle_text(d, t)));
  }
  fmt::print(out, "\n]}}\n");
}

}  // namespace

void print_demand(std::FILE* out, const questions::Demand& d, const std::string& format,
                  bool all_scenarios) {
  if (format == "csv") {
    print_csv(out, d);
  } else if (format == "json") {
    print_json(out, d);
  } else {
    print_table(out, d, all_scenarios);
  }
}

}  // namespace vtf::app
