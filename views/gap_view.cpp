#include "views/gap_view.hpp"

#include <fmt/format.h>

#include "views/text_format.hpp"

namespace vtf::views {
namespace {

using questions::Cell;

std::string csv_cell(const Cell& c) {
  if (c.kind == Cell::Kind::kText) return csv_field(c.text);
  return c.kind == Cell::Kind::kFlag ? (c.number != 0 ? "1" : "0") : csv_number(c.number);
}

std::string json_cell(const Cell& c) {
  if (c.kind == Cell::Kind::kText) return json_string(c.text);
  return c.kind == Cell::Kind::kFlag ? (c.number != 0 ? "true" : "false") : json_number(c.number);
}

std::string json_totals(const GapTotals& t) {
  const auto three = [](const std::array<double, kAreaEstimates>& a) {
    return fmt::format("{{\"low\": {}, \"best\": {}, \"high\": {}}}", json_number(a[0]),
                       json_number(a[1]), json_number(a[2]));
  };
  return fmt::format(
      "{{\"states\": {}, \"cost_to_complete_usd\": {}, \"gap_usd\": {}, "
      "\"usable_usd_per_year\": {}, \"expected_usd\": {}}}",
      t.states, three(t.cost_usd), three(t.gap_usd), json_number(t.usable_usd_per_year),
      json_number(t.expected_usd));
}

}  // namespace

void print_gap_table(std::FILE* out, const questions::GapReport& r) {
  fmt::print(out, "{}\n{}\n{}\n{}", questions::gap_heading(r), render_table(questions::gap_rows(r)),
             questions::gap_totals(r), wrap_lines(questions::gap_notes(r), 100));
}

void print_gap_csv(std::FILE* out, const questions::GapReport& r) {
  std::string line = "scenario,eligibility_policy";
  for (const auto& name : questions::gap_column_names())
    line += "," + name;
  fmt::print(out, "{}\n", line);
  for (std::size_t i = 0; i < r.gap.states.size(); ++i) {
    line = csv_field(r.scenario) + "," + csv_field(r.policy);
    for (const Cell& c : questions::gap_cells(r, i)) {
      line += ',';
      line += csv_cell(c);
    }
    fmt::print(out, "{}\n", line);
  }
}

void print_gap_json(std::FILE* out, const questions::GapReport& r) {
  fmt::print(out,
             "{{\"scenario\": {}, \"eligibility_policy\": {}, \"start\": {}, "
             "\"article7_probability\": {},\n \"totals\": {{\"all\": {}, \"eligible\": {}}},\n "
             "\"states\": [",
             json_string(r.scenario), json_string(r.policy), json_string(r.gap.start.iso()),
             json_number(r.gap.article7_probability), json_totals(r.gap.all),
             json_totals(r.gap.eligible));
  const auto names = questions::gap_column_names();
  for (std::size_t i = 0; i < r.gap.states.size(); ++i) {
    const auto cells = questions::gap_cells(r, i);
    std::string row;
    for (std::size_t k = 0; k < names.size(); ++k)
      row += fmt::format("{}\"{}\": {}", k ? ", " : "", names[k], json_cell(cells[k]));
    fmt::print(out, "{}\n  {{{}}}", i ? "," : "", row);
  }
  fmt::print(out, "\n]}}\n");
}

}  // namespace vtf::views
