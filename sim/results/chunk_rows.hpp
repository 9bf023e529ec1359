#pragma once
// One compressed per-replication array of a results file, [scenario, policy, replication] or
// [scenario, policy, replication, entity] in chunks of [1, 1, run(, entity)], written a row of
// chunks (every scenario and policy, `run` replications) at a time: blocks of replications are
// copied into the row, and a row that is complete is compressed on the run's worker threads,
// chunk by chunk, and handed to HDF5 as stored bytes (direct chunk writes). HDF5's own path
// compresses every chunk on the one thread that writes, which bounded a run at about ten cores.
// The stored bytes are those HDF5 would make (chunk_filters.hpp).
#include <cstdint>
#include <functional>
#include <map>
#include <vector>

#include "sim/results/h5.hpp"

namespace sim {

class ChunkRows {
 public:
  struct Layout {
    std::size_t scenarios = 0, policies = 0;
    bool per_entity = false;          // [scenario, policy, replication, entity]
    bool growing = false;             // the replication axis may be extended later
    std::size_t per_replication = 1;  // entities of a per-entity array, else 1
    hsize_t run = 1;                  // replications per chunk
    bool integers = false;            // int32 elements (values rounded), else float64
    bool shuffle = true;
    int level = 1;
  };
  ChunkRows(const Layout& layout, hsize_t extent) : layout_(layout), extent_(extent) {}

  // Copies replications [first, first + count) of every (scenario, policy) cell into their rows,
  // `cell_values(s * policies + p)` giving the cell's count x per_replication values in order,
  // and writes each row this completes. Each replication is written once (std::logic_error for
  // one written twice or beyond the extent, before anything is copied).
  void write(h5::Dataset& ds, hsize_t first, std::size_t count,
             const std::function<const double*(std::size_t cell)>& cell_values);
  // Writes every row that holds values not yet in the file, partial rows padded with zeros (the
  // arrays' fill value): before anything reads the array, and before it is closed.
  void flush(h5::Dataset& ds);
  // A growing array's new extent (replications).
  void set_extent(hsize_t extent) { extent_ = extent; }

 private:
  struct Row {
    std::vector<std::uint8_t> bytes;  // [cell][replication in the row][per_replication]
    std::vector<bool> copied;         // [replication in the row]
    hsize_t filled = 0;               // replications copied in
    bool dirty = false;               // holds values not yet written
  };
  std::size_t cells() const { return layout_.scenarios * layout_.policies; }
  std::size_t element_size() const { return layout_.integers ? 4 : 8; }
  std::size_t chunk_bytes() const {
    return static_cast<std::size_t>(layout_.run) * layout_.per_replication * element_size();
  }
  void write_row(h5::Dataset& ds, hsize_t index, Row& row) const;
  bool already_written(hsize_t replication) const;

  Layout layout_;
  hsize_t extent_;
  // Rows being filled, by index, dropped once written whole: a growing array's row that ends at
  // the extent is written and kept, as the array may be extended into it later.
  std::map<hsize_t, Row> rows_;
  std::vector<bool> complete_;  // [row]: written whole and dropped
  // The buffer of the row dropped last, for the next row: rows of several MiB allocated and
  // freed on whichever thread writes left the allocator's per-thread arenas holding 120 MiB
  // more at the peak of a run of 100 scenarios x 6 policies.
  std::vector<std::uint8_t> spare_;
};

}  // namespace sim
