#include "app/comparison_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace vtf::app {
namespace {

std::string signed_number(double x) {
  if (std::isnan(x)) return "n/a";
  const double a = std::fabs(x);
  const int decimals = a >= 100 ? 0 : (a >= 10 ? 1 : 2);
  return fmt::format("{:+.{}f}", x, decimals);
}

std::string money(double usd) {
  if (std::isnan(usd)) return "no gain";
  if (usd >= 1e9) return fmt::format("${:.2f}B", usd / 1e9);
  if (usd >= 1e6) return fmt::format("${:.1f}M", usd / 1e6);
  return fmt::format("${:.0f}k", usd / 1e3);
}

std::string cell(const sim::PairedSummary& x) {
  return fmt::format("{} [{}, {}]", signed_number(x.mean), signed_number(x.ci_low),
                     signed_number(x.ci_high));
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s)
    out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char ch : s) {
    switch (ch) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(ch) < 0x20) {
          out += fmt::format("\\u{:04x}", ch);
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

std::string json_number(double x) { return std::isfinite(x) ? fmt::format("{}", x) : "null"; }
std::string csv_number(double x) { return std::isfinite(x) ? fmt::format("{}", x) : ""; }

}  // namespace

void print_table(std::FILE* out, const sim::Comparison& c) {
  const std::vector<std::string> headers = {
      "policy",        "Δ completed by 2030",      "Δ completed by horizon", "Δ extension requests",
      "Δ left behind", "cost per extra completion"};
  std::vector<std::size_t> ks;
  for (const char* name : kTableOutcomes)
    ks.push_back(c.outcome_index(name));
  fmt::print(out,
             "\nFund vs no fund: mean paired difference [95% CI] over {} replications (common "
             "random numbers)\n",
             c.replications);
  for (std::size_t s = 0; s < c.scenarios.size(); ++s) {
    std::vector<std::vector<std::string>> rows = {headers};
    for (std::size_t p = 1; p < c.policies.size(); ++p) {
      std::vector<std::string> row = {c.policies[p]};
      for (const auto k : ks)
        row.push_back(cell(c.at(k, s, p)));
      row.push_back(
          c.cost_per_effect.empty() ? "n/a" : money(c.cost_per_effect[s * c.policies.size() + p]));
      rows.push_back(std::move(row));
    }
    std::vector<std::size_t> width(headers.size(), 0);
    const auto display = [](const std::string& t) {
      // Count code points, not bytes ("Δ" is two bytes).
      return static_cast<std::size_t>(
          std::count_if(t.begin(), t.end(), [](char ch) { return (ch & 0xC0) != 0x80; }));
    };
    for (const auto& row : rows) {
      for (std::size_t j = 0; j < row.size(); ++j)
        width[j] = std::max(width[j], display(row[j]));
    }
    fmt::print(out, "\nScenario {}\n", c.scenarios[s]);
    for (std::size_t r = 0; r < rows.size(); ++r) {
      std::string line;
      for (std::size_t j = 0; j < rows[r].size(); ++j) {
        const std::string pad(width[j] - display(rows[r][j]), ' ');
        line += j == 0 ? rows[r][j] + pad : "  " + pad + rows[r][j];
      }
      fmt::print(out, "{}\n", line);
    }
    if (rows.size() == 1) fmt::print(out, "(no fund policy in this study)\n");
  }
  fmt::print(
      out,
      "\nCompletions count States whose Article 5 work is complete; fewer extension requests and\n"
      "fewer States left behind are better. Cost: contributions received per extra completion.\n");
}

void print_csv(std::FILE* out, const sim::Comparison& c) {
  fmt::print(out,
             "scenario,policy,outcome,mean_difference,stderr,ci95_low,ci95_high,p_better,p_worse,"
             "replications\n");
  for (std::size_t s = 0; s < c.scenarios.size(); ++s) {
    for (std::size_t p = 1; p < c.policies.size(); ++p) {
      for (std::size_t k = 0; k < c.outcomes.size(); ++k) {
        const auto& x = c.at(k, s, p);
        fmt::print(out, "{},{},{},{},{},{},{},{},{},{}\n", csv_field(c.scenarios[s]),
                   csv_field(c.policies[p]), c.outcomes[k], csv_number(x.mean),
                   csv_number(x.std_error), csv_number(x.ci_low), csv_number(x.ci_high),
                   csv_number(x.p_better), csv_number(x.p_worse), c.replications);
      }
      if (!c.cost_per_effect.empty()) {
        fmt::print(out, "{},{},{},{},,,,,,{}\n", csv_field(c.scenarios[s]),
                   csv_field(c.policies[p]), c.cost_per_effect_name,
                   csv_number(c.cost_per_effect[s * c.policies.size() + p]), c.replications);
      }
    }
  }
}

void print_json(std::FILE* out, const sim::Comparison& c) {
  fmt::print(out, "{{\n  \"replications\": {},\n  \"baseline\": {},\n  \"rows\": [", c.replications,
             json_string(c.policies.empty() ? "" : c.policies[0]));
  bool first = true;
  for (std::size_t s = 0; s < c.scenarios.size(); ++s) {
    for (std::size_t p = 1; p < c.policies.size(); ++p) {
      fmt::print(
          out, "{}\n    {{\"scenario\": {}, \"policy\": {}, \"{}\": {}, \"outcomes\": {{",
          first ? "" : ",", json_string(c.scenarios[s]), json_string(c.policies[p]),
          c.cost_per_effect_name,
          json_number(c.cost_per_effect.empty() ? NAN
                                                : c.cost_per_effect[s * c.policies.size() + p]));
      first = false;
      for (std::size_t k = 0; k < c.outcomes.size(); ++k) {
        const auto& x = c.at(k, s, p);
        fmt::print(out,
                   "{}\n      {}: {{\"mean\": {}, \"stderr\": {}, \"ci_low\": {}, \"ci_high\": {}, "
                   "\"p_better\": {}, \"p_worse\": {}}}",
                   k == 0 ? "" : ",", json_string(c.outcomes[k]), json_number(x.mean),
                   json_number(x.std_error), json_number(x.ci_low), json_number(x.ci_high),
                   json_number(x.p_better), json_number(x.p_worse));
      }
      fmt::print(out, "}}}}");
    }
  }
  fmt::print(out, "\n  ]\n}}\n");
}

}  // namespace vtf::app
