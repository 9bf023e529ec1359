#pragma once
// The exact state of a run's Accumulators as bytes, so that summaries can be finished elsewhere:
// from shard files (`vtfsim merge`), from checkpoints (`vtfsim run --resume`) and from other MPI
// ranks. Every number in an Accumulators is an integer (fixed-point sums, counts, sketch bucket
// counts), so saving, restoring and merging lose nothing: merging the states of any partition of
// the replications gives the state a single run over all of them would have had.
//
// Format (little-endian, unsigned LEB128 varints, signed ones zigzag-encoded): a magic string and
// format number; the shape (scenarios, policies, entities, periods, outcome counts, sketches),
// which must match on reading; the replication count; then every outcome's moments, every
// paired accumulator, the trajectory sums (each as the difference from the previous cell, which
// keeps them short) and every sketch's zero count and non-zero buckets.
#include <cstdint>
#include <span>
#include <stdexcept>
#include <vector>

#include "sim/engine/runner.hpp"

namespace sim {

// The bytes are not an Accumulators state of this shape: truncated, corrupt or another study.
class DecodeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::vector<std::uint8_t> encode_accumulators(const Accumulators& acc);

// Adds the encoded state to `into` (which must have the same shape) as Accumulators::merge
// would. Throws DecodeError, leaving `into` unspecified, if the bytes do not decode.
void merge_encoded_accumulators(Accumulators& into, std::span<const std::uint8_t> bytes);

}  // namespace sim
