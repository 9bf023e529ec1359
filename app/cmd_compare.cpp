// `vtfsim compare`: the comparison table of a results file.
#include <fmt/format.h>

#include "app/commands.hpp"
#include "app/comparison_table.hpp"
#include "sim/errors.hpp"
#include "sim/results_file.hpp"

namespace vtf::app {

int compare(const CompareOptions& o) {
  const sim::Comparison c = sim::read_comparison(o.path);
  if (o.format == "csv") {
    print_csv(stdout, c);
  } else if (o.format == "json") {
    print_json(stdout, c);
  } else {
    print_table(stdout, c);
  }
  return 0;
}

}  // namespace vtf::app
