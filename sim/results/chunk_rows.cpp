#include "sim/results/chunk_rows.hpp"

#include <tbb/parallel_for.h>

#include <cmath>
#include <cstring>
#include <stdexcept>

#include "sim/results/chunk_filters.hpp"

namespace sim {

void ChunkRows::write(h5::Dataset& ds, hsize_t first, std::size_t count,
                      const std::function<const double*(std::size_t cell)>& cell_values) {
  const hsize_t run = layout_.run;
  const std::size_t per = layout_.per_replication;
  const hsize_t end = first + count;
  if (end > extent_) throw std::logic_error("ChunkRows::write beyond the array's extent");
  for (hsize_t r = first; r < end; ++r) {
    if (already_written(r)) throw std::logic_error("ChunkRows::write: a replication written twice");
  }
  for (hsize_t index = first / run; index * run < end; ++index) {
    const hsize_t row_start = index * run;
    const hsize_t a = std::max(first, row_start), b = std::min(end, row_start + run);
    Row& row = rows_[index];
    if (row.bytes.empty()) {
      row.bytes = std::move(spare_);  // a written row's buffer, so rows are not reallocated
      row.bytes.assign(cells() * chunk_bytes(), 0);
      row.copied.assign(run, false);
    }
    // Cells are copied in parallel too: on many threads, whatever stays on the writing thread
    // bounds the run.
    tbb::parallel_for(std::size_t{0}, cells(), [&](std::size_t c) {
      const double* src = cell_values(c) + (a - first) * per;
      std::uint8_t* dst =
          row.bytes.data() + c * chunk_bytes() + (a - row_start) * per * element_size();
      const std::size_t n = static_cast<std::size_t>(b - a) * per;
      if (layout_.integers) {
        for (std::size_t j = 0; j < n; ++j) {
          const auto v = static_cast<std::int32_t>(std::lround(src[j]));
          std::memcpy(dst + 4 * j, &v, 4);
        }
      } else {
        std::memcpy(dst, src, n * 8);
      }
    });
    for (hsize_t r = a; r < b; ++r)
      row.copied[r - row_start] = true;
    row.filled += b - a;
    row.dirty = true;
    if (row.filled == std::min(run, extent_ - row_start)) {
      write_row(ds, index, row);
      if (row.filled == run || !layout_.growing) {
        spare_ = std::move(row.bytes);
        rows_.erase(index);
        if (complete_.size() <= index) complete_.resize(index + 1, false);
        complete_[index] = true;
      }
    }
  }
}

bool ChunkRows::already_written(hsize_t replication) const {
  const hsize_t index = replication / layout_.run;
  if (index < complete_.size() && complete_[index]) return true;
  const auto it = rows_.find(index);
  return it != rows_.end() && it->second.copied[replication - index * layout_.run];
}

void ChunkRows::flush(h5::Dataset& ds) {
  for (auto& [index, row] : rows_) {
    if (row.dirty) write_row(ds, index, row);
  }
}

void ChunkRows::write_row(h5::Dataset& ds, hsize_t index, Row& row) const {
  std::vector<std::vector<std::uint8_t>> stored(cells());
  const std::size_t bytes = chunk_bytes();
  tbb::parallel_for(std::size_t{0}, cells(), [&](std::size_t c) {
    stored[c] = shuffle_and_deflate({row.bytes.data() + c * bytes, bytes}, element_size(),
                                    layout_.shuffle, layout_.level);
  });
  std::vector<hsize_t> offset = {0, 0, index * layout_.run};
  if (layout_.per_entity) offset.push_back(0);
  for (std::size_t c = 0; c < cells(); ++c) {
    offset[0] = c / layout_.policies;
    offset[1] = c % layout_.policies;
    ds.write_chunk(offset, stored[c]);
  }
  row.dirty = false;
}

}  // namespace sim
