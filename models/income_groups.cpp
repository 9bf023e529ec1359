#include "models/income_groups.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

#include "models/csv.hpp"
#include "sim/engine/errors.hpp"

namespace vtfsim_embedded {
extern const std::string_view income_groups_csv;
}  // namespace vtfsim_embedded

namespace vtf {
namespace {

constexpr const char* kSource = "income_groups.csv";

std::vector<std::string> split_aliases(const std::string& text) {
  std::vector<std::string> out;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    const std::size_t end = std::min(text.find(';', begin), text.size());
    std::string alias = text.substr(begin, end - begin);
    if (!alias.empty()) out.push_back(std::move(alias));
    begin = end + 1;
  }
  return out;
}

}  // namespace

std::string income_group_words(const std::string& code) {
  if (code == "L") return "low";
  if (code == "LM") return "lower-middle";
  if (code == "UM") return "upper-middle";
  if (code == "H") return "high";
  return {};
}

std::vector<StateNames> parse_income_groups(const std::string& csv,
                                            const std::vector<StateData>& states) {
  const CsvTable t = parse_csv(csv, kSource);
  const std::size_t c_iso = t.column("iso3"), c_state = t.column("state"),
                    c_group = t.column("income_group"), c_aliases = t.column("aliases");
  std::vector<StateNames> out(states.size());
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    const auto fail = [&](const std::string& what) {
      throw sim::InputError(fmt::format("{}:{}: {}", kSource, t.row_lines[r], what));
    };
    std::size_t i = 0;
    while (i < states.size() && states[i].iso3 != row[c_iso])
      ++i;
    if (i == states.size()) fail(fmt::format("no State with ISO3 code '{}'", row[c_iso]));
    if (!out[i].iso3.empty()) fail(fmt::format("'{}' is given twice", row[c_iso]));
    if (income_group_words(row[c_group]).empty())
      fail(fmt::format("unknown income group '{}' (expected L, LM, UM or H)", row[c_group]));
    out[i] = StateNames{row[c_iso], row[c_state], row[c_group], split_aliases(row[c_aliases])};
  }
  for (std::size_t i = 0; i < states.size(); ++i) {
    if (out[i].iso3.empty())
      throw sim::InputError(
          fmt::format("{}: no row for {} ({})", kSource, states[i].name, states[i].iso3));
  }
  return out;
}

const std::vector<StateNames>& reference_names() {
  static const std::vector<StateNames> names =
      parse_income_groups(std::string(vtfsim_embedded::income_groups_csv), reference_states());
  return names;
}

}  // namespace vtf
