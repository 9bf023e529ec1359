#include "views/demand_view.hpp"

#include <fmt/format.h>

#include "questions/fund_demand_text.hpp"
#include "views/text_format.hpp"

namespace vtf::views {

void print_demand(std::FILE* out, const questions::Demand& d, const std::string& format,
                  bool all_scenarios) {
  const auto records = questions::demand_records(d);
  if (format == "csv") {
    fmt::print(out, "scenario,policy,annual_usd,quantity,value,ci_half_width,units,replications\n");
    for (const auto& q : records) {
      fmt::print(out, "{},{},{},{},{},{},{},{}\n", csv_field(d.scenarios[q.scenario]),
                 csv_field(d.policies[q.policy]), csv_number(d.annual_usd[q.policy]), q.quantity,
                 csv_number(q.value), csv_number(q.half_width), q.unit, d.replications);
    }
  } else if (format == "json") {
    fmt::print(out, "{{\"replications\": {}, \"records\": [", d.replications);
    for (std::size_t i = 0; i < records.size(); ++i) {
      const auto& q = records[i];
      fmt::print(out,
                 "{}\n  {{\"scenario\": {}, \"policy\": {}, \"annual_usd\": {}, \"quantity\": {}, "
                 "\"value\": {}, \"ci_half_width\": {}, \"units\": {}}}",
                 i ? "," : "", json_string(d.scenarios[q.scenario]),
                 json_string(d.policies[q.policy]), json_number(d.annual_usd[q.policy]),
                 json_string(q.quantity), json_number(q.value), json_number(q.half_width),
                 json_string(q.unit));
    }
    fmt::print(out, "\n], \"idle_thresholds\": [");
    for (std::size_t i = 0; i < d.thresholds.size(); ++i) {
      const auto& t = d.thresholds[i];
      fmt::print(out, "{}\n  {{\"scenario\": {}, \"family\": {}, \"text\": {}}}", i ? "," : "",
                 json_string(d.scenarios[t.scenario]), json_string(t.family),
                 json_string(questions::idle_text(d, t)));
    }
    fmt::print(out, "\n]}}\n");
  } else {
    for (const auto& t : questions::demand_tables(d, all_scenarios)) {
      fmt::print(out, "\n{}\n{}", t.heading, render_table(t.rows));
      for (const auto& s : t.sentences)
        fmt::print(out, "{}\n", wrap_lines(s, 100));
    }
    fmt::print(out, "\n{}\n", wrap_lines(questions::demand_notes(d, all_scenarios), 100));
  }
}

}  // namespace vtf::views
