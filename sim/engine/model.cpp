#include "sim/engine/model.hpp"

#include <fmt/format.h>

#include "sim/engine/errors.hpp"
#include "sim/engine/text_similarity.hpp"

namespace sim {

std::size_t find_outcome(const std::vector<std::string>& names, const std::string& name) {
  for (std::size_t k = 0; k < names.size(); ++k) {
    if (names[k] == name) return k;
  }
  const std::string near = closest_name(name, names);
  throw InputError(fmt::format("unknown outcome '{}'{}", name,
                               near.empty() ? "" : fmt::format("; did you mean '{}'?", near)));
}

std::vector<std::string> ModelSchema::outcome_names() const {
  std::vector<std::string> names;
  for (const auto& o : outcomes)
    names.push_back(o.name);
  return names;
}

std::size_t ModelSchema::outcome_index(const std::string& name) const {
  return find_outcome(outcome_names(), name);
}

}  // namespace sim
