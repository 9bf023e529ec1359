#include "sim/run/precision_run.hpp"

#include <fmt/format.h>

#include "sim/engine/errors.hpp"

namespace sim {

std::optional<PrecisionTarget> parse_precision(const PrecisionOptions& o,
                                               const ModelSchema& schema) {
  if (o.target.empty()) {
    if (o.max_replications) throw InputError("--max-replications only applies with --target-ci");
    return std::nullopt;
  }
  PrecisionTarget t = PrecisionTarget::parse(o.target, schema);
  if (o.sharded) {
    throw InputError(
        "--target-ci decides the number of replications as the run goes; it cannot be combined "
        "with --shard (run the shards with a fixed -r)");
  }
  if (o.resume)
    throw InputError("a run with --target-ci cannot be resumed: run it again without --resume");
  if (o.ranks > 1) {
    throw InputError(
        "--target-ci runs in one process (its rounds are decided as it goes); under MPI, give a "
        "fixed -r");
  }
  if (o.max_replications) t.max_replications = *o.max_replications;
  if (t.max_replications < o.first_round) {
    throw InputError(
        fmt::format("--max-replications {} is below the {} replications of the first round (-r)",
                    t.max_replications, o.first_round));
  }
  return t;
}

void write_precision(ResultsWriter& writer, const PrecisionReport& r) {
  writer.root().set_attribute("precision_target", r.target.text());
  h5::Group g = writer.root().open_group("comparison");
  g.set_attribute("precision_outcome", r.target.outcome);
  g.set_attribute("precision_half_width_target", r.target.half_width);
  g.set_attribute("precision_half_width_achieved", r.achieved);
  g.set_attribute("precision_reached", std::int64_t{r.reached ? 1 : 0});
  g.set_attribute("precision_rounds", static_cast<std::int64_t>(r.rounds));
  g.set_attribute("precision_max_replications",
                  static_cast<std::int64_t>(r.target.max_replications));
}

}  // namespace sim
