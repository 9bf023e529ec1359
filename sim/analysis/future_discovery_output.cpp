// /discovery: what `vtfsim discover` found, written into the results file it read.
#include <fmt/format.h>

#include "sim/analysis/future_discovery.hpp"

namespace sim {
namespace {

void put(h5::Group& g, const DiscoveryColumn& c) {
  h5::Dataset ds;
  if (c.is_text) {
    ds = g.create_string_dataset(c.name, c.texts);
  } else {
    ds = g.create_dataset<double>(c.name, {c.numbers.size()});
    ds.write(c.numbers);
  }
  ds.attach_dimensions({c.dim});
  if (!c.units.empty()) ds.set_attribute("units", c.units);
  ds.set_attribute("long_name", c.long_name);
}

}  // namespace

DiscoveryTables discovery_tables(const Discovery& d) {
  DiscoveryTables t;
  auto add = [&](std::string name, std::string dim, std::vector<double> numbers, std::string units,
                 std::string long_name) {
    t.columns.push_back({std::move(name),
                         std::move(dim),
                         std::move(numbers),
                         {},
                         std::move(units),
                         std::move(long_name)});
  };
  auto add_texts = [&](std::string name, std::string dim, std::vector<std::string> texts,
                       std::string long_name) {
    t.columns.push_back(
        {std::move(name), std::move(dim), {}, std::move(texts), "", std::move(long_name), true});
  };
  std::vector<std::string> units, sources, labels;
  for (const auto& in : d.inputs) {
    t.input.push_back(in.name);
    units.push_back(in.unit);
    sources.push_back(in.source);
    labels.push_back(in.label);
  }
  add_texts("input_unit", "input", units, "the input's units");
  add_texts("input_source", "input", sources,
            "drawn: the future's own draws (/inputs); scenario: a parameter of its scenario");
  add_texts("input_label", "input", labels, "what a sentence calls the input");
  add("input_min", "input", d.input_min, "", "the input's smallest value over the futures");
  add("input_max", "input", d.input_max, "", "the input's largest value over the futures");
  if (!d.score.importance.empty()) {
    add("importance", "input", d.score.importance, "1", d.score.method);
    add("srrc", "input", d.srrc, "1",
        "standardized rank regression coefficient of the value on each input, over futures");
  }

  std::vector<double> low, high, p, restricts_low, restricts_high, range_low, range_high;
  std::vector<std::string> limit_labels;
  for (const PrimLimit& l : d.box.limits) {
    t.restriction.push_back(l.name);
    limit_labels.push_back(d.inputs[l.input].label);
    low.push_back(l.low);
    high.push_back(l.high);
    range_low.push_back(d.input_min[l.input]);
    range_high.push_back(d.input_max[l.input]);
    restricts_low.push_back(l.restricts_low ? 1 : 0);
    restricts_high.push_back(l.restricts_high ? 1 : 0);
    p.push_back(l.p_value);
  }
  add_texts("box_label", "restriction", limit_labels, "what a sentence calls the input");
  add("box_low", "restriction", low, "", "the box's lower limit on the input");
  add("box_high", "restriction", high, "", "the box's upper limit on the input");
  add("range_low", "restriction", range_low, "", "the input's smallest value over the futures");
  add("range_high", "restriction", range_high, "", "the input's largest value over the futures");
  add("box_restricts_low", "restriction", restricts_low, "1", "1 if the lower limit restricts");
  add("box_restricts_high", "restriction", restricts_high, "1", "1 if the upper limit restricts");
  add("box_p_value", "restriction", p, "1",
      "one-sided binomial p-value of the box's density against the box without this "
      "restriction, on held-out futures");

  std::vector<double> ct, dt, cv, dv, m, r;
  for (const auto& b : d.box.trajectory) {
    ct.push_back(b.coverage_train);
    dt.push_back(b.density_train);
    cv.push_back(b.coverage_test);
    dv.push_back(b.density_test);
    m.push_back(b.mass);
    r.push_back(static_cast<double>(b.restricted));
  }
  for (std::size_t i = 0; i < ct.size(); ++i)
    t.step.push_back(static_cast<std::int64_t>(i));
  add("peel_coverage_train", "step", ct, "1",
      "share of the cases inside the box, training futures");
  add("peel_density_train", "step", dt, "1", "share of the box's futures that are cases, training");
  add("peel_coverage_test", "step", cv, "1", "share of the cases inside the box, held-out futures");
  add("peel_density_test", "step", dv, "1", "share of the box's futures that are cases, held-out");
  add("peel_mass", "step", m, "1", "share of the training futures inside the box");
  add("peel_restricted", "step", r, "1", "inputs the box restricts");
  return t;
}

void write_discovery(h5::Group& root, const Discovery& d, const std::string& statement) {
  if (root.has("discovery")) root.remove("discovery");
  h5::Group g = root.create_group("discovery");
  g.set_attribute("outcome", d.request.outcome);
  g.set_attribute("policy", d.request.policy);
  g.set_attribute("baseline", d.baseline_name);
  g.set_attribute("where", d.request.where.text);
  g.set_attribute("value", d.baseline_name.empty()
                               ? d.request.outcome
                               : fmt::format("{} of {} minus that of {}", d.request.outcome,
                                             d.request.policy, d.baseline_name));
  g.set_attribute("statement", statement);
  g.set_attribute("box_found", static_cast<std::int64_t>(d.box.found ? 1 : 0));
  g.set_attribute("box_reason", d.box.reason);
  g.set_attribute("prim_method", prim_method(d.request.prim));
  g.set_attribute("over", std::string(rows_word(d.request)));
  g.set_attribute("futures", static_cast<std::int64_t>(d.futures));
  g.set_attribute("cases", static_cast<std::int64_t>(d.cases));
  g.set_attribute("base_density", d.box.base_density);
  g.set_attribute("coverage", d.box.coverage);
  g.set_attribute("density", d.box.density);
  g.set_attribute("mass", d.box.mass);
  g.set_attribute("coverage_test", d.box.coverage_test);
  g.set_attribute("density_test", d.box.density_test);
  g.set_attribute("p_value", d.box.p_value);
  g.set_attribute("srrc_r_squared", d.srrc_r_squared);
  g.set_attribute("importance_out_of_bag_r_squared", d.score.out_of_bag_r_squared);
  g.set_attribute("chosen_step", static_cast<std::int64_t>(d.box.chosen));
  const DiscoveryTables t = discovery_tables(d);
  g.create_coordinate("input", t.input);
  g.create_coordinate("restriction", t.restriction);
  g.create_coordinate<std::int64_t>("step", t.step);
  for (const DiscoveryColumn& c : t.columns)
    put(g, c);
}

}  // namespace sim
