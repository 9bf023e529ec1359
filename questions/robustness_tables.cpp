#include "questions/robustness_tables.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "questions/number_text.hpp"

namespace vtf::questions {
namespace {

std::string number(double x) { return std::isnan(x) ? "n/a" : fmt::format("{:.2f}", x); }
const char* direction(sim::Better b) {
  return b == sim::Better::kHigher ? "higher is better" : "lower is better";
}

double cost_over_scenarios(const sim::Robustness& r, std::size_t p) {
  double sum = 0;
  for (std::size_t s = 0; s < r.scenarios.size(); ++s)
    sum += r.at(r.cost_mean, s, p);
  return sum / static_cast<double>(r.scenarios.size());
}

}  // namespace

RobustnessTable policy_table(const sim::Robustness& r, std::size_t j) {
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
  return {fmt::format("{} ({}; {}) across {} scenarios, {} replications each", r.outcome_names[j],
                      r.units[j], direction(r.better[j]), S, r.replications),
          std::move(rows), ""};
}

RobustnessTable best_table(const sim::Robustness& r, std::size_t j,
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
  RobustnessTable t{fmt::format("Best policy in each {}scenario by {}", condense ? "named " : "",
                                r.outcome_names[j]),
                    std::move(rows), ""};
  if (sampled_n == 0) return t;
  std::string text;
  for (std::size_t p = 0; p < P; ++p) {
    if (sampled_best[p] > 0)
      text += fmt::format("{}{} in {}", text.empty() ? "" : ", ", r.policies[p], sampled_best[p]);
  }
  t.note = fmt::format("In the {} sampled scenarios the best is {} (clearly best in {} of {}).",
                       sampled_n, text, sampled_clear, sampled_n);
  return t;
}

RobustnessTable satisficing_table(const sim::Robustness& r, const sim::Satisficing& x) {
  const std::size_t S = r.scenarios.size();
  std::vector<std::vector<std::string>> rows = {
      {"policy", "scenarios whose mean meets it", "futures meeting it"}};
  for (std::size_t p = 0; p < r.policies.size(); ++p) {
    rows.push_back(
        {r.policies[p],
         fmt::format("{} of {} ({})", std::lround(x.share_scenarios[p] * static_cast<double>(S)), S,
                     percent(x.share_scenarios[p])),
         percent(x.share_futures[p])});
  }
  return {fmt::format("Target {}{}", x.target.text(),
                      x.target.on_gain ? fmt::format(" (the gain over {} in the same future)",
                                                     r.policies[r.baseline])
                                       : " (on the outcome itself)"),
          std::move(rows), ""};
}

}  // namespace vtf::questions
