#include "views/comparison_table.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>

#include "questions/findings.hpp"
#include "questions/number_text.hpp"
#include "sim/engine/errors.hpp"
#include "sim/engine/text_similarity.hpp"
#include "views/text_format.hpp"

namespace vtf::views {
namespace {

using questions::money;
using questions::signed_number;

std::string cell(const sim::PairedSummary& x) {
  return fmt::format("{} [{}, {}]", signed_number(x.mean), signed_number(x.ci_low),
                     signed_number(x.ci_high));
}

std::string header_of(const std::string& outcome) {
  if (outcome == "completed_by_horizon") return "Δ completed by horizon";
  if (outcome.rfind("completed_by_", 0) == 0) return "Δ completed by " + outcome.substr(13);
  std::string h = "Δ " + outcome;
  for (auto& ch : h) {
    if (ch == '_') ch = ' ';
  }
  return h;
}

std::vector<std::size_t> outcome_indices(const sim::Comparison& c,
                                         const std::vector<std::string>& outcomes) {
  std::vector<std::size_t> ks;
  if (outcomes.empty()) {
    for (std::size_t k = 0; k < c.outcomes.size(); ++k)
      ks.push_back(k);
  }
  for (const auto& name : outcomes)
    ks.push_back(c.outcome_index(name));
  return ks;
}

double cost(const sim::Comparison& c, std::size_t s, std::size_t p) {
  return c.cost_per_effect.empty() ? NAN : c.cost_per_effect[s * c.policies.size() + p];
}

// Against a baseline that is itself a fund (compare --baseline), the extra money can be nothing
// or less than nothing.
std::string cost_text(double usd) {
  if (usd == 0) return "no extra cost";
  if (usd < 0) return "costs less";
  return money(usd);
}

bool against_no_fund(const sim::Comparison& c) {
  return c.policies.empty() || c.policies[0] == "no_fund";
}

}  // namespace

std::vector<std::size_t> pick(const std::vector<std::string>& names,
                              const std::vector<std::string>& wanted, const char* what,
                              std::size_t first) {
  std::vector<std::size_t> out;
  if (wanted.empty()) {
    for (std::size_t i = first; i < names.size(); ++i)
      out.push_back(i);
    return out;
  }
  for (const auto& w : wanted) {
    std::size_t found = names.size();
    for (std::size_t i = first; i < names.size(); ++i) {
      if (names[i] == w) found = i;
    }
    if (found == names.size()) {
      const std::vector<std::string> candidates(names.begin() + static_cast<std::ptrdiff_t>(first),
                                                names.end());
      const std::string near = sim::closest_name(w, candidates);
      throw sim::InputError(
          fmt::format("no {} named \"{}\" in this file{}", what, w,
                      near.empty() ? fmt::format("; it has: {}", fmt::join(candidates, ", "))
                                   : fmt::format("; did you mean \"{}\"?", near)));
    }
    out.push_back(found);
  }
  return out;
}

sim::Comparison select(const sim::Comparison& c, const std::vector<std::string>& scenarios,
                       const std::vector<std::string>& policies) {
  const auto ss = pick(c.scenarios, scenarios, "scenario");
  auto ps = pick(c.policies, policies, "fund policy", 1);
  ps.insert(ps.begin(), 0);
  sim::Comparison out = c;
  out.scenarios.clear();
  out.sampled.clear();
  out.policies.clear();
  out.cells.clear();
  out.cost_per_effect.clear();
  for (const auto s : ss) {
    out.scenarios.push_back(c.scenarios[s]);
    out.sampled.push_back(c.sampled.empty() ? false : c.sampled[s]);
  }
  for (const auto p : ps)
    out.policies.push_back(c.policies[p]);
  for (std::size_t k = 0; k < c.outcomes.size(); ++k) {
    for (const auto s : ss) {
      for (const auto p : ps)
        out.cells.push_back(c.at(k, s, p));
    }
  }
  for (const auto s : ss) {
    for (const auto p : ps)
      out.cost_per_effect.push_back(cost(c, s, p));
  }
  return out;
}

void print_sampled_ranges(std::FILE* out, const sim::Comparison& c,
                          const std::vector<std::size_t>& ks) {
  std::vector<std::size_t> sampled;
  for (std::size_t s = 0; s < c.scenarios.size(); ++s) {
    if (c.sampled[s]) sampled.push_back(s);
  }
  if (sampled.empty()) return;
  std::vector<std::vector<std::string>> rows(1, {"policy"});
  for (const auto k : ks)
    rows[0].push_back(header_of(c.outcomes[k]));
  rows[0].push_back("CI excludes 0");
  for (std::size_t p = 1; p < c.policies.size(); ++p) {
    std::vector<std::string> row = {c.policies[p]};
    std::size_t sure = 0;
    for (const auto k : ks) {
      std::vector<double> means;
      for (const auto s : sampled) {
        means.push_back(c.at(k, s, p).mean);
        if (k == ks.front()) {
          const auto& x = c.at(k, s, p);
          sure += (x.ci_low > 0 || x.ci_high < 0) ? 1 : 0;
        }
      }
      std::sort(means.begin(), means.end());
      row.push_back(fmt::format("{} .. {} .. {}", signed_number(means.front()),
                                signed_number(means[means.size() / 2]),
                                signed_number(means.back())));
    }
    row.push_back(fmt::format("{}/{}", sure, sampled.size()));
    rows.push_back(std::move(row));
  }
  fmt::print(out,
             "\nAcross the {} sampled scenarios (Latin hypercube; lowest .. median .. highest mean "
             "difference;\nfor one of them: vtfsim compare FILE --scenario NAME)\n{}",
             sampled.size(), render_table(rows));
  fmt::print(out, "CI excludes 0: sampled scenarios where the 95% CI of Δ {} excludes zero.\n",
             c.outcomes[ks.front()]);
}

void print_table(std::FILE* out, const sim::Comparison& c,
                 const std::vector<std::string>& outcomes) {
  const auto ks = outcome_indices(c, outcomes);
  fmt::print(out,
             "\n{}: mean paired difference [95% CI] over {} replications (common "
             "random numbers)\n",
             against_no_fund(c) ? "Fund vs no fund" : "Policy vs " + c.policies[0], c.replications);
  // Sampled scenarios are many and alike: they are summarised as ranges after the named ones.
  const bool condense = std::count(c.sampled.begin(), c.sampled.end(), true) > 1 &&
                        std::count(c.sampled.begin(), c.sampled.end(), false) > 0;
  for (std::size_t s = 0; s < c.scenarios.size(); ++s) {
    if (condense && c.sampled[s]) continue;
    std::vector<std::vector<std::string>> rows(1, {"policy"});
    for (const auto k : ks)
      rows[0].push_back(header_of(c.outcomes[k]));
    rows[0].push_back("cost per extra completion");
    for (std::size_t p = 1; p < c.policies.size(); ++p) {
      std::vector<std::string> row = {c.policies[p]};
      for (const auto k : ks)
        row.push_back(cell(c.at(k, s, p)));
      row.push_back(cost_text(cost(c, s, p)));
      rows.push_back(std::move(row));
    }
    fmt::print(out, "\nScenario {}\n{}", c.scenarios[s], render_table(rows));
    if (rows.size() == 1) fmt::print(out, "(no fund policy in this study)\n");
  }
  if (condense && !ks.empty()) print_sampled_ranges(out, c, ks);
  if (against_no_fund(c)) {
    fmt::print(out,
               "\nCompletions count States whose Article 5 work is complete at 31 December of that "
               "year; fewer\nextension requests are better. Cost: contributions received per "
               "extra completion.\n");
    return;
  }
  fmt::print(out,
             "\nCompletions count States whose Article 5 work is complete at 31 December of that "
             "year; fewer\nextension requests are better. Each difference is the policy's minus "
             "{}'s in the\nsame futures. Cost: the extra contributions received per extra "
             "completion by the horizon.\n",
             c.policies[0]);
}

void print_csv(std::FILE* out, const sim::Comparison& c, const std::vector<std::string>& outcomes) {
  const auto ks = outcome_indices(c, outcomes);
  fmt::print(out,
             "scenario,policy,outcome,mean_difference,stderr,ci95_low,ci95_high,p_better,p_worse,"
             "replications\n");
  for (std::size_t s = 0; s < c.scenarios.size(); ++s) {
    for (std::size_t p = 1; p < c.policies.size(); ++p) {
      for (const auto k : ks) {
        const auto& x = c.at(k, s, p);
        fmt::print(out, "{},{},{},{},{},{},{},{},{},{}\n", csv_field(c.scenarios[s]),
                   csv_field(c.policies[p]), c.outcomes[k], csv_number(x.mean),
                   csv_number(x.std_error), csv_number(x.ci_low), csv_number(x.ci_high),
                   csv_number(x.p_better), csv_number(x.p_worse), c.replications);
      }
      if (!c.cost_per_effect.empty()) {
        fmt::print(out, "{},{},{},{},,,,,,{}\n", csv_field(c.scenarios[s]),
                   csv_field(c.policies[p]), c.cost_per_effect_name, csv_number(cost(c, s, p)),
                   c.replications);
      }
    }
  }
}

void print_json(std::FILE* out, const sim::Comparison& c,
                const std::vector<std::string>& outcomes) {
  const auto ks = outcome_indices(c, outcomes);
  fmt::print(out, "{{\n  \"replications\": {},\n  \"baseline\": {},\n  \"rows\": [", c.replications,
             json_string(c.policies.empty() ? "" : c.policies[0]));
  bool first = true;
  for (std::size_t s = 0; s < c.scenarios.size(); ++s) {
    for (std::size_t p = 1; p < c.policies.size(); ++p) {
      fmt::print(out, "{}\n    {{\"scenario\": {}, \"policy\": {}, \"{}\": {}, \"outcomes\": {{",
                 first ? "" : ",", json_string(c.scenarios[s]), json_string(c.policies[p]),
                 c.cost_per_effect_name, json_number(cost(c, s, p)));
      first = false;
      for (std::size_t j = 0; j < ks.size(); ++j) {
        const auto& x = c.at(ks[j], s, p);
        fmt::print(out,
                   "{}\n      {}: {{\"mean\": {}, \"stderr\": {}, \"ci_low\": {}, \"ci_high\": {}, "
                   "\"p_better\": {}, "
                   "\"p_worse\": {}}}",
                   j == 0 ? "" : ",", json_string(c.outcomes[ks[j]]), json_number(x.mean),
                   json_number(x.std_error), json_number(x.ci_low), json_number(x.ci_high),
                   json_number(x.p_better), json_number(x.p_worse));
      }
      fmt::print(out, "}}}}");
    }
  }
  fmt::print(out, "\n  ]\n}}\n");
}

void print_plain_summary(std::FILE* out, const std::string& path, const sim::Comparison& c) {
  const auto stored = questions::read_findings(sim::h5::File::open_read(path).root());
  const auto words = stored ? stored : questions::compute_findings(path, c);
  if (!words || words->statements().empty()) return;
  fmt::print(out, "\n{}\n{}", words->heading, wrap_lines(words->statements(), 100));
  if (!stored) {
    fmt::print(out, "{}",
               wrap_lines(fmt::format("  ({} has no /findings: it was written by an older "
                                      "vtfsim, so the plain words above were recomputed from its "
                                      "results; run or merge it again to store them in it.)\n",
                                      path),
                          100));
  }
}

void print_comparison(std::FILE* out, const sim::Comparison& c, const std::string& format,
                      const std::vector<std::string>& outcomes) {
  if (format == "csv") {
    print_csv(out, c, outcomes);
  } else if (format == "json") {
    print_json(out, c, outcomes);
  } else {
    print_table(out, c, outcomes.empty() ? kTableOutcomes : outcomes);
  }
}

}  // namespace vtf::views
