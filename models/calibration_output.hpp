#pragma once
// The calibration of MODEL.md 5.3 in the results file, under /calibration: each State's
// calibrated cost, the national money and first-year release behind it, and its status.
#include "models/vtf_model.hpp"
#include "sim/results/h5.hpp"

namespace vtf {

void write_calibration(sim::h5::Group& root, const VtfModel& model);

}  // namespace vtf
