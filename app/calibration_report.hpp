#pragma once
// The calibration of MODEL.md 5.3 in the run's log, where the spec asks for it: States whose
// cost was clipped or imputed, with the reason (the results file has it too:
// models/calibration_output.hpp).
#include <cstdio>

#include "models/vtf_model.hpp"

namespace vtf::app {

void log_calibration(std::FILE* out, const VtfModel& model);

}  // namespace vtf::app
