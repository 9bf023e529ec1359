#pragma once
// The families of the fund policies (issue 12): policies that differ only in their size
// (vtf.annual_usd) are one family, whose sizes may be compared as sizes; policies of different
// families are compared by name. The family of the base rules is "default rules"; any other is
// named by what it changes, in words ("allocation: lottery").
#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/results/h5.hpp"

namespace vtf::questions {

// One column of /policies, its values as text (numbers in shortest form, booleans true/false).
struct PolicyColumn {
  std::string name;  // the dataset's name: vtf_allocation
  std::vector<std::string> values;
};

struct PolicyFamily {
  std::string name;
  std::vector<std::size_t> members;  // policy indices, smallest size first
  bool default_rules = false;
  bool has_sizes() const { return members.size() >= 2; }
};

// The dotted names in a /policies/parameters_set entry ("vtf.allocation, vtf.annual_usd").
std::set<std::string> names_of(const std::string& parameters_set);

struct PolicyFamilies {
  std::vector<PolicyFamily> families;  // the default rules first, then by their first policy
  std::vector<std::size_t> family_of;  // [policy]: index into families; kNone for policy 0
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  const PolicyFamily* default_family() const;
  bool any_sizes() const;  // some family has two sizes or more
};

// The families of policies 1.. (policy 0 is the baseline, no fund). `columns` are the /policies
// columns other than name, vtf_annual_usd and parameters_set; `parameters_set` is
// /policies/parameters_set (all "" for a file without it: then policy 1's family is the default
// rules). A policy sets the base rules when it sets nothing but vtf.annual_usd.
PolicyFamilies policy_families(const std::vector<double>& size,
                               const std::vector<PolicyColumn>& columns,
                               const std::vector<std::string>& parameters_set);

// The same from a results file's /policies.
PolicyFamilies read_policy_families(const sim::h5::Group& root);

}  // namespace vtf::questions
