#pragma once
// The 35 States Parties as a user needs them to write a scenario file and to judge a result: the
// names a file may use, the data's region, LDC status, income group and quality, and how each
// State's clearance cost was calibrated (`vtfsim info --states`).
#include <string>
#include <vector>

#include "models/calibration.hpp"
#include "sim/study/design.hpp"

namespace vtf {

struct StateListing {
  std::string name, iso3, region;
  bool ldc = false;                  // as the study's first scenario has it
  std::string income_group;          // L, LM, UM or H (income_groups.csv)
  std::string quality;               // A, B or C (states_parties.csv)
  std::vector<std::string> aliases;  // other names a scenario file may use, ISO3 aside
  CalibrationStatus calibration = CalibrationStatus::kCalibrated;
};

// Every State of the reference data, in its order, calibrated as a run of `study` calibrates its
// first scenario (MODEL.md 5.3): that scenario's parameters under the baseline policy.
std::vector<StateListing> list_states(const sim::Study& study);

}  // namespace vtf
