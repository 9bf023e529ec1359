#pragma once
// Short names for the roles, so that each table entry fits a line or two.
#include "sim/study/parameters.hpp"

namespace vtf::parameter_tables {

inline constexpr auto U = sim::ParamRole::kUncertainty;
inline constexpr auto L = sim::ParamRole::kLever;
inline constexpr auto S = sim::ParamRole::kSetting;

}  // namespace vtf::parameter_tables
