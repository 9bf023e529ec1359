#pragma once
// Where studies come from: a scenario file, or the Working Group's default study compiled into
// the binary (so `vtfsim run` works from any directory).
#include <cstdint>
#include <optional>
#include <string>

#include "sim/study/design.hpp"

namespace vtf::app {

inline constexpr const char* kBuiltinStudyPath = "<built-in scenarios/working_group.toml>";

// Throws sim::InputError. A seed given here replaces the file's before anything random in the
// design (a Latin hypercube) is drawn.
sim::Study load_study(const std::string& path_or_empty,
                      std::optional<std::uint64_t> seed = std::nullopt);

}  // namespace vtf::app
