#pragma once
// The statistics of a checkpoint: the Accumulators of every replication its committed segments
// hold, kept once in one file (`statistics.h5` in the checkpoint's directory) that each save
// replaces whole. Segments hold outcomes only, so a checkpoint grows by its outcomes plus one set
// of statistics however often it is saved, and a save costs the same late in a run as early.
// The file lists the segments it covers: a segment committed after the last statistics (a kill
// between the two renames) is not part of the checkpoint, and its replications run again.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sim/engine/runner.hpp"
#include "sim/run/interval.hpp"
#include "sim/run/study_identity.hpp"

namespace sim {

// Writes the statistics to `temp_path` and renames them durably to `path`. Throws
// RuntimeFailure (or h5::Error) if they cannot be written.
void write_checkpoint_statistics(const std::string& temp_path, const std::string& path,
                                 const StudyIdentity& identity,
                                 const std::vector<Interval>& segments,
                                 std::span<const std::uint8_t> encoded);

struct CheckpointStatistics {
  StudyIdentity identity;
  std::vector<Interval> segments;  // the ranges covered, in the order they were saved
};

// What identifies the statistics at `path` and the segments they cover. Throws InputError naming
// the file if it is unreadable or not checkpoint statistics.
CheckpointStatistics read_checkpoint_statistics(const std::string& path);

// Merges the statistics' Accumulators into `acc`. Throws InputError naming the file if they are
// unreadable or do not hold `replications` replications.
void absorb_checkpoint_statistics(const std::string& path, const Shape& shape,
                                  const ModelSchema& schema, std::uint64_t replications,
                                  Accumulators& acc);

}  // namespace sim
