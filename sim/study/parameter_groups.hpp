#pragma once
// A model's parameter struct is a struct of groups ("donors", "vtf", ...), each filled from one
// table (parameter_table.hpp). Binding a group to its table checks at compile time that the table
// fills each of the group's fields exactly once; the model then registers and reads every group
// through the same bindings.
#include <fmt/format.h>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include "sim/study/field_coverage.hpp"
#include "sim/study/parameter_table.hpp"
#include "sim/study/parameters.hpp"

namespace sim {

// A field holding one value per level (std::array<double, N>), each its own parameter named
// "<prefix with the level>.<name>"; `doc` holds a {} for the level.
template <class Group, std::size_t N>
struct IndexedField {
  const char* name;
  ParamRole role;
  std::array<double, N> defaults;
  double min, max;
  const char* unit;
  const char* doc;
  std::array<double, N> Group::*member;
  const void* member_id;
};

template <auto Member>
constexpr auto indexed_real(const char* name, ParamRole role, TypeOf<Member> defaults, double min,
                            double max, const char* unit, const char* doc) {
  using T = TypeOf<Member>;
  static_assert(std::is_same_v<typename T::value_type, double>, "levels of reals");
  return IndexedField<GroupOf<Member>, std::tuple_size_v<T>>{
      name, role, defaults, min, max, unit, doc, Member, field_id<Member>()};
}

template <class Model>
struct GroupBinding {
  // "donors", or with a {} for the level of an indexed group: "security.level{}".
  const char* prefix;
  void (*declare)(ParameterRegistry& registry, std::string_view prefix);
  void (*read)(const ParameterSet& values, std::string_view prefix, Model& into);
  const void* member_id;
};

namespace detail {

template <class Entry>
inline constexpr bool kIsIndexed = false;
template <class Group, std::size_t N>
inline constexpr bool kIsIndexed<IndexedField<Group, N>> = true;

inline std::string level_prefix(std::string_view pattern, std::size_t level) {
  return fmt::format(fmt::runtime(pattern), level);
}

template <const auto& Fields>
void declare_group(ParameterRegistry& r, std::string_view prefix) {
  for (const auto& f : Fields)
    r.add(f.spec(fmt::format("{}.{}", prefix, f.name)));
}

template <auto GroupMember, const auto& Fields>
void read_group(const ParameterSet& v, std::string_view prefix, GroupOf<GroupMember>& model) {
  for (const auto& f : Fields)
    f.read(v, fmt::format("{}.{}", prefix, f.name), model.*GroupMember);
}

// Level by level, so that a level's parameters are listed together.
template <const auto& Fields>
void declare_indexed_group(ParameterRegistry& r, std::string_view pattern) {
  for (std::size_t level = 0; level < Fields[0].defaults.size(); ++level) {
    for (const auto& f : Fields) {
      r.add(ParameterSpec{fmt::format("{}.{}", level_prefix(pattern, level), f.name),
                          ParamType::kReal,
                          f.role,
                          f.defaults[level],
                          f.min,
                          f.max,
                          {},
                          f.unit,
                          fmt::format(fmt::runtime(f.doc), level)});
    }
  }
}

template <auto GroupMember, const auto& Fields>
void read_indexed_group(const ParameterSet& v, std::string_view pattern,
                        GroupOf<GroupMember>& model) {
  for (std::size_t level = 0; level < Fields[0].defaults.size(); ++level) {
    for (const auto& f : Fields) {
      ((model.*GroupMember).*f.member)[level] =
          v.real(fmt::format("{}.{}", level_prefix(pattern, level), f.name));
    }
  }
}

}  // namespace detail

// Fills the field `GroupMember` of the model from the table `Fields`, named under `prefix`.
template <auto GroupMember, const auto& Fields>
constexpr GroupBinding<GroupOf<GroupMember>> bind_group(const char* prefix) {
  static_assert(covers_each_field_once<TypeOf<GroupMember>>(field_ids_of(Fields)),
                "a parameter table must fill every field of its struct exactly once");
  using Entry = std::remove_cvref_t<decltype(Fields[0])>;
  if constexpr (detail::kIsIndexed<Entry>) {
    return {prefix, &detail::declare_indexed_group<Fields>,
            &detail::read_indexed_group<GroupMember, Fields>, field_id<GroupMember>()};
  } else {
    return {prefix, &detail::declare_group<Fields>, &detail::read_group<GroupMember, Fields>,
            field_id<GroupMember>()};
  }
}

// A field of an entity (registry entity fields): its default comes from each entity's reference
// data, so the table names the reference field instead of giving a value.
template <class Group, class Reference>
struct EntityField : Field<Group> {
  using EntityGroup = Group;
  ParamValue (*reference_value)(const Reference& entity);
};

namespace detail {

template <auto ReferenceMember>
ParamValue reference_value(const GroupOf<ReferenceMember>& entity) {
  using T = TypeOf<ReferenceMember>;
  if constexpr (kIsIntegerField<T>) {
    return static_cast<std::int64_t>(entity.*ReferenceMember);
  } else {
    return entity.*ReferenceMember;
  }
}

template <auto Member, auto ReferenceMember>
constexpr EntityField<GroupOf<Member>, GroupOf<ReferenceMember>> entity_field(
    Field<GroupOf<Member>> f) {
  static_assert(std::is_same_v<TypeOf<Member>, TypeOf<ReferenceMember>>,
                "an entity field and its reference data have the same type");
  return {f, &reference_value<ReferenceMember>};
}

}  // namespace detail

// A number (real or integer, as the field is) per entity.
template <auto Member, auto ReferenceMember>
constexpr auto entity_number(const char* name, ParamRole role, double min, double max,
                             const char* unit, const char* doc) {
  if constexpr (std::is_same_v<TypeOf<Member>, double>) {
    return detail::entity_field<Member, ReferenceMember>(
        real<Member>(name, role, 0, min, max, unit, doc));
  } else {
    return detail::entity_field<Member, ReferenceMember>(
        integer<Member>(name, role, 0, min, max, unit, doc));
  }
}

template <auto Member, auto ReferenceMember>
constexpr auto entity_flag(const char* name, ParamRole role, const char* doc) {
  return detail::entity_field<Member, ReferenceMember>(boolean<Member>(name, role, false, doc));
}

// Registers and reads the per-entity fields of `Fields`, an array of EntityField.
template <const auto& Fields>
struct EntityTable {
  using Entry = std::remove_cvref_t<decltype(Fields[0])>;
  static_assert(covers_each_field_once<typename Entry::EntityGroup>(field_ids_of(Fields)),
                "an entity table must fill every field of its struct exactly once");

  template <class Reference>
  static void declare(ParameterRegistry& r, const std::vector<Reference>& entities) {
    for (const auto& f : Fields) {
      std::vector<ParamValue> defaults;
      for (const auto& e : entities)
        defaults.push_back(f.reference_value(e));
      ParameterSpec spec = f.spec(f.name);
      spec.default_value = defaults.front();
      r.add_entity_field(std::move(spec), defaults);
    }
  }

  // The fields of the entity whose parameters are named "<prefix>.<field>".
  static typename Entry::EntityGroup read(const ParameterSet& v, const std::string& prefix) {
    typename Entry::EntityGroup into{};
    for (const auto& f : Fields)
      f.read(v, prefix + "." + f.name, into);
    return into;
  }
};

}  // namespace sim
