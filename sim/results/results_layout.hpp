#pragma once
// The parts of a results file's layout that ResultsWriter writes (one job per file): shared by
// results_writer.cpp, results_design.cpp and results_summaries.cpp, not part of the interface.
#include <string>
#include <vector>

#include "sim/engine/model.hpp"
#include "sim/engine/runner.hpp"
#include "sim/results/h5.hpp"
#include "sim/study/design.hpp"

namespace sim {

// A new group of `root` with its own copies of the coordinates `dims`, so that xarray opens it
// on its own with named coordinates.
h5::Group group_with(h5::Group& root, const std::string& name,
                     const std::vector<std::string>& dims);

// /scenarios and /policies: which values of each uncertainty and lever made each scenario and
// policy.
void write_design(h5::Group& root, const ExperimentDesign& design);

// The schema's decomposition group: its per-entity parts of paired means, if it declares any.
void write_decompositions(h5::Group& root, const Accumulators& acc, const ModelSchema& schema,
                          std::size_t scenarios, std::size_t policies);

}  // namespace sim
