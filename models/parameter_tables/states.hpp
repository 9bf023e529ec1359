#pragma once
// Each State's data (MODEL.md 3.1), overridable per State as [states.<name or ISO3>]: one entry
// per field, naming the field it fills and the reference data that gives each State's default.
#include <array>

#include "models/parameter_tables/roles.hpp"
#include "models/parameters.hpp"
#include "models/state_data.hpp"
#include "sim/study/parameter_groups.hpp"

namespace vtf::parameter_tables {

inline constexpr std::array kStateFields = {
    sim::entity_number<&StateInputs::area_low_km2, &StateData::area_low_km2>(
        "remaining_km2_low", U, 0, 1e7, "km2", "low end of the remaining area (3.1)"),
    sim::entity_number<&StateInputs::area_best_km2, &StateData::area_best_km2>(
        "remaining_km2_best", U, 0, 1e7, "km2", "best estimate of the remaining area (3.1)"),
    sim::entity_number<&StateInputs::area_high_km2, &StateData::area_high_km2>(
        "remaining_km2_high", U, 0, 1e7, "km2", "high end of the remaining area (3.1)"),
    sim::entity_number<&StateInputs::confirmed_share, &StateData::confirmed_share>(
        "confirmed_share", U, 0, 1, "", "CHA share of the remaining area (3.1)"),
    sim::entity_number<&StateInputs::release_km2_per_year, &StateData::release_km2_per_year>(
        "release_km2_per_year", U, 0, 1e6, "km2/yr",
        "recent annual land release, the calibration target (5.3)"),
    sim::entity_number<&StateInputs::new_finds_km2_per_year, &StateData::new_finds_km2_per_year>(
        "new_finds_km2_per_year", U, 0, 1e6, "km2/yr",
        "expected new finds a year; 0: the default discovery rate (5.4)"),
    sim::entity_number<&StateInputs::intl_usd_per_year, &StateData::intl_usd_per_year>(
        "intl_support_usd", U, 0, 1e11, "USD/yr", "recent international support (5.1)"),
    sim::entity_number<&StateInputs::national_usd_per_year, &StateData::national_usd_per_year>(
        "national_support_usd", U, 0, 1e11, "USD/yr", "recent national support (5.2)"),
    sim::entity_number<&StateInputs::insecurity, &StateData::insecurity>(
        "insecurity", U, 0, 2, "", "0 none, 1 partial, 2 severe (3.1, 5.3)"),
    sim::entity_flag<&StateInputs::ldc, &StateData::ldc>(
        "ldc", U, "on the UN list of Least Developed Countries (5.6.3)"),
    sim::entity_flag<&StateInputs::high_income, &StateData::high_income>(
        "high_income", U, "World Bank high-income group (5.6.3; income_groups.csv)"),
    sim::entity_flag<&StateInputs::access, &StateData::access>(
        "access", U, "the State can reach its mined areas (model addition, 3.1)"),
};

}  // namespace vtf::parameter_tables
