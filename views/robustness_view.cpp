#include "views/robustness_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "questions/robustness_tables.hpp"
#include "views/text_format.hpp"

namespace vtf::views {
namespace {

void print(std::FILE* out, const questions::RobustnessTable& t) {
  fmt::print(out, "\n{}\n{}{}", t.heading, render_table(t.rows),
             t.note.empty() ? "" : t.note + "\n");
}

}  // namespace

void print_robustness_table(std::FILE* out, const sim::Robustness& r,
                            const std::vector<bool>& sampled) {
  for (std::size_t j = 0; j < r.outcomes.size(); ++j) {
    print(out, questions::policy_table(r, j));
    print(out, questions::best_table(r, j, sampled));
  }
  for (const auto& x : r.satisficing)
    print(out, questions::satisficing_table(r, x));
  if (!r.satisficing.empty()) {
    fmt::print(out,
               "Futures: every scenario x replication, each scenario weighing the same; a "
               "scenario's mean\nmeets the target when the average over its replications does.\n");
  }
  fmt::print(out,
             "\nRegret: how far a policy's mean falls short of the best policy's in a scenario "
             "(0 where it is\nbest), with the standard error of that paired difference; every "
             "scenario weighs the same.\nBest in: scenarios where its mean is the best (tied "
             "policies count each). Clearly best: the\n95% CI of the margin over the runner-up "
             "excludes 0.{}\n",
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

}  // namespace vtf::views
