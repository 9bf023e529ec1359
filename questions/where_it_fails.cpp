// /findings/where_it_fails: under which futures the chosen fund adds no State by 2030, from the
// scenario discovery `vtfsim discover` makes (PRIM over every future's /inputs and the
// scenarios' sampled parameters), so the report can say in one sentence where the fund fails.
#include <fmt/format.h>

#include "questions/discovery_words.hpp"
#include "questions/finding_context.hpp"
#include "sim/engine/errors.hpp"
#include "sim/results/future_inputs.hpp"

namespace vtf::questions {
namespace {

// The PRIM trajectory and the box's restrictions, as /discovery holds them, for the figures.
void add_tables(Finding& out, const sim::Discovery& d) {
  const sim::DiscoveryTables t = sim::discovery_tables(d);
  // A finding's axis without labels is a copy of the file's: an empty one is left out.
  const auto axis_used = [&](const std::string& dim) {
    return dim == "input"         ? !t.input.empty()
           : dim == "restriction" ? !t.restriction.empty()
                                  : !t.step.empty();
  };
  if (axis_used("input")) out.axes.push_back({"input", t.input});
  if (axis_used("restriction")) out.axes.push_back({"restriction", t.restriction});
  if (axis_used("step")) out.axes.push_back({"step", {}, t.step});
  for (const sim::DiscoveryColumn& c : t.columns) {
    if (!axis_used(c.dim)) continue;
    FindingColumn f;
    f.name = c.name;
    f.dims = {c.dim};
    f.numbers = c.numbers;
    f.texts = c.texts;
    f.units = c.units;
    f.long_name = c.long_name;
    out.add_column(std::move(f));
  }
}

}  // namespace

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
    out.lists.back().second.push_back(limit_words(*d, l));
  out.add_value("futures", static_cast<double>(d->futures), "1",
                "futures (scenario x replication)");
  out.add_value("cases", static_cast<double>(d->cases), "1", "futures in which it adds no State");
  out.add_value("box_found", d->box.found ? 1 : 0, "1", "1 if a box of conditions was found");
  out.add_value("coverage", d->box.coverage, "1", "share of those futures inside the box");
  out.add_value("density", d->box.density, "1", "share of the box's futures that are such");
  out.add_value("mass", d->box.mass, "1", "share of all futures inside the box");
  out.add_value("base_density", d->box.base_density, "1", "share of all futures that are such");
  out.add_value("coverage_test", d->box.coverage_test, "1", "coverage on held-out futures");
  out.add_value("density_test", d->box.density_test, "1", "density on held-out futures");
  out.add_value("chosen_step", static_cast<double>(d->box.chosen), "1",
                "the step of the peeling trajectory pasting started from");
  add_tables(out, *d);
  return out;
}

}  // namespace vtf::questions
