// `vtfsim compare`: the paired statistics of a results file, filtered, or its per-State view.
#include <fmt/format.h>

#include "app/commands.hpp"
#include "app/comparison_table.hpp"
#include "app/state_view.hpp"
#include "sim/errors.hpp"
#include "sim/h5.hpp"
#include "sim/results_file.hpp"

namespace vtf::app {

int compare(const CompareOptions& o) {
  const sim::Comparison all = sim::read_comparison(o.path);
  for (const auto& name : o.outcomes)
    all.outcome_index(name);  // unknown outcome: InputError
  const sim::Comparison c = select(all, o.scenarios, o.policies);
  if (o.by_state) {
    const auto rows = state_view(o.path, pick(all.scenarios, o.scenarios, "scenario"),
                                 pick(all.policies, o.policies, "fund policy", 1));
    if (o.format == "csv") {
      print_state_csv(stdout, rows);
    } else if (o.format == "json") {
      print_state_json(stdout, rows);
    } else {
      const auto horizon =
          sim::h5::File::open_read(o.path).root().string_attribute("horizon_date").value_or("????");
      print_state_table(stdout, rows, std::stoi(horizon.substr(0, 4)));
    }
    return 0;
  }
  if (o.format == "csv") {
    print_csv(stdout, c, o.outcomes);
  } else if (o.format == "json") {
    print_json(stdout, c, o.outcomes);
  } else {
    print_table(stdout, c, o.outcomes.empty() ? kTableOutcomes : o.outcomes);
  }
  return 0;
}

}  // namespace vtf::app
