// `vtfsim discover`: scenario discovery over the futures of a results file (sim/analysis),
// printed by views/discovery_view and kept in the file as /discovery.
#include <fmt/format.h>

#include "app/commands.hpp"
#include "questions/discovery_words.hpp"
#include "sim/analysis/future_discovery.hpp"
#include "sim/engine/errors.hpp"
#include "sim/run/output_lock.hpp"
#include "views/discovery_view.hpp"

namespace vtf::app {

int discover(const DiscoverOptions& o) {
  sim::DiscoveryRequest r;
  r.outcome = o.outcome;
  r.policy = o.policy;
  r.baseline = o.baseline;
  r.where = sim::parse_value_condition(o.where);
  r.over_scenarios = o.over == "scenarios";
  const sim::OutputLock lock(o.path);  // /discovery is written into the file
  const sim::Discovery d = sim::discover(o.path, r);
  const std::string statement = questions::discovery_statement(d);
  views::print_discovery(stdout, d, statement);
  if (o.no_write) return sim::kExitOk;
  try {
    sim::h5::File file = sim::h5::File::open_rw(o.path);
    sim::h5::Group root = file.root();
    sim::write_discovery(root, d, statement);
    file.close();
  } catch (const sim::h5::Error& e) {
    throw sim::RuntimeFailure(fmt::format("cannot write /discovery in {}: {}", o.path, e.what()));
  }
  if (!o.quiet) fmt::print(stderr, "\nwritten to /discovery in {}\n", o.path);
  return sim::kExitOk;
}

}  // namespace vtf::app
