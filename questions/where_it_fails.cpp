// /findings/where_it_fails: under which futures the chosen fund adds no State by 2030, from the
// scenario discovery `vtfsim discover` makes (PRIM over every future's /inputs and the
// scenarios' sampled parameters), so the report can say in one sentence where the fund fails.
#include <fmt/format.h>

#include "questions/discovery_words.hpp"
#include "questions/finding_context.hpp"
#include "sim/engine/errors.hpp"
#include "sim/results/future_inputs.hpp"

namespace vtf::questions {

std::optional<Finding> where_it_fails(const FindingContext& f) {
  if (!f.k30 || !f.root.has_group(sim::kFutureInputsGroup)) return std::nullopt;
  sim::DiscoveryRequest r;
  r.outcome = f.c.outcomes[*f.k30];
  r.policy = f.c.policies[f.enough];
  r.where = sim::parse_value_condition("VALUE < 1");
  r.scores = false;  // the sentence states the box; every run pays for what is computed here
  std::optional<sim::Discovery> d;
  try {
    d = sim::discover(f.root, f.path, r);
  } catch (const sim::InputError&) {
    return std::nullopt;  // every future gains a State, or none does: nothing to tell apart
  }
  Finding out;
  out.name = "where_it_fails";
  out.policy = r.policy;
  const std::string what = fmt::format("{} adds no State by 2030", f.label(f.enough));
  const std::string sentence = discovery_statement(*d, what);
  out.statement = "- Where it fails: " + sentence;
  out.notes.push_back({"sentence", sentence});
  out.notes.push_back({"method", sim::prim_method(r.prim)});
  out.notes.push_back({"where", r.where.text});
  out.lists.push_back({"restriction", {}});
  for (const auto& l : d->box.limits)
    out.lists.back().second.push_back(limit_words(l));
  out.add_value("futures", static_cast<double>(d->futures), "1",
                "futures (scenario x replication)");
  out.add_value("cases", static_cast<double>(d->cases), "1", "futures in which it adds no State");
  out.add_value("box_found", d->box.found ? 1 : 0, "1", "1 if a box of conditions was found");
  out.add_value("coverage", d->box.coverage, "1", "share of those futures inside the box");
  out.add_value("density", d->box.density, "1", "share of the box's futures that are such");
  out.add_value("mass", d->box.mass, "1", "share of all futures inside the box");
  return out;
}

}  // namespace vtf::questions
