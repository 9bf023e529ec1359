#pragma once
// The States' income groups and common names (models/data/income_groups.csv, a verbatim copy of
// shared/data/income_groups.csv): the World Bank group of each State and the names people use
// for it besides the data's ("Türkiye", "DRC", "Palestine").
#include <string>
#include <vector>

#include "models/state_data.hpp"

namespace vtf {

struct StateNames {
  std::string iso3;
  std::string name;          // the income_groups.csv name (the same State as the data's)
  std::string income_group;  // World Bank: L, LM, UM or H
  std::vector<std::string> aliases;
};

// One per State of `states`, in their order; throws sim::InputError naming the file and line for
// a State missing, given twice or unknown, or an unknown income group.
std::vector<StateNames> parse_income_groups(const std::string& csv,
                                            const std::vector<StateData>& states);
// The compiled-in copy, in the order of reference_states().
const std::vector<StateNames>& reference_names();

// "low", "lower-middle", "upper-middle" or "high" for L, LM, UM, H.
std::string income_group_words(const std::string& code);

}  // namespace vtf
