#pragma once
// One statement per parameter (ns-3's AddAttribute): a table entry gives a parameter's name,
// type, role, default, bounds, unit and documentation together with the struct field it fills,
// named by a pointer to member. The registry and the reader are both generated from the table,
// so they cannot disagree, and the field's type must suit the parameter's type or the entry does
// not compile.
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "sim/engine/date.hpp"
#include "sim/study/field_coverage.hpp"
#include "sim/study/parameters.hpp"

namespace sim {

template <class M>
struct MemberTraits;
template <class G, class T>
struct MemberTraits<T G::*> {
  using Group = G;
  using Type = T;
};
template <auto Member>
using GroupOf = typename MemberTraits<decltype(Member)>::Group;
template <auto Member>
using TypeOf = typename MemberTraits<decltype(Member)>::Type;

// A choice parameter's spelling and the enumerator it selects.
template <class E>
struct Choice {
  const char* name;
  E value;
};

// The default as written in the table; the parameter's type says which member holds it (a list
// starts empty).
struct LiteralDefault {
  double number = 0;
  std::int64_t integer = 0;
  bool flag = false;
  const char* text = "";
};

template <class Group>
struct Field {
  const char* name;  // below the group's prefix: "rate", or with a subgroup "score.weight"
  ParamType type;
  ParamRole role;
  LiteralDefault default_value;
  double min, max;
  const char* unit;
  const char* doc;
  std::vector<std::string> (*choices)();  // kChoice only
  void (*read)(const ParameterSet& values, const std::string& full_name, Group& into);
  const void* member_id;  // the field it fills (field_coverage.hpp)

  ParameterSpec spec(std::string full_name) const {
    return ParameterSpec{std::move(full_name),
                         type,
                         role,
                         value(),
                         min,
                         max,
                         choices != nullptr ? choices() : std::vector<std::string>{},
                         unit,
                         doc};
  }
  ParamValue value() const {
    switch (type) {
      case ParamType::kReal:
        return default_value.number;
      case ParamType::kInteger:
        return default_value.integer;
      case ParamType::kBoolean:
        return default_value.flag;
      case ParamType::kChoice:
      case ParamType::kMonthDay:
        return std::string(default_value.text);
      case ParamType::kIntegerList:
        return std::vector<std::int64_t>{};
    }
    return default_value.number;
  }
};

namespace detail {

inline constexpr double kUnbounded = std::numeric_limits<double>::infinity();

template <class T>
inline constexpr bool kIsIntegerField = std::is_integral_v<T> && !std::is_same_v<T, bool>;

template <auto Member>
void read_member(const ParameterSet& v, const std::string& name, GroupOf<Member>& into) {
  using T = TypeOf<Member>;
  if constexpr (std::is_same_v<T, double>) {
    into.*Member = v.real(name);
  } else if constexpr (std::is_same_v<T, bool>) {
    into.*Member = v.boolean(name);
  } else if constexpr (kIsIntegerField<T>) {
    into.*Member = static_cast<T>(v.integer(name));
  } else if constexpr (std::is_same_v<T, MonthDay>) {
    into.*Member = MonthDay::parse(v.text(name));
  } else {
    static_assert(std::is_same_v<T, std::vector<std::int64_t>>, "no parameter type fills this");
    into.*Member = v.integers(name);
  }
}

template <auto Member, const auto& Choices>
void read_choice(const ParameterSet& v, const std::string& name, GroupOf<Member>& into) {
  const std::string& text = v.text(name);
  for (const auto& c : Choices) {
    if (text == c.name) {
      into.*Member = c.value;
      return;
    }
  }
  throw std::logic_error("unvalidated choice " + text);
}

template <const auto& Choices>
std::vector<std::string> choice_names() {
  std::vector<std::string> names;
  for (const auto& c : Choices)
    names.emplace_back(c.name);
  return names;
}

// `Read` fills the field from a parameter set; enumerations bring their own.
template <auto Member, auto Read = &read_member<Member>>
constexpr Field<GroupOf<Member>> field(const char* name, ParamType type, ParamRole role,
                                       LiteralDefault def, double min, double max, const char* unit,
                                       const char* doc) {
  return {name, type, role, def, min, max, unit, doc, nullptr, Read, field_id<Member>()};
}

}  // namespace detail

template <auto Member>
constexpr Field<GroupOf<Member>> real(const char* name, ParamRole role, double def, double min,
                                      double max, const char* unit, const char* doc) {
  static_assert(std::is_same_v<TypeOf<Member>, double>, "a real parameter fills a double");
  return detail::field<Member>(name, ParamType::kReal, role, {.number = def}, min, max, unit, doc);
}

template <auto Member>
constexpr Field<GroupOf<Member>> integer(const char* name, ParamRole role, std::int64_t def,
                                         double min, double max, const char* unit,
                                         const char* doc) {
  static_assert(detail::kIsIntegerField<TypeOf<Member>>, "an integer parameter fills an integer");
  return detail::field<Member>(name, ParamType::kInteger, role, {.integer = def}, min, max, unit,
                               doc);
}

template <auto Member>
constexpr Field<GroupOf<Member>> boolean(const char* name, ParamRole role, bool def,
                                         const char* doc) {
  static_assert(std::is_same_v<TypeOf<Member>, bool>, "a boolean parameter fills a bool");
  return detail::field<Member>(name, ParamType::kBoolean, role, {.flag = def}, -detail::kUnbounded,
                               detail::kUnbounded, "", doc);
}

template <auto Member>
constexpr Field<GroupOf<Member>> day(const char* name, ParamRole role, const char* def,
                                     const char* doc) {
  static_assert(std::is_same_v<TypeOf<Member>, MonthDay>, "a day parameter fills a MonthDay");
  return detail::field<Member>(name, ParamType::kMonthDay, role, {.text = def}, -detail::kUnbounded,
                               detail::kUnbounded, "", doc);
}

// Lists start empty.
template <auto Member>
constexpr Field<GroupOf<Member>> integer_list(const char* name, ParamRole role, double min,
                                              double max, const char* unit, const char* doc) {
  static_assert(std::is_same_v<TypeOf<Member>, std::vector<std::int64_t>>,
                "a list of integers fills a std::vector<std::int64_t>");
  return detail::field<Member>(name, ParamType::kIntegerList, role, {}, min, max, unit, doc);
}

// An enumeration, spelt as in `Choices` (an array of Choice<E>), in that order.
template <auto Member, const auto& Choices>
constexpr Field<GroupOf<Member>> choice(const char* name, ParamRole role, const char* def,
                                        const char* doc) {
  static_assert(std::is_same_v<TypeOf<Member>, decltype(Choices[0].value)>,
                "a choice fills the enumeration its spellings select");
  auto f = detail::field<Member, &detail::read_choice<Member, Choices>>(
      name, ParamType::kChoice, role, {.text = def}, -detail::kUnbounded, detail::kUnbounded, "",
      doc);
  f.choices = &detail::choice_names<Choices>;
  return f;
}

}  // namespace sim
