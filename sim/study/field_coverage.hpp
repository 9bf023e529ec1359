#pragma once
// Proves at compile time that a table of parameters fills every field of a struct exactly once:
// the table names each field by a pointer to member, the identities of those members must all
// differ, and there must be as many of them as the struct has fields. A field added to the struct
// but not to the table, or a field filled twice, then fails the build, not a run.
#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>

namespace sim {

namespace detail {

// Converts to any field's type, so that `T{AnyField{}, ...}` compiles while there are at most as
// many initialisers as T has fields (the usual way to count an aggregate's fields).
struct AnyField {
  template <class T>
  constexpr operator T() const;  // never defined: used only in unevaluated contexts
};

template <class T, std::size_t... I>
constexpr bool initialisable_with(std::index_sequence<I...>) {
  return requires { T{(void(I), AnyField{})...}; };
}

// A distinct address per field: the identity a table records for the field it fills.
template <auto Member>
inline constexpr char field_tag = 0;

}  // namespace detail

// The number of fields of an aggregate (an array member counts as one field).
template <class T, std::size_t N = 0>
constexpr std::size_t field_count() {
  if constexpr (!detail::initialisable_with<T>(std::make_index_sequence<N + 1>{})) {
    return N;
  } else {
    return field_count<T, N + 1>();
  }
}

template <auto Member>
constexpr const void* field_id() {
  return &detail::field_tag<Member>;
}

// True when `ids` names every field of Group once: no field twice and none missing.
// In an AddressSanitizer build GCC 12 cannot compare two variables' addresses at compile time,
// so there the compile-time check (a static_assert at each use) is left to the other builds,
// which all make it; at run time it is made in every build.
template <class Group, std::size_t N>
constexpr bool covers_each_field_once(const std::array<const void*, N>& ids) {
#ifdef __SANITIZE_ADDRESS__
  if (std::is_constant_evaluated()) return true;
#endif
  for (std::size_t i = 0; i < N; ++i) {
    for (std::size_t j = i + 1; j < N; ++j) {
      if (ids[i] == ids[j]) return false;
    }
  }
  return N == field_count<Group>();
}

template <class Entry, std::size_t N>
constexpr std::array<const void*, N> field_ids_of(const std::array<Entry, N>& entries) {
  std::array<const void*, N> ids{};
  for (std::size_t i = 0; i < N; ++i)
    ids[i] = entries[i].member_id;
  return ids;
}

template <std::size_t A, std::size_t B>
constexpr std::array<const void*, A + B> joined(const std::array<const void*, A>& a,
                                                const std::array<const void*, B>& b) {
  std::array<const void*, A + B> out{};
  for (std::size_t i = 0; i < A; ++i)
    out[i] = a[i];
  for (std::size_t i = 0; i < B; ++i)
    out[A + i] = b[i];
  return out;
}

}  // namespace sim
