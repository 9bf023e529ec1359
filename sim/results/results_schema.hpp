#pragma once
// The layout a results file, a shard or a checkpoint segment must have for its readers not to
// read past an array: every required group present, every array the shape its coordinates
// imply, the attributes readers rely on of the right type. Checked when a file is opened
// (require_results_file), so that a damaged or hand-edited file is one InputError naming the
// file and what is wrong, never an HDF5 message, a crash or numbers that are not in the file.
#include <string>

#include "sim/results/h5.hpp"

namespace sim {

// Throws InputError "<path>: a damaged results file: <what>". Only what is present is checked
// (read_comparison says when /comparison is missing). A checkpoint segment (attribute
// checkpoint_segment) is not checked here: it has no coordinates, and resuming checks its checksums
// and identity.
void require_results_layout(const h5::Group& root, const std::string& path);

}  // namespace sim
