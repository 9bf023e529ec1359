#pragma once
// The calibration of MODEL.md 5.3, reported where the spec asks: in the run's log (States whose
// cost was clipped or imputed, with the reason) and in the results file under /calibration.
#include <cstdio>

#include "models/vtf_model.hpp"
#include "sim/results/h5.hpp"

namespace vtf::app {

void log_calibration(std::FILE* out, const VtfModel& model);
void write_calibration(sim::h5::Group root, const VtfModel& model);

}  // namespace vtf::app
