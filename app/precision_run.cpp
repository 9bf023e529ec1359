#include "app/precision_run.hpp"

#include <fmt/format.h>

namespace vtf::app {

sim::RunResult run_rounds(const sim::Model& model, sim::RunOptions options,
                          sim::ResultsWriter& writer,
                          const std::optional<sim::PrecisionTarget>& target,
                          sim::Progress& progress, std::optional<PrecisionReport>& report) {
  const std::uint64_t first = options.first_replication;
  std::uint64_t done = 0;
  options.on_block = [&](std::uint64_t in_round, std::uint64_t) {
    progress.update(done + in_round);
  };
  sim::RunResult total = sim::run_monte_carlo(model, options, writer);
  done = total.replications_done;
  if (!target) return total;

  const auto& schema = model.schema();
  const std::size_t k = schema.outcome_index(target->outcome);
  PrecisionReport r{*target, NAN, false, 1};
  while (total.status == sim::RunStatus::kComplete) {
    r.achieved = sim::widest_half_width(total.accumulators, schema, k, model.scenario_count(),
                                        model.policy_count());
    const std::uint64_t more = sim::next_round(done, r.achieved, *target);
    if (more == 0) break;
    writer.grow_to(done + more);
    progress.set_total(done + more);
    options.first_replication = first + done;
    options.replications = more;
    sim::RunResult round = sim::run_monte_carlo(model, options, writer);
    total.accumulators.merge(round.accumulators);
    total.replications_done += round.replications_done;
    total.seconds.simulate += round.seconds.simulate;
    total.seconds.write += round.seconds.write;
    total.status = round.status;
    done = total.replications_done;
    ++r.rounds;
  }
  r.reached = r.achieved <= target->half_width;
  report = r;
  return total;
}

void write_precision(sim::ResultsWriter& writer, const PrecisionReport& r) {
  writer.root().set_attribute("precision_target", r.target.text());
  sim::h5::Group g = writer.root().open_group("comparison");
  g.set_attribute("precision_outcome", r.target.outcome);
  g.set_attribute("precision_half_width_target", r.target.half_width);
  g.set_attribute("precision_half_width_achieved", r.achieved);
  g.set_attribute("precision_reached", std::int64_t{r.reached ? 1 : 0});
  g.set_attribute("precision_rounds", static_cast<std::int64_t>(r.rounds));
  g.set_attribute("precision_max_replications",
                  static_cast<std::int64_t>(r.target.max_replications));
}

}  // namespace vtf::app
