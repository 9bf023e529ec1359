#pragma once
// The per-replication outcome arrays that results files, shards and checkpoint segments hold:
// /outcomes/<name> [scenario, policy, replication] and /outcomes_by_<entity>/<name>
// [scenario, policy, replication, entity], int32 or float64 after each outcome's Storage. One
// component creates, writes, reads back and opens them, so that every kind of file lays them out
// alike and a reader of one reads them all.
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/model.hpp"
#include "sim/engine/runner.hpp"
#include "sim/results/chunk_rows.hpp"
#include "sim/results/h5.hpp"

namespace sim {

// How new arrays are laid out.
struct OutcomeArrayLayout {
  // Results files (labelled): every axis a dimension scale, units, long_name and better
  // attributes, compressed chunks sized so that blocks fill them in place. Checkpoint segments
  // (not labelled): bare, uncompressed and checksummed, one chunk per block of `block`.
  bool labelled = true;
  // The replication axis is unlimited (precision control, and segments written as the run goes).
  bool growing = false;
  hsize_t block = 0;  // replications per chunk of an unlabelled layout
};

class OutcomeArrays {
 public:
  OutcomeArrays() = default;
  // Creates the two groups in `root` and their arrays for `replications` replications. A
  // labelled layout needs the root's coordinates (scenario, policy, replication, entity).
  static OutcomeArrays create(h5::Group& root, const ModelSchema& schema, const Shape& shape,
                              hsize_t replications, const OutcomeArrayLayout& layout);
  // Opens a file's arrays, each of which must have the study's shape and at least
  // `replications` replications; throws InputError naming `path` otherwise.
  static OutcomeArrays open(const h5::Group& root, const ModelSchema& schema, const Shape& shape,
                            hsize_t replications, const std::string& path);

  // Writes the block's replications at replication `offset` of the arrays.
  void write(const BlockResults& block, hsize_t offset);
  // Reads replications [offset, offset + count) into block.outcomes and block.entity_outcomes,
  // in the layout of a block of capacity `count` (the arrays' own row-major layout).
  void read(hsize_t offset, std::size_t count, BlockResults& block) const;
  // Writes out every replication written so far that is still held in a partly filled row of
  // chunks. Reading through this object (read) and closing it do so themselves; whatever reads
  // the arrays by another path must flush first.
  void flush() const;
  // Extends every array to `replications` (a growing layout only).
  void set_extent(hsize_t replications);
  // The most replications one chunk holds (1 when the arrays are not chunked), so that readers
  // can ask for whole chunks.
  hsize_t largest_chunk() const;
  // Closes the datasets: before their file, which HDF5 1.10 needs (see ResultsWriter::close).
  void close();

 private:
  OutcomeArrays(const ModelSchema& schema, const Shape& shape) : schema_(&schema), shape_(shape) {}

  const ModelSchema* schema_ = nullptr;
  Shape shape_;
  // Mutable: what a read or a close must first write out (flush) is the file's content, not
  // this object's state.
  mutable std::vector<h5::Dataset> outcomes_, entity_outcomes_;
  // [outcome]: the rows of chunks being filled of a compressed array; empty for one HDF5 writes
  // in place (a segment's).
  mutable std::vector<std::optional<ChunkRows>> outcome_rows_, entity_outcome_rows_;
};

}  // namespace sim
