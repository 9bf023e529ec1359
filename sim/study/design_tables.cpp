#include <fmt/format.h>

#include <cmath>

#include "sim/engine/text_similarity.hpp"
#include "sim/study/scenario_reader.hpp"

namespace sim {

namespace {

// ", e.g. NAME = { low = A, high = B }" for the model's first sampled-able parameter of `role` (a
// real with a bounded range), so the example is always one this model accepts.
std::string range_example(const ParameterRegistry& registry,
                          ParamRole role = ParamRole::kUncertainty) {
  for (const auto& spec : registry.parameters()) {
    if (spec.role != role || spec.type != ParamType::kReal) continue;
    if (!std::isfinite(spec.min) || !std::isfinite(spec.max)) continue;
    const double mid = std::get<double>(spec.default_value);
    return fmt::format(", e.g. {} = {{ low = {:g}, high = {:g} }}", spec.name, (spec.min + mid) / 2,
                       (mid + spec.max) / 2);
  }
  return "";
}

}  // namespace

namespace {

double value_as_double(const ParamValue& v) {
  if (const auto* d = std::get_if<double>(&v)) return *d;
  return static_cast<double>(std::get<std::int64_t>(v));
}

}  // namespace

SampledRange ScenarioReader::range(const Leaf& leaf, const ParameterSpec& spec) const {
  const toml::table& t = *leaf.node->as_table();
  if (spec.type != ParamType::kReal && spec.type != ParamType::kInteger) {
    fail(leaf.where, leaf.name,
         fmt::format("a range needs a numeric parameter; this one is {}: give a value or a list",
                     expectation(spec)));
  }
  static const std::vector<std::string> keys = {"low", "high"};
  SampledRange r;
  r.parameter = ctx_.registry->canonical(leaf.name);
  r.integer = spec.type == ParamType::kInteger;
  bool has_low = false, has_high = false;
  for (const auto& [key, node] : t) {
    const std::string k(key.str());
    if (k != "low" && k != "high") {
      const std::string near = closest_name(k, keys);
      fail(key.source(), leaf.name + "." + k,
           fmt::format("unknown key in a range; expected low and high{}", did_you_mean(near)));
    }
    const double v =
        value_as_double(scalar_value(Leaf{leaf.name, &node, key.source()}, spec, node));
    (k == "low" ? r.low : r.high) = v;
    (k == "low" ? has_low : has_high) = true;
  }
  if (!has_low || !has_high) {
    fail(leaf.where, leaf.name,
         fmt::format("a range needs both low and high, e.g. {{ low = {}, high = {} }}",
                     has_low ? format_value(r.low) : "...",
                     has_high ? format_value(r.high) : "..."));
  }
  if (r.low > r.high) {
    fail(leaf.where, leaf.name,
         fmt::format("the lower bound {} is above the upper bound {}", format_value(r.low),
                     format_value(r.high)));
  }
  if (r.low == r.high) {
    fail(leaf.where, leaf.name,
         fmt::format("the range from {} to {} is empty; to fix the value, write {} = {}",
                     format_value(r.low), format_value(r.high), leaf.name, format_value(r.low)));
  }
  return r;
}

void ScenarioReader::read_sample_points(const toml::node& node) {
  const auto* t = node.as_table();
  if (t == nullptr) fail(node.source(), "latin_hypercube", "expected a table [latin_hypercube]");
  static const std::vector<std::string> keys = {"points", "policy_points"};
  for (const auto& [key, value] : *t) {
    const std::string k(key.str());
    if (k != "points" && k != "policy_points") {
      const std::string near = closest_name(k, keys);
      fail(key.source(), "latin_hypercube." + k,
           fmt::format("unknown key in [latin_hypercube]; expected points or policy_points{}",
                       did_you_mean(near)));
    }
    const auto* i = value.as_integer();
    const bool policies = k == "policy_points";
    if (i == nullptr || i->get() < 2 || i->get() > kMaxSamplePoints) {
      fail(value.source(), "latin_hypercube." + k,
           fmt::format("expected an integer from 2 to {} (each point is a {}), got {}",
                       kMaxSamplePoints, policies ? "policy" : "scenario", type_of(value)));
    }
    (policies ? study_.design.policy_points : study_.design.sample_points) =
        static_cast<std::size_t>(i->get());
    (policies ? policy_points_at_ : points_at_) = value.source();
  }
  if (!points_at_ && !policy_points_at_) {
    fail(t->source(), "latin_hypercube.points",
         "[latin_hypercube] needs points = N (sampled scenarios) or policy_points = N (sampled "
         "policies)");
  }
}

std::vector<NamedValues> ScenarioReader::read_named(const toml::node& node, const char* section,
                                                    ParamRole role,
                                                    std::set<std::string>& names) const {
  const auto* array = node.as_array();
  if (array == nullptr || !array->is_array_of_tables()) {
    fail(node.source(), section,
         fmt::format("expected an array of tables written [[{}]], got {}", section, type_of(node)));
  }
  std::vector<NamedValues> out;
  for (const auto& element : *array) {
    const toml::table& t = *element.as_table();
    NamedValues nv;
    const auto* name = t.get("name");
    if (name == nullptr || !name->is_string() || name->as_string()->get().empty()) {
      fail(t.source(), std::string(section) + ".name",
           "every [[" + std::string(section) + "]] needs a name = \"...\"");
    }
    nv.name = name->as_string()->get();
    if (!names.insert(nv.name).second) {
      fail(name->source(), std::string(section) + ".name",
           fmt::format("the name \"{}\" is used twice", nv.name));
    }
    std::vector<Leaf> leaves;
    flatten(t, "", leaves);
    for (const auto& leaf : leaves) {
      if (leaf.name == "name" || leaf.name == "description") continue;
      const auto& spec = spec_for(leaf);
      require_role(leaf, spec, role, fmt::format("[[{}]]", section).c_str());
      if (leaf.node->is_array() && spec.type != ParamType::kIntegerList) {
        fail(leaf.where, leaf.name,
             fmt::format(
                 "a [[{}]] sets one value per parameter; lists of alternatives belong in [{}]",
                 section, role == ParamRole::kLever ? "levers" : "uncertainties"));
      }
      const std::string canonical = ctx_.registry->canonical(leaf.name);
      nv.values.set(canonical, scalar_value(leaf, spec, *leaf.node));
      record(nv.written_at, canonical, leaf);
    }
    out.push_back(std::move(nv));
  }
  return out;
}

void ScenarioReader::record(std::map<std::string, WrittenKey>& at, const std::string& name,
                            const Leaf& leaf) const {
  const auto [it, added] = at.emplace(name, written(leaf));
  if (!added && it->second.key != leaf.name) {
    fail(leaf.where, leaf.name,
         fmt::format("the same parameter as '{}' on line {} ({}): set it once", it->second.key,
                     it->second.at.line, name));
  }
  it->second = written(leaf);
}

void ScenarioReader::read_factors(const toml::node& node, const toml::key& key) {
  const std::string k(key.str());
  if (!node.is_table()) fail(key.source(), k, fmt::format("expected a table [{}]", k));
  const bool levers = k == "levers";
  inputs_.has_levers_table = inputs_.has_levers_table || levers;
  if (levers) inputs_.levers_at = position(key.source());
  ExperimentDesign& d = study_.design;
  std::vector<Leaf> leaves;
  flatten(*node.as_table(), "", leaves);
  for (const auto& leaf : leaves) {
    const auto& spec = spec_for(leaf);
    require_role(leaf, spec, levers ? ParamRole::kLever : ParamRole::kUncertainty,
                 levers ? "[levers]" : "[uncertainties]");
    const std::string name = ctx_.registry->canonical(leaf.name);
    if (leaf.node->is_table()) {  // a range: sampled by Latin hypercube
      record(inputs_.factor_at, name, leaf);
      (levers ? d.lever_sampled : d.sampled).push_back(range(leaf, spec));
      auto& first = levers ? first_lever_range_ : first_range_;
      if (!first) first = leaf.where;
      continue;
    }
    auto values = alternatives(leaf, spec);
    if (levers) {
      record(inputs_.factor_at, name, leaf);
      inputs_.policy_factors.emplace_back(name, std::move(values));
    } else if (values.size() == 1) {
      d.base.set(name, values.front());  // a fixed uncertainty holds in every scenario
      record(base_at_, name, leaf);
    } else {
      record(inputs_.factor_at, name, leaf);
      inputs_.scenario_factors.emplace_back(name, std::move(values));
      scenario_factor_at_[name] = leaf.where;
    }
  }
}

// A base table: [group], [group.subgroup], [<entity group>.<entity>], ... or a top-level dotted
// key.
void ScenarioReader::read_base(const toml::node& node, const std::string& key,
                               const toml::source_region& at) {
  std::vector<Leaf> leaves;
  if (const auto* t = node.as_table()) {
    flatten(*t, key, leaves);
  } else {
    leaves.push_back(Leaf{key, &node, at});
  }
  for (const auto& leaf : leaves) {
    const auto& spec = spec_for(leaf);
    const std::string name = ctx_.registry->canonical(leaf.name);
    study_.design.base.set(name, scalar_value(leaf, spec, *leaf.node));
    record(base_at_, name, leaf);
  }
}

void ScenarioReader::check_design() const {
  // A parameter fixed in a named scenario and varied by a list would be ambiguous: say so.
  for (const auto& [name, values] : inputs_.scenario_factors) {
    for (const auto& s : inputs_.named_scenarios) {
      if (s.values.contains(name)) {
        fail(scenario_factor_at_.at(name), name,
             fmt::format(
                 "set both in [[scenario]] \"{}\" and as a list in [uncertainties]; choose one",
                 s.name));
      }
    }
  }
  const ExperimentDesign& d = study_.design;
  if (first_range_ && d.sample_points == 0) {
    fail(*first_range_, d.sampled.front().parameter,
         "a range is sampled by Latin hypercube: add a table [latin_hypercube] with points = N "
         "(the number of sampled scenarios)");
  }
  if (points_at_ && d.sampled.empty()) {
    fail(*points_at_, "latin_hypercube",
         "nothing to sample: give at least one range in [uncertainties]" +
             range_example(*ctx_.registry));
  }
  if (first_lever_range_ && d.policy_points == 0) {
    fail(*first_lever_range_, d.lever_sampled.front().parameter,
         "a range of a lever is sampled by Latin hypercube: add policy_points = N to a table "
         "[latin_hypercube] (the number of sampled policies)");
  }
  if (policy_points_at_ && d.lever_sampled.empty()) {
    fail(*policy_points_at_, "latin_hypercube.policy_points",
         "nothing to sample: give at least one range in [levers]" +
             range_example(*ctx_.registry, ParamRole::kLever));
  }
}

}  // namespace sim
