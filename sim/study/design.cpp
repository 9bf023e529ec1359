#include "sim/study/design.hpp"

#include <algorithm>
#include <cmath>

namespace sim {

ParamValue SampledRange::at(double unit_value) const {
  if (!integer) return low + (high - low) * unit_value;
  // Whole values low..high, each with probability 1 / (high - low + 1).
  const double span = high - low + 1;
  return static_cast<std::int64_t>(std::min(high, low + std::floor(unit_value * span)));
}

ParameterSet ExperimentDesign::resolve(std::size_t s, std::size_t p) const {
  ParameterSet out = base;
  out.overlay(scenarios.at(s).values);
  out.overlay(policies.at(p).values);
  return out;
}

const ParamValue& ExperimentDesign::scenario_value(std::size_t s, const std::string& name) const {
  if (const auto* v = scenarios.at(s).values.find(name)) return *v;
  return *base.find(name);
}

const ParamValue& ExperimentDesign::policy_value(std::size_t p, const std::string& name) const {
  if (const auto* v = policies.at(p).values.find(name)) return *v;
  return *base.find(name);
}

}  // namespace sim
