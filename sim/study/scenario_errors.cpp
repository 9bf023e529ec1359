#include "sim/study/scenario_errors.hpp"

#include <fmt/format.h>

#include "sim/engine/errors.hpp"

namespace sim {

void fail_at(const FilePosition& where, const std::string& key, const std::string& what) {
  const std::string at = where.line > 0 ? fmt::format("{}:{}", where.path, where.line) : where.path;
  if (key.empty()) throw InputError(fmt::format("{}: {}", at, what));
  throw InputError(fmt::format("{}: key '{}': {}", at, key, what));
}

std::string did_you_mean(const std::string& near) {
  return near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near);
}

}  // namespace sim
