#include "views/decision_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "questions/number_text.hpp"
#include "views/text_format.hpp"

namespace vtf::views {
namespace {

using questions::money;
using questions::percent;
using questions::signed_number;
using questions::whole_range;

std::vector<std::size_t> shown(const questions::DecisionTable& d,
                               const std::vector<std::size_t>& scenarios, bool table) {
  if (!scenarios.empty()) return scenarios;
  if (table) {
    const auto it = std::find(d.scenarios.begin(), d.scenarios.end(), d.scenario);
    return {static_cast<std::size_t>(it - d.scenarios.begin())};
  }
  std::vector<std::size_t> all(d.scenarios.size());
  std::iota(all.begin(), all.end(), std::size_t{0});
  return all;
}

void print_table(std::FILE* out, const questions::DecisionTable& d,
                 const std::vector<std::size_t>& ss) {
  const std::size_t chosen = d.label_of(d.policy);
  fmt::print(out, "Chosen fund: {}, {}.\n", chosen < d.labels.size() ? d.labels[chosen] : d.policy,
             d.policy_reason);
  for (const auto s : ss) {
    for (std::size_t y = 0; y < d.years.size(); ++y) {
      fmt::print(out, "\nStates complete at the end of {}, fund minus no fund (scenario {}):\n",
                 d.years[y], d.scenarios[s]);
      std::vector<std::vector<std::string>> rows{{"Fund", "Mean [95% CI]", "10-90% of futures",
                                                  "Chance of 1 or more", "Received", "Idle"}};
      for (std::size_t o = 0; o < d.options.size(); ++o) {
        const auto i = d.at(s, o, y);
        rows.push_back({d.labels[o] + (o == chosen ? " *" : ""),
                        fmt::format("{} [{}, {}]", signed_number(d.mean[i]),
                                    signed_number(d.ci_low[i]), signed_number(d.ci_high[i])),
                        whole_range(d.p10[i], d.p90[i]), percent(d.share_at_least_one[i]),
                        money(d.received_usd[d.at(s, o)]), money(d.idle_usd[d.at(s, o)])});
      }
      fmt::print(out, "{}", render_table(rows));
    }
  }
  fmt::print(out, "\n{}\n",
             wrap_lines("* the chosen fund. Mean and 95% CI: of the mean paired difference over "
                        "the same futures; 10-90%: the range of that difference in 8 futures out "
                        "of 10; received, idle: mean totals over the run (idle: the balance left "
                        "at the horizon).",
                        100));
  if (d.recomputed) fmt::print(out, "(computed again: the file has no /findings/decision)\n");
}

}  // namespace

void print_decision(std::FILE* out, const questions::DecisionTable& d, const std::string& format,
                    const std::vector<std::size_t>& scenarios) {
  const auto ss = shown(d, scenarios, format == "table");
  if (format == "table") return print_table(out, d, ss);
  const bool csv = format == "csv";
  if (csv) {
    fmt::print(out,
               "scenario,policy,label,family,size_usd_per_year,year,mean,ci_low,ci_high,p10,p50,"
               "p90,share_at_least_one,share_none,received_usd,spent_usd,admin_usd,idle_usd,"
               "unused_share,chosen\n");
  } else {
    fmt::print(out,
               "{{\"scenario\": {}, \"policy\": {}, \"policy_reason\": {}, \"x_axis\": {}, "
               "\"records\": [",
               json_string(d.scenario), json_string(d.policy), json_string(d.policy_reason),
               json_string(d.x_axis));
  }
  bool first = true;
  for (const auto s : ss) {
    for (std::size_t o = 0; o < d.options.size(); ++o) {
      for (std::size_t y = 0; y < d.years.size(); ++y) {
        const auto i = d.at(s, o, y), j = d.at(s, o);
        const std::vector<double> xs{d.mean[i],
                                     d.ci_low[i],
                                     d.ci_high[i],
                                     d.p10[i],
                                     d.p50[i],
                                     d.p90[i],
                                     d.share_at_least_one[i],
                                     d.share_none[i],
                                     d.received_usd[j],
                                     d.spent_usd[j],
                                     d.admin_usd[j],
                                     d.idle_usd[j],
                                     d.unused_share[j]};
        if (csv) {
          fmt::print(out, "{},{},{},{},{},{}", csv_field(d.scenarios[s]), csv_field(d.options[o]),
                     csv_field(d.labels[o]), csv_field(d.families[o]),
                     csv_number(d.size_usd_per_year[o]), d.years[y]);
          for (const double x : xs)
            fmt::print(out, ",{}", csv_number(x));
          fmt::print(out, ",{}\n", d.options[o] == d.policy ? 1 : 0);
          continue;
        }
        static constexpr const char* kNames[] = {"mean",
                                                 "ci_low",
                                                 "ci_high",
                                                 "p10",
                                                 "p50",
                                                 "p90",
                                                 "share_at_least_one",
                                                 "share_none",
                                                 "received_usd",
                                                 "spent_usd",
                                                 "admin_usd",
                                                 "idle_usd",
                                                 "unused_share"};
        fmt::print(out,
                   "{}\n  {{\"scenario\": {}, \"policy\": {}, \"label\": {}, \"family\": {}, "
                   "\"size_usd_per_year\": {}, \"year\": {}",
                   first ? "" : ",", json_string(d.scenarios[s]), json_string(d.options[o]),
                   json_string(d.labels[o]), json_string(d.families[o]),
                   json_number(d.size_usd_per_year[o]), d.years[y]);
        for (std::size_t k = 0; k < xs.size(); ++k)
          fmt::print(out, ", \"{}\": {}", kNames[k], json_number(xs[k]));
        fmt::print(out, "}}");
        first = false;
      }
    }
  }
  if (!csv) fmt::print(out, "\n]}}\n");
}

}  // namespace vtf::views
