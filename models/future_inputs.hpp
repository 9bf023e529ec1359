#pragma once
// What defines each future of a study, for scenario discovery (issue 13): per scenario x
// replication, summaries of the world drawn for it (the donors' envelope path, the contributors'
// exits and payments, applications, partners' underperformance, the States' initial areas,
// finds and insecurity), computed from the same random streams the run used, so they are the
// futures the outcomes came from. Written to /inputs by the run's and the merge's final hook.
#include <string>

#include "models/vtf_model.hpp"
#include "sim/results/future_inputs.hpp"

namespace vtf {

// The inputs of replications `replication_index` of every scenario of `model`, from worlds
// drawn as `draws` says (the part the summaries read, unless a test asks for all of it).
sim::FutureInputs future_inputs(const VtfModel& model,
                                const std::vector<std::int64_t>& replication_index,
                                WorldDraws draws = WorldDraws::kForSummaries);

// Opens the finished results file at `path` and adds /inputs for its replications; an HDF5
// failure is a RuntimeFailure naming the group and the file.
void add_future_inputs(const std::string& path, const VtfModel& model);

}  // namespace vtf
