#include "views/sensitivity_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "views/text_format.hpp"

namespace vtf::views {
namespace {

std::string coefficient(double x) {
  if (std::isnan(x)) return "-";
  return fmt::format("{:+.2f}", std::fabs(x) < 0.005 ? 0.0 : x);  // no "-0.00"
}

// Factors by the largest |SRRC| over the chosen policies, so the drivers come first.
std::vector<std::size_t> by_influence(const sim::Sensitivity& s, std::size_t k,
                                      const std::vector<std::size_t>& policies) {
  std::vector<double> weight(s.factors.size(), 0.0);
  for (std::size_t j = 0; j < s.factors.size(); ++j) {
    for (const auto p : policies) {
      const double x = s.at(k, p, j);
      if (!std::isnan(x)) weight[j] = std::max(weight[j], std::fabs(x));
    }
  }
  std::vector<std::size_t> order(s.factors.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return weight[a] > weight[b]; });
  return order;
}

}  // namespace

void print_sensitivity_table(std::FILE* out, const sim::Sensitivity& s,
                             const std::vector<std::size_t>& outcomes,
                             const std::vector<std::size_t>& policies) {
  fmt::print(out,
             "\nWhat drives the fund's effect: standardized rank regression coefficients (SRRC) "
             "across {} sampled scenarios\n",
             s.scenarios);
  for (const auto k : outcomes) {
    std::vector<std::vector<std::string>> rows(1, {"uncertainty"});
    for (const auto p : policies)
      rows[0].push_back(s.policies[p]);
    for (const auto j : by_influence(s, k, policies)) {
      std::vector<std::string> row = {s.factors[j]};
      for (const auto p : policies)
        row.push_back(coefficient(s.at(k, p, j)));
      rows.push_back(std::move(row));
    }
    std::vector<std::string> fit = {"R² of the rank regression"};
    for (const auto p : policies) {
      const double r2 = s.fit(k, p);
      fit.push_back(std::isnan(r2) ? "-" : fmt::format("{:.2f}", r2));
    }
    rows.push_back(std::move(fit));
    fmt::print(out, "\nΔ {} (policy - no fund)\n{}", s.outcomes[k], render_table(rows));
  }
  fmt::print(
      out,
      "\nSRRC: change in the effect's rank, in standard deviations, per standard deviation of "
      "the\nuncertainty's rank, the others held fixed; the sign says which way. Read them "
      "with care when\nR² is below about 0.7 (effects that are not monotone or that "
      "interact). '-': no effect\nacross scenarios or too few scenarios.{}\n",
      s.ranking_of_values.empty() ? "" : " Values ranked as " + s.ranking_of_values + ".");
}

void print_sensitivity_csv(std::FILE* out, const sim::Sensitivity& s,
                           const std::vector<std::size_t>& outcomes,
                           const std::vector<std::size_t>& policies) {
  fmt::print(out, "outcome,policy,uncertainty,srrc,r_squared,sampled_scenarios\n");
  for (const auto k : outcomes) {
    for (const auto p : policies) {
      for (std::size_t j = 0; j < s.factors.size(); ++j) {
        fmt::print(out, "{},{},{},{},{},{}\n", s.outcomes[k], csv_field(s.policies[p]),
                   s.factors[j], csv_number(s.at(k, p, j)), csv_number(s.fit(k, p)), s.scenarios);
      }
    }
  }
}

void print_sensitivity_json(std::FILE* out, const sim::Sensitivity& s,
                            const std::vector<std::size_t>& outcomes,
                            const std::vector<std::size_t>& policies) {
  fmt::print(out, "{{\n  \"method\": {},\n  \"sampled_scenarios\": {},\n  \"rows\": [",
             json_string(sim::sensitivity_method(s)), s.scenarios);
  bool first = true;
  for (const auto k : outcomes) {
    for (const auto p : policies) {
      fmt::print(out, "{}\n    {{\"outcome\": {}, \"policy\": {}, \"r_squared\": {}, \"srrc\": {{",
                 first ? "" : ",", json_string(s.outcomes[k]), json_string(s.policies[p]),
                 json_number(s.fit(k, p)));
      first = false;
      for (std::size_t j = 0; j < s.factors.size(); ++j) {
        fmt::print(out, "{}{}: {}", j ? ", " : "", json_string(s.factors[j]),
                   json_number(s.at(k, p, j)));
      }
      fmt::print(out, "}}}}");
    }
  }
  fmt::print(out, "\n  ]\n}}\n");
}

}  // namespace vtf::views
