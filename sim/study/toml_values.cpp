#include <fmt/format.h>

#include <algorithm>

#include "sim/engine/errors.hpp"
#include "sim/study/scenario_reader.hpp"

namespace sim {

std::string type_of(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "a list";
    case toml::node_type::string:
      return fmt::format("the string \"{}\"", *n.value<std::string>());
    case toml::node_type::integer:
      return fmt::format("the integer {}", *n.value<std::int64_t>());
    case toml::node_type::floating_point:
      return fmt::format("the number {}", *n.value<double>());
    case toml::node_type::boolean:
      return *n.value<bool>() ? "true" : "false";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    default:
      return "nothing";
  }
}

void ScenarioReader::flatten(const toml::table& table, const std::string& prefix,
                             std::vector<Leaf>& out) const {
  for (const auto& [key, node] : table) {
    const std::string name =
        prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    if (node.is_table() && ctx_.registry->find(name) == nullptr) {
      flatten(*node.as_table(), name, out);
    } else {
      out.push_back(Leaf{name, &node, key.source()});
    }
  }
}

const ParameterSpec& ScenarioReader::spec_for(const Leaf& leaf) const {
  if (const auto* spec = ctx_.registry->find(leaf.name)) return *spec;
  if (const std::string entity = ctx_.registry->unknown_entity(leaf.name); !entity.empty())
    fail(leaf.where, leaf.name, entity);
  const std::string near = ctx_.registry->suggest(leaf.name);
  fail(leaf.where, leaf.name,
       near.empty() ? "unknown parameter (see `vtfsim info --parameters` for the list)"
                    : fmt::format("unknown parameter; did you mean '{}'?", near));
}

ParamValue ScenarioReader::scalar_value(const Leaf& leaf, const ParameterSpec& spec,
                                        const toml::node& node) const {
  ParamValue raw;
  if (const auto* i = node.as_integer()) {
    raw = i->get();
  } else if (const auto* d = node.as_floating_point()) {
    raw = d->get();
  } else if (const auto* b = node.as_boolean()) {
    raw = b->get();
  } else if (const auto* s = node.as_string()) {
    raw = s->get();
  } else if (const auto* a = node.as_array();
             a != nullptr && spec.type == ParamType::kIntegerList) {
    std::vector<std::int64_t> xs;
    for (const auto& e : *a) {
      const auto* element = e.as_integer();
      if (element == nullptr)
        fail(node.source(), leaf.name,
             fmt::format("expected {}, got a list holding {}", expectation(spec), type_of(e)));
      xs.push_back(element->get());
    }
    raw = std::move(xs);
  } else {
    fail(node.source(), leaf.name,
         fmt::format("expected {}, got {}", expectation(spec), type_of(node)));
  }
  try {
    return ctx_.registry->check(spec, raw);
  } catch (const InputError& e) {
    fail(node.source(), leaf.name, e.what());
  }
}

std::vector<ParamValue> ScenarioReader::alternatives(const Leaf& leaf,
                                                     const ParameterSpec& spec) const {
  const toml::node& node = *leaf.node;
  if (node.is_table()) {  // ranges are read by read_factors before this
    fail(leaf.where, leaf.name, "expected a value or a list of values, not a table");
  }
  const auto* array = node.as_array();
  const bool is_list_of_alternatives =
      array != nullptr &&
      (spec.type != ParamType::kIntegerList || (!array->empty() && array->front().is_array()));
  if (!is_list_of_alternatives) return {scalar_value(leaf, spec, node)};
  if (array->empty()) fail(node.source(), leaf.name, "an empty list gives no values to try");
  std::vector<ParamValue> values;
  for (const auto& element : *array) {
    ParamValue v = scalar_value(leaf, spec, element);
    if (std::find(values.begin(), values.end(), v) != values.end()) {
      fail(element.source(), leaf.name,
           fmt::format("the value {} is listed twice", format_value(v)));
    }
    values.push_back(std::move(v));
  }
  return values;
}

void ScenarioReader::require_role(const Leaf& leaf, const ParameterSpec& spec, ParamRole role,
                                  const char* section) const {
  if (spec.role == role) return;
  const char* where_instead = spec.role == ParamRole::kLever ? "[levers] or a [[policy]]"
                              : spec.role == ParamRole::kUncertainty
                                  ? "[uncertainties] or a [[scenario]]"
                                  : "its base table";
  fail(leaf.where, leaf.name,
       fmt::format("this parameter is a{} {}, not a{} {}; set it in {}, not in {}",
                   spec.role == ParamRole::kUncertainty ? "n" : "", role_name(spec.role),
                   role == ParamRole::kUncertainty ? "n" : "", role_name(role), where_instead,
                   section));
}

}  // namespace sim
