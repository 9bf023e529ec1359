#include "app/precision_run.hpp"

#include <fmt/format.h>

#include <cmath>

#include "sim/engine/errors.hpp"

namespace vtf::app {

std::optional<sim::PrecisionTarget> parse_precision(const RunOptions& o, const sim::Study& study,
                                                    const sim::ModelSchema& schema, int ranks) {
  if (o.target_ci.empty()) {
    if (o.max_replications)
      throw sim::InputError("--max-replications only applies with --target-ci");
    return std::nullopt;
  }
  sim::PrecisionTarget t = sim::PrecisionTarget::parse(o.target_ci, schema);
  if (!o.shard.empty()) {
    throw sim::InputError(
        "--target-ci decides the number of replications as the run goes; it cannot be combined "
        "with --shard (run the shards with a fixed -r)");
  }
  if (o.resume)
    throw sim::InputError(
        "a run with --target-ci cannot be resumed: run it again without --resume");
  if (ranks > 1) {
    throw sim::InputError(
        "--target-ci runs in one process (its rounds are decided as it goes); under MPI, give a "
        "fixed -r");
  }
  if (o.max_replications) t.max_replications = *o.max_replications;
  if (t.max_replications < study.replications) {
    throw sim::InputError(
        fmt::format("--max-replications {} is below the {} replications of the first round (-r)",
                    t.max_replications, study.replications));
  }
  return t;
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

void print_precision(std::FILE* out, const PrecisionReport& r, std::uint64_t replications) {
  fmt::print(out,
             "\nPrecision: the widest 95% CI half-width of Δ {} is {:.3g} after {} replications in "
             "{} round(s): {}\n",
             r.target.outcome, r.achieved, replications, r.rounds,
             r.reached ? fmt::format("the target {:g} is reached", r.target.half_width)
             : std::isnan(r.achieved)
                 ? std::string("NOT reached: the outcome is undefined (NaN) in some scenario, e.g. "
                               "a year outside the run")
                 : fmt::format("NOT reached (target {:g}; --max-replications {})",
                               r.target.half_width, r.target.max_replications));
}

}  // namespace vtf::app
