#include "questions/policy_families.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <sstream>
#include <string_view>

#include "questions/number_text.hpp"

namespace vtf::questions {
namespace {

// The columns that do not make a family: the name, the size and the record of what was set.
constexpr const char* kNotRules[] = {"name", "policy", "vtf_annual_usd", "parameters_set"};
constexpr const char* kSizeName = "vtf.annual_usd";

bool sets_base_rules(const std::string& parameters_set) {
  const auto names = names_of(parameters_set);
  return names.empty() || (names.size() == 1 && *names.begin() == kSizeName);
}

// A column and its value in words: "vtf_eligibility_ldc", "required" -> "eligibility LDC:
// required"; an amount in USD as money ("vtf_grant_cap_usd", "1000000" -> "grant cap: $1.0M").
std::string setting_in_words(const std::string& column, const std::string& value) {
  std::string name = column.rfind("vtf_", 0) == 0 ? column.substr(4) : column;
  std::string shown = value;
  constexpr std::string_view kUsd = "_usd";
  if (name.size() > kUsd.size() &&
      name.compare(name.size() - kUsd.size(), kUsd.size(), kUsd) == 0) {
    name.resize(name.size() - kUsd.size());
    char* end = nullptr;
    const double usd = std::strtod(value.c_str(), &end);
    if (end != value.c_str() && *end == '\0') shown = money(usd);
  }
  std::replace(name.begin(), name.end(), '_', ' ');
  for (const char* acronym : {"ldc"}) {
    for (auto at = name.find(acronym); at != std::string::npos; at = name.find(acronym, at + 1)) {
      const bool word =
          (at == 0 || name[at - 1] == ' ') && (at + 3 == name.size() || name[at + 3] == ' ');
      if (word) name.replace(at, 3, "LDC");
    }
  }
  return name + ": " + shown;
}

std::string rules_key(const std::vector<PolicyColumn>& columns, std::size_t p) {
  std::string key;
  for (const auto& c : columns)
    key += c.values[p] + '\x1f';
  return key;
}

// What family `p` changes against the reference policy `ref`, in words.
std::string changes(const std::vector<PolicyColumn>& columns, std::size_t p, std::size_t ref) {
  std::string out;
  for (const auto& c : columns)
    if (c.values[p] != c.values[ref])
      out += fmt::format("{}{}", out.empty() ? "" : ", ", setting_in_words(c.name, c.values[p]));
  return out;
}

// With no policy of the base rules to compare with: what `p` sets itself, in words.
std::string own_rules(const std::vector<PolicyColumn>& columns, const std::string& set,
                      std::size_t p) {
  std::string out;
  for (std::string name : names_of(set)) {
    if (name == kSizeName) continue;
    std::replace(name.begin(), name.end(), '.', '_');
    for (const auto& c : columns)
      if (c.name == name)
        out += fmt::format("{}{}", out.empty() ? "" : ", ", setting_in_words(c.name, c.values[p]));
  }
  return out;
}

}  // namespace

std::set<std::string> names_of(const std::string& parameters_set) {
  std::set<std::string> out;
  std::stringstream in(parameters_set);
  std::string name;
  while (std::getline(in, name, ',')) {
    name.erase(0, name.find_first_not_of(' '));
    if (!name.empty()) out.insert(name);
  }
  return out;
}

const PolicyFamily* PolicyFamilies::default_family() const {
  for (const auto& f : families)
    if (f.default_rules) return &f;
  return nullptr;
}

bool PolicyFamilies::any_sizes() const {
  return std::any_of(families.begin(), families.end(),
                     [](const PolicyFamily& f) { return f.has_sizes(); });
}

PolicyFamilies policy_families(const std::vector<double>& size,
                               const std::vector<PolicyColumn>& columns,
                               const std::vector<std::string>& parameters_set) {
  const std::size_t P = size.size();
  PolicyFamilies out;
  out.family_of.assign(P, PolicyFamilies::kNone);
  if (P < 2) return out;
  std::vector<std::string> keys;
  for (std::size_t p = 0; p < P; ++p)
    keys.push_back(rules_key(columns, p));
  const bool recorded = std::any_of(parameters_set.begin() + 1, parameters_set.end(),
                                    [](const std::string& s) { return !s.empty(); });
  std::optional<std::size_t> base;  // a policy of the base rules
  for (std::size_t p = 1; p < P && !base; ++p)
    if (!recorded || sets_base_rules(parameters_set[p])) base = p;
  std::vector<std::size_t> order;  // the first policy of each family, base rules first
  if (base) order.push_back(*base);
  for (std::size_t p = 1; p < P; ++p) {
    const bool seen =
        std::any_of(order.begin(), order.end(), [&](std::size_t q) { return keys[q] == keys[p]; });
    if (!seen) order.push_back(p);
  }
  for (const std::size_t first : order) {
    PolicyFamily fam;
    fam.default_rules = base && first == *base;
    fam.name = fam.default_rules ? "default rules"
               : base            ? changes(columns, first, *base)
                                 : own_rules(columns, parameters_set[first], first);
    if (fam.name.empty()) fam.name = "rules of policy " + std::to_string(first);
    for (std::size_t p = 1; p < P; ++p) {
      if (keys[p] != keys[first]) continue;
      fam.members.push_back(p);
      out.family_of[p] = out.families.size();
    }
    std::stable_sort(fam.members.begin(), fam.members.end(), [&](std::size_t a, std::size_t b) {
      return !std::isnan(size[a]) && !std::isnan(size[b]) && size[a] < size[b];
    });
    out.families.push_back(std::move(fam));
  }
  return out;
}

namespace {

PolicyColumn read_column(const sim::h5::Group& policies, const std::string& name) {
  const sim::h5::Dataset ds = policies.open_dataset(name);
  PolicyColumn c{name, {}};
  if (ds.holds_integers()) {
    const auto xs = ds.read<std::int64_t>();
    // Booleans are stored as uint8 and are the only one-byte integers of /policies.
    const bool flags = std::all_of(xs.begin(), xs.end(), [](auto x) { return x == 0 || x == 1; });
    for (const auto x : xs)
      c.values.push_back(flags ? (x ? "true" : "false") : std::to_string(x));
    return c;
  }
  try {
    for (const double x : ds.read<double>())
      c.values.push_back(fmt::format("{}", x));
  } catch (const sim::h5::Error&) {
    c.values = ds.read_strings();
  }
  return c;
}

}  // namespace

PolicyFamilies read_policy_families(const sim::h5::Group& root) {
  const sim::h5::Group g = root.open_group("policies");
  const std::size_t P = g.open_dataset("name").size();
  std::vector<double> size(P, NAN);
  if (g.has("vtf_annual_usd")) size = g.open_dataset("vtf_annual_usd").read<double>();
  std::vector<std::string> parameters_set(P, "");
  if (g.has("parameters_set")) parameters_set = g.open_dataset("parameters_set").read_strings();
  std::vector<PolicyColumn> columns;
  for (const auto& name : g.children()) {
    if (std::find(std::begin(kNotRules), std::end(kNotRules), name) != std::end(kNotRules))
      continue;
    if (g.has_group(name)) continue;
    columns.push_back(read_column(g, name));
  }
  return policy_families(size, columns, parameters_set);
}

}  // namespace vtf::questions
