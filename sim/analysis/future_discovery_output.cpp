// /discovery: what `vtfsim discover` found, written into the results file it read.
#include <fmt/format.h>

#include "sim/analysis/future_discovery.hpp"

namespace sim {
namespace {

void put(h5::Group& g, const std::string& name, const std::vector<double>& values,
         const std::string& dim, const std::string& units, const std::string& long_name) {
  h5::Dataset ds = g.create_dataset<double>(name, {values.size()});
  ds.write(values);
  ds.attach_dimensions({dim});
  ds.set_attribute("units", units);
  ds.set_attribute("long_name", long_name);
}

void write_inputs(h5::Group& g, const Discovery& d) {
  std::vector<std::string> names, units, sources;
  for (const auto& in : d.inputs) {
    names.push_back(in.name);
    units.push_back(in.unit);
    sources.push_back(in.source);
  }
  g.create_coordinate("input", names);
  g.create_string_dataset("input_unit", units).attach_dimensions({"input"});
  g.create_string_dataset("input_source", sources).attach_dimensions({"input"});
  put(g, "importance", d.score.importance, "input", "1", d.score.method);
  put(g, "srrc", d.srrc, "input", "1",
      "standardized rank regression coefficient of the value on each input, over futures");
}

void write_box(h5::Group& g, const Discovery& d) {
  std::vector<std::string> names;
  std::vector<double> low, high, p, restricts_low, restricts_high;
  for (const PrimLimit& l : d.box.limits) {
    names.push_back(l.name);
    low.push_back(l.low);
    high.push_back(l.high);
    restricts_low.push_back(l.restricts_low ? 1 : 0);
    restricts_high.push_back(l.restricts_high ? 1 : 0);
    p.push_back(l.p_value);
  }
  g.create_coordinate("restriction", names);
  put(g, "box_low", low, "restriction", "", "the box's lower limit on the input");
  put(g, "box_high", high, "restriction", "", "the box's upper limit on the input");
  put(g, "box_restricts_low", restricts_low, "restriction", "1", "1 if the lower limit restricts");
  put(g, "box_restricts_high", restricts_high, "restriction", "1",
      "1 if the upper limit restricts");
  put(g, "box_p_value", p, "restriction", "1",
      "one-sided binomial p-value of the box's density against the box without this "
      "restriction, on held-out futures");
}

void write_trajectory(h5::Group& g, const Discovery& d) {
  std::vector<double> ct, dt, cv, dv, m, r;
  for (const auto& b : d.box.trajectory) {
    ct.push_back(b.coverage_train);
    dt.push_back(b.density_train);
    cv.push_back(b.coverage_test);
    dv.push_back(b.density_test);
    m.push_back(b.mass);
    r.push_back(static_cast<double>(b.restricted));
  }
  std::vector<std::int64_t> steps(ct.size());
  for (std::size_t i = 0; i < steps.size(); ++i)
    steps[i] = static_cast<std::int64_t>(i);
  g.create_coordinate<std::int64_t>("step", steps);
  put(g, "coverage_train", ct, "step", "1", "share of the cases inside the box, training futures");
  put(g, "density_train", dt, "step", "1", "share of the box's futures that are cases, training");
  put(g, "coverage_test", cv, "step", "1", "share of the cases inside the box, held-out futures");
  put(g, "density_test", dv, "step", "1", "share of the box's futures that are cases, held-out");
  put(g, "mass", m, "step", "1", "share of the training futures inside the box");
  put(g, "restricted", r, "step", "1", "inputs the box restricts");
}

}  // namespace

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
  write_inputs(g, d);
  write_box(g, d);
  write_trajectory(g, d);
}

}  // namespace sim
