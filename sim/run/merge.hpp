#pragma once
// Merge: the shard files of one study (run --shard K/N) joined into the file a single run would
// have written. The per-replication outcomes are copied; the summaries are computed from the
// shards' exact Accumulators merged (sim/run/accumulator_codec.hpp), through the same code as the
// end of a run (sim/run/run_summaries.hpp), so they are the same bits too.
#include <functional>
#include <string>
#include <vector>

#include "sim/engine/model.hpp"
#include "sim/results/h5.hpp"
#include "sim/results/results_file.hpp"
#include "sim/run/piece_file.hpp"
#include "sim/study/design.hpp"

namespace sim {

// Every shard of one split, checked and in order of their replications.
struct ShardSet {
  std::vector<Piece> shards;
  std::string scenario_path;  // as recorded by the shards' run
  const StudyIdentity& identity() const { return shards.front().identity; }
};

// Reads the shards' identities. Throws InputError unless they are all N shards of one split of
// one study, each once, simulated by this build (`version`, `git_commit`).
ShardSet read_shards(const std::vector<std::string>& paths, const std::string& version,
                     const std::string& git_commit);

struct MergeRequest {
  std::string output_path;
  bool force = false;
  bool quiet = false;
  Provenance provenance;
  std::function<void(h5::Group&)> write_model_groups;  // as for run_study
  std::function<void(const std::string& path, const Comparison&)> write_final_groups;  // the same
};

// Writes the merged results file (durably, under a temporary name until complete) for `model`
// and `study` rebuilt from the shards' scenario text; returns its comparison.
Comparison merge_shards(const Model& model, const Study& study, const ShardSet& set,
                        const MergeRequest& request);

}  // namespace sim
