#pragma once
// HDF5's shuffle and deflate filters, applied outside HDF5 so that chunks can be compressed on
// many threads and written with a direct chunk write (h5::Dataset::write_chunk). The bytes are
// those HDF5's own pipeline makes (H5Z_filter_shuffle, then zlib's compress2 at the dataset's
// level, as H5Z_filter_deflate calls it), so a file reads, and stores, the same either way.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace sim {

// The stored bytes of one chunk: `raw` (whole elements of `element_size` bytes) byte-shuffled
// when `shuffle` (and elements are wider than a byte), then deflated at `level` (1-9).
std::vector<std::uint8_t> shuffle_and_deflate(std::span<const std::uint8_t> raw,
                                              std::size_t element_size, bool shuffle, int level);

}  // namespace sim
