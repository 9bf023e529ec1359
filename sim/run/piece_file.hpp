#pragma once
// Pieces of a study: files that hold the results of a contiguous range of replications together
// with the exact state of their Accumulators, so that pieces can be joined into the file a single
// run would have written. Two kinds exist:
//  - shard files (`vtfsim run --shard K/N`): a results file plus a /merge_state group;
//  - checkpoint segments (`vtfsim run`, see sim/run/checkpoint.hpp): only the per-replication
//    outcomes, the /merge_state group and the root attributes that identify the study.
// Both are read the same way (read_piece, absorb_piece). docs/results-format.md describes them.
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

struct Piece {
  std::string path;
  StudyIdentity identity;
  std::uint64_t first = 0, count = 0;
};

// Opens `path` and reads what identifies it. Throws InputError naming the file if it is not a
// readable piece (not HDF5, truncated, no /merge_state, another format version).
Piece read_piece(const std::string& path);

// Sends the piece's per-replication outcomes to `sink` in blocks (at most `block_size`
// replications, 0: as large as the file's chunks suggest) and merges its Accumulators into
// `acc`. Throws InputError naming the file if the contents do not match the schema or cannot be
// read (a damaged chunk fails its checksum).
void absorb_piece(const Piece& piece, const ModelSchema& schema, const Shape& shape,
                  BlockSink& sink, Accumulators& acc, std::size_t block_size = 0);

// A checkpoint segment being written: blocks are appended in order; commit() adds the
// Accumulators of exactly those replications, makes the file durable and renames it into place,
// so a committed segment is complete and a killed writer leaves only its temporary file.
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
  void commit(std::span<const std::uint8_t> encoded, const std::string& final_path);
  void discard();

 private:
  std::string temp_path_;
  std::uint64_t first_, max_count_, count_ = 0;
  h5::File file_;
  OutcomeArrays arrays_;
  bool done_ = false;
};

}  // namespace sim
