#pragma once
// Pieces of a study: files that hold the results of a contiguous range of replications together
// with the exact state of their Accumulators, so that pieces can be joined into the file a single
// run would have written. Two kinds exist:
//  - shard files (`vtfsim run --shard K/N`): a results file plus a /merge_state group;
//  - checkpoint segments (`vtfsim run`, see sim/run/checkpoint.hpp): only the per-replication
//    outcomes, their range and the root attributes that identify the study. Their Accumulators
//    are kept once for the whole checkpoint (sim/run/checkpoint_statistics.hpp), so that a
//    checkpoint grows by outcomes only, however often it is saved.
// docs/results-format.md describes them.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sim/engine/model.hpp"
#include "sim/engine/runner.hpp"
#include "sim/results/h5.hpp"
#include "sim/results/outcome_arrays.hpp"
#include "sim/run/study_identity.hpp"

namespace sim {

inline constexpr const char* kMergeStateGroup = "merge_state";

// Adds /merge_state to an open file: the range of replications it holds and their encoded
// Accumulators (sim/run/accumulator_codec.hpp).
void write_merge_state(h5::Group& root, std::uint64_t first, std::uint64_t count,
                       std::span<const std::uint8_t> encoded);
// The dataset `accumulators` of `group`: encoded Accumulators, compressed and checksummed.
void write_encoded_accumulators(h5::Group& group, std::span<const std::uint8_t> encoded);

struct Piece {
  std::string path;
  StudyIdentity identity;
  std::uint64_t first = 0, count = 0;
};

// Opens the shard file `path` and reads what identifies it. Throws InputError naming the file if
// it is not a readable shard (not HDF5, truncated, no /merge_state, another format version).
Piece read_piece(const std::string& path);
// The same for a committed checkpoint segment.
Piece read_segment(const std::string& path);

// Sends the piece's per-replication outcomes to `sink` in blocks (at most `block_size`
// replications, 0: as large as the file's chunks suggest). Throws InputError naming the file if
// the contents do not match the schema or cannot be read (a damaged chunk fails its checksum).
void absorb_outcomes(const Piece& piece, const ModelSchema& schema, const Shape& shape,
                     BlockSink& sink, std::size_t block_size = 0);
// A shard: its outcomes as absorb_outcomes, and its Accumulators merged into `acc`.
void absorb_piece(const Piece& piece, const ModelSchema& schema, const Shape& shape,
                  BlockSink& sink, Accumulators& acc, std::size_t block_size = 0);

// A checkpoint segment being written: blocks are appended in order; commit() records their range,
// makes the file durable and renames it into place, so a committed segment is complete and a
// killed writer leaves only its temporary file.
class SegmentWriter : public BlockSink {
 public:
  SegmentWriter(std::string temp_path, const StudyIdentity& identity, const ModelSchema& schema,
                const Shape& shape, std::uint64_t first, std::uint64_t max_count,
                std::size_t block_size);
  ~SegmentWriter() override;
  SegmentWriter(const SegmentWriter&) = delete;
  SegmentWriter& operator=(const SegmentWriter&) = delete;

  // Blocks must follow each other from `first` without gaps.
  void write_block(const BlockResults& block) override;
  std::uint64_t first() const { return first_; }
  std::uint64_t count() const { return count_; }
  void commit(const std::string& final_path);
  void discard();

 private:
  std::string temp_path_;
  std::uint64_t first_, max_count_, count_ = 0;
  h5::File file_;
  OutcomeArrays arrays_;
  bool done_ = false;
};

}  // namespace sim
