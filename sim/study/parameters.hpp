#pragma once
// Named, typed, documented parameters. The model registers every parameter it reads, with its
// default, bounds, unit and role; the engine validates scenario files against the registry, so
// an unknown key, a wrong type or a value out of range is caught before anything runs.
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace sim {

enum class ParamType { kReal, kInteger, kBoolean, kChoice, kMonthDay, kIntegerList };

// EMA Workbench vocabulary: uncertainties define scenarios, levers define policies; settings
// are neither (e.g. calendar dates of the Convention's meetings) and are set in base tables only.
enum class ParamRole { kUncertainty, kLever, kSetting };

using ParamValue = std::variant<double, std::int64_t, bool, std::string, std::vector<std::int64_t>>;

struct ParameterSpec {
  std::string name;  // dotted: "donors.envelope_trend", or an entity field "states.*.ldc"
  ParamType type = ParamType::kReal;
  ParamRole role = ParamRole::kSetting;
  ParamValue default_value = 0.0;
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  std::vector<std::string> choices;  // kChoice
  std::string unit;                  // "USD/yr", "km2", "1/yr", "" for pure numbers
  std::string doc;                   // one line, with its source (MODEL.md section)
};

std::string type_name(ParamType t);
std::string role_name(ParamRole r);
std::string format_value(const ParamValue& v);
// What a value of this spec must look like, for error messages: "a number in [0, 1]".
std::string expectation(const ParameterSpec& spec);

class ParameterRegistry {
 public:
  void add(ParameterSpec spec);
  // Per-entity fields, addressed as "<group>.<entity>.<field>", e.g. "states.Angola.ldc"; an
  // entity may be named by its name or an alias (an ISO3 code), in any case and with or without
  // accents (fold_name). Each entity has its own default (from the model's reference data).
  void set_entities(std::string group, std::vector<std::string> names,
                    std::vector<std::string> aliases);
  // One more name for an entity (a common name, a short form); throws std::logic_error if it
  // already names another entity, once folded.
  void add_entity_alias(const std::string& name, const std::string& alias);
  // How an unknown entity is reported: the noun for one ("item") and where the list of names
  // is found, appended to the message ("" for nowhere).
  void describe_entities(std::string noun, std::string listing);
  // field_spec.name is the bare field name; defaults holds one value per entity, in order.
  void add_entity_field(ParameterSpec field_spec, const std::vector<ParamValue>& defaults);

  // Resolves a name (entity aliases become canonical names); nullptr if unknown.
  const ParameterSpec* find(std::string_view name) const;
  std::string canonical(std::string_view name) const;  // "" if unknown
  // The closest valid name for an unknown one, "" if none is close; for an entity field, the
  // closest entity's name (or alias) only, never another parameter.
  std::string suggest(std::string_view name) const;
  // The canonical name of an entity given by its name or an alias, "" if unknown.
  std::string entity(std::string_view name_or_alias) const;
  // For a name that is no entity's: the closest spelling of an entity (its name or an alias, by
  // edit distance once folded, or the only one holding it as whole words), "" if none is close.
  std::string closest_entity(std::string_view word) const;
  // For "<group>.<entity>.<field>" whose entity is unknown: what to say about it ("unknown
  // item 'X' (did you mean ...?)..."); "" when the name is no such key or its entity is known.
  std::string unknown_entity(std::string_view name) const;
  // Throws InputError (without location) if `value` does not suit the spec; converts integers
  // given for reals.
  ParamValue check(const ParameterSpec& spec, const ParamValue& value) const;

  const std::vector<ParameterSpec>& parameters() const { return specs_; }
  const std::vector<ParameterSpec>& entity_fields() const { return entity_fields_; }
  const std::string& entity_group() const { return entity_group_; }
  const std::vector<std::string>& entity_names() const { return entity_names_; }
  std::vector<std::string> all_names() const;               // model-wide parameters
  std::vector<std::string> entity_parameter_names() const;  // "states.<name>.<field>", sorted

 private:
  std::vector<ParameterSpec> specs_;
  std::map<std::string, std::size_t, std::less<>> index_;
  std::string entity_group_;
  std::vector<std::string> entity_names_;
  std::map<std::string, std::string, std::less<>> entity_alias_;  // folded alias or name -> name
  std::vector<std::pair<std::string, std::string>> entity_spellings_;  // as given -> name
  std::string entity_noun_ = "entity", entity_listing_;
  std::vector<ParameterSpec> entity_fields_;
  std::map<std::string, ParameterSpec, std::less<>> entity_specs_;  // "states.Angola.ldc" -> spec
};

// A set of parameter values, ordered by name so that iteration (and everything derived from it)
// is deterministic.
class ParameterSet {
 public:
  void set(const std::string& name, ParamValue v) { values_[name] = std::move(v); }
  const ParamValue* find(std::string_view name) const;
  bool contains(std::string_view name) const { return find(name) != nullptr; }
  void overlay(const ParameterSet& other);  // other's values win
  const std::map<std::string, ParamValue, std::less<>>& values() const { return values_; }
  bool empty() const { return values_.empty(); }

  double real(std::string_view name) const;
  std::int64_t integer(std::string_view name) const;
  bool boolean(std::string_view name) const;
  const std::string& text(std::string_view name) const;
  const std::vector<std::int64_t>& integers(std::string_view name) const;

 private:
  const ParamValue& at(std::string_view name) const;
  std::map<std::string, ParamValue, std::less<>> values_;
};

// Every registered parameter, entity fields included, at its default value.
ParameterSet defaults_of(const ParameterRegistry& registry);

}  // namespace sim
