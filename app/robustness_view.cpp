#include "app/robustness_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "app/text_format.hpp"
#include "questions/number_text.hpp"

namespace vtf::app {
namespace {

using questions::money;
using questions::signed_number;

std::string number(double x) { return std::isnan(x) ? "n/a" : fmt::format("{:.2f}", x); }
std::string percent(double x) { return std::isnan(x) ? "n/a" : fmt::format("{:.0f}%", 100 * x); }
const char* direction(sim::Better b) {
  return b == sim::Better::kHigher ? "higher is better" : "lower is better";
}

double cost_over_scenarios(const sim::Robustness& r, std::size_t p) {
  double sum = 0;
  for (std::size_t s = 0; s < r.scenarios.size(); ++s)
    sum += r.at(r.cost_mean, s, p);
  return sum / static_cast<double>(r.scenarios.size());
}

void print_policies(std::FILE* out, const sim::Robustness& r, std::size_t j) {
  const sim::OutcomeRobustness& o = r.outcomes[j];
  const std::size_t S = r.scenarios.size();
  std::vector<std::vector<std::string>> rows = {{"policy", "mean: lowest .. median .. highest",
                                                 "max regret (se) in scenario", "mean regret",
                                                 "best in"}};
  if (!r.cost_outcome.empty()) rows[0].push_back("fund money received (mean total)");
  for (std::size_t p = 0; p < r.policies.size(); ++p) {
    std::vector<double> means;
    std::size_t worst = S;
    for (std::size_t s = 0; s < S; ++s) {
      if (!std::isnan(r.at(o.mean, s, p))) means.push_back(r.at(o.mean, s, p));
      if (r.at(o.regret, s, p) == o.max_regret[p] && worst == S) worst = s;
    }
    std::sort(means.begin(), means.end());
    std::vector<std::string> row = {r.policies[p]};
    row.push_back(means.empty()
                      ? "n/a"
                      : fmt::format("{} .. {} .. {}", number(means.front()),
                                    number(means[means.size() / 2]), number(means.back())));
    row.push_back(worst == S ? "n/a"
                  : o.max_regret[p] == 0
                      ? "0 (best everywhere)"
                      : fmt::format("{} ({}) in {}", number(o.max_regret[p]),
                                    number(r.at(o.regret_stderr, worst, p)), r.scenarios[worst]));
    row.push_back(number(o.mean_regret[p]));
    row.push_back(
        fmt::format("{} of {}", std::lround(o.share_best[p] * static_cast<double>(S)), S));
    if (!r.cost_outcome.empty()) row.push_back(money(cost_over_scenarios(r, p)));
    rows.push_back(std::move(row));
  }
  fmt::print(out, "\n{} ({}; {}) across {} scenarios, {} replications each\n{}", r.outcome_names[j],
             r.units[j], direction(r.better[j]), S, r.replications, render_table(rows));
}

void print_best(std::FILE* out, const sim::Robustness& r, std::size_t j,
                const std::vector<bool>& sampled) {
  const sim::OutcomeRobustness& o = r.outcomes[j];
  const std::size_t S = r.scenarios.size(), P = r.policies.size();
  const bool condense = std::count(sampled.begin(), sampled.end(), true) > 1 &&
                        std::count(sampled.begin(), sampled.end(), false) > 0;
  std::vector<std::vector<std::string>> rows = {
      {"scenario", "best", "runner-up", "margin (se)", "clearly best"}};
  std::vector<std::size_t> sampled_best(P, 0);
  std::size_t sampled_clear = 0, sampled_n = 0;
  for (std::size_t s = 0; s < S; ++s) {
    const std::size_t b = o.best[s], u = o.runner_up[s];
    if (condense && sampled[s]) {
      ++sampled_n;
      if (b < P) ++sampled_best[b];
      sampled_clear += o.clearly_best[s];
      continue;
    }
    if (b == P) {
      rows.push_back({r.scenarios[s], "n/a", "", "", ""});
      continue;
    }
    rows.push_back({r.scenarios[s], r.policies[b], u < P ? r.policies[u] : "",
                    u < P ? fmt::format("{} ({})", signed_number(r.at(o.regret, s, u)),
                                        number(r.at(o.regret_stderr, s, u)))
                          : "",
                    o.clearly_best[s] ? "yes" : "no: within noise"});
  }
  fmt::print(out, "\nBest policy in each {}scenario by {}\n{}", condense ? "named " : "",
             r.outcome_names[j], render_table(rows));
  if (sampled_n == 0) return;
  std::string text;
  for (std::size_t p = 0; p < P; ++p) {
    if (sampled_best[p] > 0)
      text += fmt::format("{}{} in {}", text.empty() ? "" : ", ", r.policies[p], sampled_best[p]);
  }
  fmt::print(out, "In the {} sampled scenarios the best is {} (clearly best in {} of {}).\n",
             sampled_n, text, sampled_clear, sampled_n);
}

void print_satisficing(std::FILE* out, const sim::Robustness& r) {
  const std::size_t S = r.scenarios.size();
  for (const auto& x : r.satisficing) {
    std::vector<std::vector<std::string>> rows = {
        {"policy", "scenarios whose mean meets it", "futures meeting it"}};
    for (std::size_t p = 0; p < r.policies.size(); ++p) {
      rows.push_back(
          {r.policies[p],
           fmt::format("{} of {} ({})", std::lround(x.share_scenarios[p] * static_cast<double>(S)),
                       S, percent(x.share_scenarios[p])),
           percent(x.share_futures[p])});
    }
    fmt::print(out, "\nTarget {}{}\n{}", x.target.text(),
               x.target.on_gain
                   ? fmt::format(" (the gain over {} in the same future)", r.policies[r.baseline])
                   : " (on the outcome itself)",
               render_table(rows));
  }
  if (!r.satisficing.empty()) {
    fmt::print(out,
               "Futures: every scenario x replication, each scenario weighing the same; a "
               "scenario's mean\nmeets the target when the average over its replications does.\n");
  }
}

}  // namespace

void print_robustness_table(std::FILE* out, const sim::Robustness& r,
                            const std::vector<bool>& sampled) {
  for (std::size_t j = 0; j < r.outcomes.size(); ++j) {
    print_policies(out, r, j);
    print_best(out, r, j, sampled);
  }
  print_satisficing(out, r);
  fmt::print(out,
             "\nRegret: how far a policy's mean falls short of the best policy's in a scenario "
             "(0 where it is\nbest), with the standard error of that paired difference; every "
             "scenario weighs the same.\nClearly best: the 95% CI of the margin over the "
             "runner-up excludes 0.{}\n",
             r.cost_outcome.empty()
                 ? ""
                 : fmt::format(" Money: mean {} over the scenarios.", r.cost_outcome));
}

void print_robustness_csv(std::FILE* out, const sim::Robustness& r) {
  fmt::print(out, "measure,outcome,scenario,policy,value\n");
  const auto row = [&](const char* measure, const std::string& outcome, const std::string& s,
                       const std::string& p, const std::string& value) {
    fmt::print(out, "{},{},{},{},{}\n", measure, csv_field(outcome), csv_field(s), csv_field(p),
               value);
  };
  const std::size_t S = r.scenarios.size(), P = r.policies.size();
  for (std::size_t j = 0; j < r.outcomes.size(); ++j) {
    const auto& o = r.outcomes[j];
    const std::string& name = r.outcome_names[j];
    for (std::size_t s = 0; s < S; ++s) {
      for (std::size_t p = 0; p < P; ++p) {
        row("mean", name, r.scenarios[s], r.policies[p], csv_number(r.at(o.mean, s, p)));
        row("regret", name, r.scenarios[s], r.policies[p], csv_number(r.at(o.regret, s, p)));
        row("regret_stderr", name, r.scenarios[s], r.policies[p],
            csv_number(r.at(o.regret_stderr, s, p)));
      }
      row("best", name, r.scenarios[s], o.best[s] < P ? r.policies[o.best[s]] : "",
          o.clearly_best[s] ? "clearly" : "within_noise");
    }
    for (std::size_t p = 0; p < P; ++p) {
      row("max_regret", name, "", r.policies[p], csv_number(o.max_regret[p]));
      row("mean_regret", name, "", r.policies[p], csv_number(o.mean_regret[p]));
      row("share_best", name, "", r.policies[p], csv_number(o.share_best[p]));
    }
  }
  for (const auto& x : r.satisficing) {
    for (std::size_t p = 0; p < P; ++p) {
      for (std::size_t s = 0; s < S; ++s)
        row("met", x.target.text(), r.scenarios[s], r.policies[p],
            fmt::format("{}", x.met[s * P + p]));
      row("share_scenarios", x.target.text(), "", r.policies[p], csv_number(x.share_scenarios[p]));
      row("share_futures", x.target.text(), "", r.policies[p], csv_number(x.share_futures[p]));
    }
  }
  for (std::size_t s = 0; s < S && !r.cost_outcome.empty(); ++s) {
    for (std::size_t p = 0; p < P; ++p)
      row("mean", r.cost_outcome, r.scenarios[s], r.policies[p],
          csv_number(r.at(r.cost_mean, s, p)));
  }
}

void print_robustness_json(std::FILE* out, const sim::Robustness& r) {
  const std::size_t P = r.policies.size();
  fmt::print(out, "{{\n  \"replications\": {},\n  \"baseline\": {},\n  \"outcomes\": [",
             r.replications, json_string(r.policies[r.baseline]));
  for (std::size_t j = 0; j < r.outcomes.size(); ++j) {
    const auto& o = r.outcomes[j];
    fmt::print(out, "{}\n    {{\"outcome\": {}, \"policies\": [", j ? "," : "",
               json_string(r.outcome_names[j]));
    for (std::size_t p = 0; p < P; ++p) {
      fmt::print(out,
                 "{}\n      {{\"policy\": {}, \"max_regret\": {}, \"mean_regret\": {}, "
                 "\"share_best\": {}}}",
                 p ? "," : "", json_string(r.policies[p]), json_number(o.max_regret[p]),
                 json_number(o.mean_regret[p]), json_number(o.share_best[p]));
    }
    fmt::print(out, "],\n     \"best\": [");
    for (std::size_t s = 0; s < r.scenarios.size(); ++s) {
      fmt::print(out, "{}{{\"scenario\": {}, \"policy\": {}, \"clearly\": {}}}", s ? ", " : "",
                 json_string(r.scenarios[s]),
                 json_string(o.best[s] < P ? r.policies[o.best[s]] : ""),
                 o.clearly_best[s] ? "true" : "false");
    }
    fmt::print(out, "]}}");
  }
  fmt::print(out, "\n  ],\n  \"satisficing\": [");
  for (std::size_t t = 0; t < r.satisficing.size(); ++t) {
    const auto& x = r.satisficing[t];
    fmt::print(out, "{}\n    {{\"target\": {}, \"policies\": [", t ? "," : "",
               json_string(x.target.text()));
    for (std::size_t p = 0; p < P; ++p) {
      fmt::print(out, "{}{{\"policy\": {}, \"share_scenarios\": {}, \"share_futures\": {}}}",
                 p ? ", " : "", json_string(r.policies[p]), json_number(x.share_scenarios[p]),
                 json_number(x.share_futures[p]));
    }
    fmt::print(out, "]}}");
  }
  fmt::print(out, "\n  ]\n}}\n");
}

}  // namespace vtf::app
