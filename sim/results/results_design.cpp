#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "sim/results/results_layout.hpp"

namespace sim {
namespace {

// "budget.annual_usd" -> "budget_annual_usd": a parameter's dataset name.
std::string column_name(const std::string& parameter) {
  std::string out = parameter;
  for (char& c : out) {
    if (c == '.' || c == '/' || c == ' ') c = '_';
  }
  return out;
}

// One column of the scenario or policy table, typed after its parameter's values.
void write_column(h5::Group& g, const std::string& name,
                  const std::vector<const ParamValue*>& values, const std::string& dim,
                  const std::string& unit, const std::string& long_name) {
  h5::Dataset ds;
  if (std::holds_alternative<double>(*values.front())) {
    std::vector<double> xs;
    for (const auto* v : values)
      xs.push_back(std::get<double>(*v));
    ds = g.create_dataset<double>(name, {xs.size()});
    ds.write(xs);
  } else if (std::holds_alternative<std::int64_t>(*values.front())) {
    std::vector<std::int64_t> xs;
    for (const auto* v : values)
      xs.push_back(std::get<std::int64_t>(*v));
    ds = g.create_dataset<std::int64_t>(name, {xs.size()});
    ds.write(xs);
  } else if (std::holds_alternative<bool>(*values.front())) {
    std::vector<std::uint8_t> xs;
    for (const auto* v : values)
      xs.push_back(std::get<bool>(*v) ? 1 : 0);
    ds = g.create_dataset<std::uint8_t>(name, {xs.size()});
    ds.write(xs);
  } else {
    std::vector<std::string> xs;
    for (const auto* v : values)
      xs.push_back(format_value(*v));
    ds = g.create_string_dataset(name, xs);
  }
  ds.attach_dimensions({dim});
  // CF practice: numbers carry units ("1" for pure numbers); text does not.
  if (!std::holds_alternative<std::string>(*values.front()))
    ds.set_attribute("units", unit.empty() ? "1" : unit);
  if (!long_name.empty()) ds.set_attribute("long_name", long_name);
}

// "name in [low, high]; ..." for the ranges a Latin hypercube samples.
std::string ranges_text(const std::vector<SampledRange>& sampled) {
  std::string ranges;
  for (const auto& r : sampled) {
    ranges += fmt::format("{}{} in [{}, {}]", ranges.empty() ? "" : "; ", r.parameter,
                          format_value(r.low), format_value(r.high));
  }
  return ranges;
}

// /policies/parameters_set: for each policy, the dotted names of the parameters it sets itself
// (its own values, away from the base), sorted and comma-separated; "" when it sets none.
void write_parameters_set(h5::Group& policies, const ExperimentDesign& d) {
  std::vector<std::string> sets;
  for (const auto& p : d.policies) {
    std::string names;
    for (const auto& [name, value] : p.values.values())  // a map: sorted by name
      names += (names.empty() ? "" : ", ") + name;
    sets.push_back(std::move(names));
  }
  auto ds = policies.create_string_dataset("parameters_set", sets);
  ds.attach_dimensions({"policy"});
  ds.set_attribute("long_name",
                   "the parameters the policy sets away from the base, sorted, comma-separated");
}

}  // namespace

void write_design(h5::Group& root, const ExperimentDesign& d) {
  std::vector<std::string> scenario_names, policy_names;
  for (const auto& s : d.scenarios)
    scenario_names.push_back(s.name);
  for (const auto& p : d.policies)
    policy_names.push_back(p.name);
  h5::Group scenarios = group_with(root, "scenarios", {"scenario"});
  scenarios.create_string_dataset("name", scenario_names).attach_dimensions({"scenario"});
  for (const auto& name : d.scenario_parameters) {
    std::vector<const ParamValue*> values;
    for (std::size_t s = 0; s < d.scenarios.size(); ++s)
      values.push_back(&d.scenario_value(s, name));
    write_column(scenarios, column_name(name), values, "scenario", d.unit_of(name),
                 d.description_of(name));
  }
  std::vector<std::uint8_t> sampled(d.scenarios.size());
  for (std::size_t s = 0; s < d.scenarios.size(); ++s)
    sampled[s] = d.scenarios[s].sampled ? 1 : 0;
  auto sampled_ds = scenarios.create_dataset<std::uint8_t>("sampled", {d.scenarios.size()});
  sampled_ds.write(sampled);
  sampled_ds.attach_dimensions({"scenario"});
  sampled_ds.set_attribute("units", "1");
  sampled_ds.set_attribute("long_name", "1 for a Latin hypercube point, 0 for a named scenario");
  scenarios.set_attribute("latin_hypercube_points", static_cast<std::int64_t>(d.sample_points));
  scenarios.set_attribute("latin_hypercube_ranges", ranges_text(d.sampled));
  h5::Group policies = group_with(root, "policies", {"policy"});
  policies.create_string_dataset("name", policy_names).attach_dimensions({"policy"});
  for (const auto& name : d.policy_parameters) {
    std::vector<const ParamValue*> values;
    for (std::size_t p = 0; p < d.policies.size(); ++p)
      values.push_back(&d.policy_value(p, name));
    write_column(policies, column_name(name), values, "policy", d.unit_of(name),
                 d.description_of(name));
  }
  write_parameters_set(policies, d);
  policies.set_attribute("latin_hypercube_points", static_cast<std::int64_t>(d.policy_points));
  policies.set_attribute("latin_hypercube_ranges", ranges_text(d.lever_sampled));
}

}  // namespace sim
