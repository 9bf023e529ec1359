#include "sim/study/parameters.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <stdexcept>

#include "sim/engine/date.hpp"
#include "sim/engine/errors.hpp"
#include "sim/engine/text_similarity.hpp"
#include "sim/study/name_folding.hpp"

namespace sim {

std::string type_name(ParamType t) {
  switch (t) {
    case ParamType::kReal:
      return "number";
    case ParamType::kInteger:
      return "integer";
    case ParamType::kBoolean:
      return "boolean";
    case ParamType::kChoice:
      return "choice";
    case ParamType::kMonthDay:
      return "day of year";
    case ParamType::kIntegerList:
      return "list of integers";
  }
  return "?";
}

std::string role_name(ParamRole r) {
  switch (r) {
    case ParamRole::kUncertainty:
      return "uncertainty";
    case ParamRole::kLever:
      return "lever";
    case ParamRole::kSetting:
      return "setting";
  }
  return "?";
}

std::string format_value(const ParamValue& v) {
  struct Visitor {
    std::string operator()(double x) const { return fmt::format("{}", x); }
    std::string operator()(std::int64_t x) const { return fmt::format("{}", x); }
    std::string operator()(bool x) const { return x ? "true" : "false"; }
    std::string operator()(const std::string& x) const { return x; }
    std::string operator()(const std::vector<std::int64_t>& x) const {
      return fmt::format("[{}]", fmt::join(x, ", "));
    }
  };
  return std::visit(Visitor{}, v);
}

namespace {

std::string bounds_text(const ParameterSpec& s) {
  const bool lo = std::isfinite(s.min);
  const bool hi = std::isfinite(s.max);
  if (lo && hi) return fmt::format(" in [{}, {}]", s.min, s.max);
  if (lo) return s.min == 0 ? " >= 0" : fmt::format(" >= {}", s.min);
  if (hi) return fmt::format(" <= {}", s.max);
  return "";
}

}  // namespace

std::string expectation(const ParameterSpec& s) {
  switch (s.type) {
    case ParamType::kReal:
      return "a number" + bounds_text(s);
    case ParamType::kInteger:
      return "an integer" + bounds_text(s);
    case ParamType::kBoolean:
      return "true or false";
    case ParamType::kChoice:
      return fmt::format("one of \"{}\"", fmt::join(s.choices, "\", \""));
    case ParamType::kMonthDay:
      return "a day of the year as \"MM-DD\"";
    case ParamType::kIntegerList:
      return "a list of integers" + bounds_text(s);
  }
  return "?";
}

void ParameterRegistry::add(ParameterSpec spec) {
  if (index_.contains(spec.name))
    throw std::logic_error("parameter registered twice: " + spec.name);
  index_.emplace(spec.name, specs_.size());
  specs_.push_back(std::move(spec));
}

void ParameterRegistry::set_entities(std::string group, std::vector<std::string> names,
                                     std::vector<std::string> aliases) {
  entity_group_ = std::move(group);
  entity_names_ = std::move(names);
  for (std::size_t i = 0; i < entity_names_.size(); ++i) {
    add_entity_alias(entity_names_[i], entity_names_[i]);
    if (i < aliases.size() && !aliases[i].empty()) add_entity_alias(entity_names_[i], aliases[i]);
  }
}

void ParameterRegistry::add_entity_alias(const std::string& name, const std::string& alias) {
  const auto [it, added] = entity_alias_.emplace(fold_name(alias), name);
  if (!added && it->second != name) {
    throw std::logic_error(
        fmt::format("entity alias \"{}\" names both \"{}\" and \"{}\"", alias, it->second, name));
  }
  if (added) entity_spellings_.emplace_back(alias, name);
}

void ParameterRegistry::describe_entities(std::string noun, std::string listing) {
  entity_noun_ = std::move(noun);
  entity_listing_ = std::move(listing);
}

void ParameterRegistry::add_entity_field(ParameterSpec field,
                                         const std::vector<ParamValue>& defaults) {
  if (defaults.size() != entity_names_.size()) {
    throw std::logic_error("entity field " + field.name + ": one default per entity expected");
  }
  for (std::size_t i = 0; i < entity_names_.size(); ++i) {
    ParameterSpec s = field;
    s.name = entity_group_ + "." + entity_names_[i] + "." + field.name;
    s.default_value = defaults[i];
    entity_specs_.emplace(s.name, s);
  }
  entity_fields_.push_back(std::move(field));
}

namespace {

// "<group>.<entity>.<field>" split into its entity and field; false if `name` is not of that form.
bool split_entity_key(std::string_view name, const std::string& group, std::string_view& entity,
                      std::string_view& field) {
  if (group.empty() || name.size() <= group.size() || !name.starts_with(group) ||
      name[group.size()] != '.')
    return false;
  const auto rest = name.substr(group.size() + 1);
  const auto dot = rest.rfind('.');
  entity = dot == std::string_view::npos ? rest : rest.substr(0, dot);
  field = dot == std::string_view::npos ? std::string_view{} : rest.substr(dot + 1);
  return true;
}

}  // namespace

std::string ParameterRegistry::entity(std::string_view name_or_alias) const {
  const auto it = entity_alias_.find(fold_name(name_or_alias));
  return it == entity_alias_.end() ? std::string{} : it->second;
}

std::string ParameterRegistry::canonical(std::string_view name) const {
  if (index_.contains(name)) return std::string(name);
  std::string_view entity_part, field;
  if (!split_entity_key(name, entity_group_, entity_part, field) || field.empty()) return {};
  const std::string e = entity(entity_part);
  if (e.empty()) return {};
  std::string full = fmt::format("{}.{}.{}", entity_group_, e, field);
  return entity_specs_.contains(full) ? full : std::string{};
}

const ParameterSpec* ParameterRegistry::find(std::string_view name) const {
  const std::string c = canonical(name);
  if (c.empty()) return nullptr;
  if (const auto it = index_.find(c); it != index_.end()) return &specs_[it->second];
  return &entity_specs_.find(c)->second;
}

std::vector<std::string> ParameterRegistry::entity_parameter_names() const {
  std::vector<std::string> names;
  for (const auto& [name, spec] : entity_specs_)
    names.push_back(name);
  return names;
}

std::vector<std::string> ParameterRegistry::all_names() const {
  std::vector<std::string> names;
  for (const auto& s : specs_)
    names.push_back(s.name);
  return names;
}

namespace {

// The spelling closest to `word` (by edit distance once folded, or else the only entity whose
// spellings hold it as whole words: "Congo"), "" if none.
std::string closest_spelling(std::string_view word,
                             const std::vector<std::pair<std::string, std::string>>& spellings) {
  std::vector<std::string> folded;
  for (const auto& [spelling, name] : spellings)
    folded.push_back(fold_name(spelling));
  const std::string near = closest_name(fold_name(word), folded);
  for (std::size_t i = 0; i < folded.size(); ++i) {
    if (!near.empty() && folded[i] == near) return spellings[i].first;
  }
  std::string found;
  for (const auto& [spelling, name] : spellings) {
    if (!contains_words(spelling, word)) continue;
    if (!found.empty() && found != name) return {};  // two entities: no guess
    found = name;
  }
  return found;
}

}  // namespace

std::string ParameterRegistry::closest_entity(std::string_view word) const {
  return closest_spelling(word, entity_spellings_);
}

std::string ParameterRegistry::suggest(std::string_view name) const {
  std::string_view entity_part, field;
  if (!split_entity_key(name, entity_group_, entity_part, field))
    return closest_name(name, all_names());
  // "<group>.<entity>.<field>": repair whichever part is wrong, the entity among entities only.
  const std::string e = entity(entity_part).empty()
                            ? closest_spelling(entity_part, entity_spellings_)
                            : std::string(entity_part);
  std::vector<std::string> field_names;
  for (const auto& f : entity_fields_)
    field_names.push_back(f.name);
  const std::string f = field_names.empty() ? "" : closest_name(field, field_names);
  if (e.empty() || f.empty()) return {};
  return fmt::format("{}.{}.{}", entity_group_, e, f);
}

std::string ParameterRegistry::unknown_entity(std::string_view name) const {
  std::string_view entity_part, field;
  if (!split_entity_key(name, entity_group_, entity_part, field) || !entity(entity_part).empty())
    return {};
  const std::string near = suggest(name);
  return fmt::format("unknown {} '{}'{}{}", entity_noun_, entity_part,
                     near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near),
                     entity_listing_.empty() ? "" : "; " + entity_listing_);
}

ParamValue ParameterRegistry::check(const ParameterSpec& spec, const ParamValue& value) const {
  const auto fail = [&](const std::string& got) {
    throw InputError(fmt::format("expected {}, got {}", expectation(spec), got));
  };
  // A string where something else was expected is quoted, so that `got "12"` (text) reads
  // differently from `got 12` (a number).
  const auto quoted = [](const ParamValue& v) {
    const auto* s = std::get_if<std::string>(&v);
    return s != nullptr ? fmt::format("\"{}\"", *s) : format_value(v);
  };
  const auto in_bounds = [&](double x) { return x >= spec.min && x <= spec.max; };
  switch (spec.type) {
    case ParamType::kReal: {
      double x = 0;
      if (const auto* d = std::get_if<double>(&value)) {
        x = *d;
      } else if (const auto* i = std::get_if<std::int64_t>(&value)) {
        x = static_cast<double>(*i);
      } else {
        fail(quoted(value));
      }
      if (!std::isfinite(x) || !in_bounds(x)) fail(format_value(x));
      return x;
    }
    case ParamType::kInteger: {
      const auto* i = std::get_if<std::int64_t>(&value);
      if (i == nullptr) fail(quoted(value));
      if (!in_bounds(static_cast<double>(*i))) fail(format_value(*i));
      return *i;
    }
    case ParamType::kBoolean:
      if (!std::holds_alternative<bool>(value)) fail(quoted(value));
      return value;
    case ParamType::kChoice: {
      const auto* s = std::get_if<std::string>(&value);
      if (s == nullptr) fail(quoted(value));
      for (const auto& c : spec.choices) {
        if (c == *s) return value;
      }
      const std::string near = closest_name(*s, spec.choices);
      throw InputError(
          fmt::format("unknown {} \"{}\"; expected {}{}", spec.name, *s, expectation(spec),
                      near.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", near)));
    }
    case ParamType::kMonthDay: {
      const auto* s = std::get_if<std::string>(&value);
      if (s == nullptr) fail(quoted(value));
      return MonthDay::parse(*s).text();
    }
    case ParamType::kIntegerList: {
      const auto* l = std::get_if<std::vector<std::int64_t>>(&value);
      if (l == nullptr) fail(quoted(value));
      for (const auto x : *l) {
        if (!in_bounds(static_cast<double>(x))) fail(quoted(value));
      }
      return value;
    }
  }
  return value;
}

const ParamValue* ParameterSet::find(std::string_view name) const {
  const auto it = values_.find(name);
  return it == values_.end() ? nullptr : &it->second;
}

void ParameterSet::overlay(const ParameterSet& other) {
  for (const auto& [k, v] : other.values_)
    values_[k] = v;
}

const ParamValue& ParameterSet::at(std::string_view name) const {
  const auto* v = find(name);
  if (v == nullptr) throw std::logic_error("parameter not set: " + std::string(name));
  return *v;
}

double ParameterSet::real(std::string_view name) const {
  const auto& v = at(name);
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  return std::get<double>(v);
}
std::int64_t ParameterSet::integer(std::string_view name) const {
  return std::get<std::int64_t>(at(name));
}
bool ParameterSet::boolean(std::string_view name) const { return std::get<bool>(at(name)); }
const std::string& ParameterSet::text(std::string_view name) const {
  return std::get<std::string>(at(name));
}
const std::vector<std::int64_t>& ParameterSet::integers(std::string_view name) const {
  return std::get<std::vector<std::int64_t>>(at(name));
}

ParameterSet defaults_of(const ParameterRegistry& registry) {
  ParameterSet set;
  for (const auto& s : registry.parameters())
    set.set(s.name, s.default_value);
  for (const auto& name : registry.entity_parameter_names())
    set.set(name, registry.find(name)->default_value);
  return set;
}

}  // namespace sim
