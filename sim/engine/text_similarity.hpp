#pragma once
// Suggesting the closest valid name for a typo ("did you mean ...?").
#include <string>
#include <string_view>
#include <vector>

namespace sim {

std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, or "" when nothing is close enough to be a plausible typo.
// Dotted names are also compared by their last component, so "envelope_trend" finds
// "donors.envelope_trend".
std::string closest_name(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace sim
