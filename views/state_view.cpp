#include "views/state_view.hpp"

#include <fmt/format.h>

#include <cmath>

#include "models/income_groups.hpp"
#include "questions/number_text.hpp"
#include "views/text_format.hpp"

namespace vtf::views {
namespace {

using questions::money;
using questions::signed_number;

std::string year_text(double y, int horizon) {
  return std::isnan(y) ? fmt::format("after {}", horizon) : fmt::format("{:.0f}", y);
}

// Values rounded to what they mean: a share of replications to 2 decimals, a year to a whole
// year, money to thousands of USD; blank where there is no value. Never "-0.00".
std::string share_cell(double p) {
  if (!std::isfinite(p)) return "";
  const double r = std::round(p * 100) / 100;
  return fmt::format("{:.2f}", r == 0 ? 0.0 : r);
}

std::string years_cell(double y) { return std::isfinite(y) ? fmt::format("{:.0f}", y) : ""; }

std::string usd_cell(double usd) {
  if (!std::isfinite(usd)) return "";
  const double r = std::round(usd / 1e3) * 1e3;
  return fmt::format("{:.0f}", r == 0 ? 0.0 : r);
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
                       "P(done by 2030): no fund -> fund", "Δ points",
                       fmt::format("P(done by {}): no fund -> fund", horizon),
                       "fund money received"});
    }
    const bool both = !std::isnan(r.median_year_no_fund) && !std::isnan(r.median_year_fund);
    table.push_back(
        {r.state,
         year_text(r.median_year_no_fund, horizon) + " -> " +
             year_text(r.median_year_fund, horizon),
         both ? signed_number(r.median_year_fund - r.median_year_no_fund) : "",
         fmt::format("{:.0f}% -> {:.0f}%", 100 * r.p2030_no_fund, 100 * r.p2030_fund),
         signed_number(100 * (r.p2030_fund - r.p2030_no_fund)),
         fmt::format("{:.0f}% -> {:.0f}%", 100 * r.p_horizon_no_fund, 100 * r.p_horizon_fund),
         money(r.vtf_received_usd)});
  }
  flush();
  fmt::print(
      out,
      "\nMedian completion: the first year by which the State has completed (for the first time) "
      "in at\n"
      "least half of the replications; done by 2030: completed at least once by the end of 2030.\n"
      "Fund money received: disbursed to the State less returned, mean over replications.\n"
      "More per State (LDC, income group, data quality, calibration, 2035): --format csv.\n");
}

// One row per scenario, fund policy and State, rounded for a spreadsheet (see share_cell).
void print_state_csv(std::FILE* out, const std::vector<StateRow>& rows) {
  fmt::print(out,
             "scenario,policy,state,iso3,ldc,income_group,data_quality,calibration_status,"
             "median_completion_year_no_fund,median_completion_year_fund,"
             "change_in_median_completion_years,"
             "p_complete_by_2030_no_fund,p_complete_by_2030_fund,change_in_p_complete_by_2030,"
             "p_complete_by_2035_no_fund,p_complete_by_2035_fund,change_in_p_complete_by_2035,"
             "p_complete_by_horizon_no_fund,p_complete_by_horizon_fund,"
             "change_in_p_complete_by_horizon,mean_vtf_received_usd,mean_intl_crowded_out_usd,"
             "replications\n");
  for (const auto& r : rows) {
    const auto chance = [](double no_fund, double fund) {
      return fmt::format("{},{},{}", share_cell(no_fund), share_cell(fund),
                         share_cell(fund - no_fund));
    };
    fmt::print(out, "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(r.scenario),
               csv_field(r.policy), csv_field(r.state), r.iso3, r.ldc ? "yes" : "no",
               income_group_words(r.income_group), r.data_quality, r.calibration_status,
               year_text(r.median_year_no_fund, r.horizon_year),
               year_text(r.median_year_fund, r.horizon_year),
               years_cell(r.median_year_fund - r.median_year_no_fund),
               chance(r.p2030_no_fund, r.p2030_fund), chance(r.p2035_no_fund, r.p2035_fund),
               chance(r.p_horizon_no_fund, r.p_horizon_fund), usd_cell(r.vtf_received_usd),
               usd_cell(r.intl_crowded_out_usd), r.replications);
  }
}

// Unrounded, for programs; null where there is no value (a median year after the horizon, no
// crowding-out outcome in the file).
void print_state_json(std::FILE* out, const std::vector<StateRow>& rows) {
  fmt::print(out, "[");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    fmt::print(
        out,
        "{}\n  {{\"scenario\": {}, \"policy\": {}, \"state\": {}, \"iso3\": {}, "
        "\"ldc\": {}, \"income_group\": {}, \"data_quality\": {}, "
        "\"calibration_status\": {}, \"horizon_year\": {}, "
        "\"median_completion_year_no_fund\": {}, "
        "\"median_completion_year_fund\": {}, \"p_complete_by_2030_no_fund\": {}, "
        "\"p_complete_by_2030_fund\": {}, \"p_complete_by_2035_no_fund\": {}, "
        "\"p_complete_by_2035_fund\": {}, \"p_complete_by_horizon_no_fund\": {}, "
        "\"p_complete_by_horizon_fund\": {}, "
        "\"mean_vtf_received_usd\": {}, \"mean_intl_crowded_out_usd\": {}, "
        "\"replications\": {}}}",
        i ? "," : "", json_string(r.scenario), json_string(r.policy), json_string(r.state),
        json_string(r.iso3), r.ldc ? "true" : "false", json_string(r.income_group),
        json_string(r.data_quality), json_string(r.calibration_status), r.horizon_year,
        json_number(r.median_year_no_fund), json_number(r.median_year_fund),
        json_number(r.p2030_no_fund), json_number(r.p2030_fund), json_number(r.p2035_no_fund),
        json_number(r.p2035_fund), json_number(r.p_horizon_no_fund), json_number(r.p_horizon_fund),
        json_number(r.vtf_received_usd), json_number(r.intl_crowded_out_usd), r.replications);
  }
  fmt::print(out, "\n]\n");
}

}  // namespace vtf::views
