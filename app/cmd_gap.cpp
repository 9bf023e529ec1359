// `vtfsim gap`: the funding gap of each State at the start of a scenario, without simulating
// (questions/funding_gap_report, models/funding_gap); here only which view prints it.
#include "app/commands.hpp"
#include "app/study_loader.hpp"
#include "views/gap_view.hpp"

namespace vtf::app {

using namespace views;  // the text forms of the results (views/)

int gap(const GapOptions& o) {
  const questions::GapReport r =
      questions::funding_gap_report(load_study(o.scenario_path), o.scenario, o.policy);
  if (o.format == "csv") {
    print_gap_csv(stdout, r);
  } else if (o.format == "json") {
    print_gap_json(stdout, r);
  } else {
    print_gap_table(stdout, r);
  }
  return 0;
}

}  // namespace vtf::app
