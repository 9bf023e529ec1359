#pragma once
// The funding gap (funding_gap.hpp) in the results file, under /funding_gap: per scenario and
// State at the start, and per scenario, year and State in the baseline (from /trajectories, so
// it is written after the run's summaries). docs/results-format.md, "/funding_gap".
#include <string>

#include "models/vtf_model.hpp"
#include "sim/results/h5.hpp"
#include "sim/study/design.hpp"

namespace vtf {

void write_funding_gap(sim::h5::Group& root, const VtfModel& model, const sim::Study& study);

// Opens the finished results file at `path` (summaries written, file closed, not yet renamed:
// the run's write_final_groups hook) and adds /funding_gap; an HDF5 failure is a RuntimeFailure
// naming the group and the file.
void add_funding_gap(const std::string& path, const VtfModel& model, const sim::Study& study);

}  // namespace vtf
