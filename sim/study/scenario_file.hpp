#pragma once
// Scenario files (TOML): the study, base parameters, uncertainties and levers. Every mistake is
// reported as one InputError naming the file, the line, the key, what was expected and, for an
// unknown key, the closest valid one.
#include <string>
#include <string_view>

#include "sim/study/design.hpp"

namespace sim {

// Reads and validates a scenario file; throws InputError.
Study load_study(const std::string& path, const DesignContext& context);
// The same from text already in memory (the compiled-in default study, tests).
Study parse_study(std::string_view text, const std::string& path, const DesignContext& context);

}  // namespace sim
