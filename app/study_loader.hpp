#pragma once
// Where studies come from: a scenario file, or the Working Group's default study compiled into
// the binary (so `vtfsim run` works from any directory).
#include <string>

#include "sim/design.hpp"

namespace vtf::app {

inline constexpr const char* kBuiltinStudyPath = "<built-in scenarios/working_group.toml>";

// Throws sim::InputError.
sim::Study load_study(const std::string& path_or_empty);

}  // namespace vtf::app
