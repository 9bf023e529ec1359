#include "app/state_view.hpp"

#include <fmt/format.h>

#include <cmath>

#include "app/text_format.hpp"
#include "questions/number_text.hpp"

namespace vtf::app {
namespace {

using questions::money;
using questions::signed_number;

std::string year_text(double y, int horizon) {
  return std::isnan(y) ? fmt::format("after {}", horizon) : fmt::format("{:.0f}", y);
}

}  // namespace

void print_state_table(std::FILE* out, const std::vector<StateRow>& rows, int horizon) {
  std::string current;
  std::vector<std::vector<std::string>> table;
  const auto flush = [&] {
    if (!table.empty()) fmt::print(out, "{}", render_table(table));
    table.clear();
  };
  for (const auto& r : rows) {
    const std::string key = r.scenario + " | " + r.policy;
    if (key != current) {
      flush();
      current = key;
      fmt::print(out, "\nScenario {}, policy {} (vs no_fund, {} replications)\n", r.scenario,
                 r.policy, r.replications);
      table.push_back({"State", "median completion: no fund -> fund", "Δ years",
                       "P(done by 2030): no fund -> fund", "Δ points", "fund money received"});
    }
    const bool both = !std::isnan(r.median_year_no_fund) && !std::isnan(r.median_year_fund);
    table.push_back({r.state,
                     year_text(r.median_year_no_fund, horizon) + " -> " +
                         year_text(r.median_year_fund, horizon),
                     both ? signed_number(r.median_year_fund - r.median_year_no_fund) : "",
                     fmt::format("{:.0f}% -> {:.0f}%", 100 * r.p2030_no_fund, 100 * r.p2030_fund),
                     signed_number(100 * (r.p2030_fund - r.p2030_no_fund)),
                     money(r.vtf_received_usd)});
  }
  flush();
  fmt::print(
      out,
      "\nMedian completion: the first year by which the State has completed (for the first time) "
      "in at\n"
      "least half of the replications; done by 2030: completed at least once by the end of 2030.\n"
      "Fund money received: disbursed to the State less returned, mean over replications.\n");
}

void print_state_csv(std::FILE* out, const std::vector<StateRow>& rows) {
  fmt::print(
      out,
      "scenario,policy,state,iso3,median_completion_year_no_fund,median_completion_year_fund,"
      "change_in_median_completion_years,p_complete_by_2030_no_fund,p_complete_by_2030_fund,"
      "change_in_p_complete_by_2030,mean_vtf_received_usd,replications\n");
  for (const auto& r : rows) {
    fmt::print(out, "{},{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(r.scenario),
               csv_field(r.policy), csv_field(r.state), r.iso3, csv_number(r.median_year_no_fund),
               csv_number(r.median_year_fund),
               csv_number(r.median_year_fund - r.median_year_no_fund), csv_number(r.p2030_no_fund),
               csv_number(r.p2030_fund), csv_number(r.p2030_fund - r.p2030_no_fund),
               csv_number(r.vtf_received_usd), r.replications);
  }
}

void print_state_json(std::FILE* out, const std::vector<StateRow>& rows) {
  fmt::print(out, "[");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    fmt::print(out,
               "{}\n  {{\"scenario\": {}, \"policy\": {}, \"state\": {}, \"iso3\": {}, "
               "\"median_completion_year_no_fund\": {}, "
               "\"median_completion_year_fund\": {}, \"p_complete_by_2030_no_fund\": {}, "
               "\"p_complete_by_2030_fund\": {}, "
               "\"mean_vtf_received_usd\": {}, \"replications\": {}}}",
               i ? "," : "", json_string(r.scenario), json_string(r.policy), json_string(r.state),
               json_string(r.iso3), json_number(r.median_year_no_fund),
               json_number(r.median_year_fund), json_number(r.p2030_no_fund),
               json_number(r.p2030_fund), json_number(r.vtf_received_usd), r.replications);
  }
  fmt::print(out, "\n]\n");
}

}  // namespace vtf::app
