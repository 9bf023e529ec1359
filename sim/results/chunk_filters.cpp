#include "sim/results/chunk_filters.hpp"

#include <zlib.h>

#include <stdexcept>

namespace sim {

std::vector<std::uint8_t> shuffle_and_deflate(std::span<const std::uint8_t> raw,
                                              std::size_t element_size, bool shuffle, int level) {
  std::vector<std::uint8_t> shuffled;
  std::span<const std::uint8_t> input = raw;
  if (shuffle && element_size > 1 && raw.size() > element_size) {
    // Byte j of every element together, as H5Z_filter_shuffle lays them out (whole elements
    // only: a chunk never holds a part of one).
    const std::size_t n = raw.size() / element_size;
    shuffled.resize(raw.size());
    for (std::size_t j = 0; j < element_size; ++j) {
      for (std::size_t i = 0; i < n; ++i)
        shuffled[j * n + i] = raw[i * element_size + j];
    }
    input = shuffled;
  }
  uLongf size = compressBound(static_cast<uLong>(input.size()));
  std::vector<std::uint8_t> stored(size);
  if (compress2(stored.data(), &size, input.data(), static_cast<uLong>(input.size()), level) !=
      Z_OK) {
    throw std::runtime_error("zlib could not deflate a chunk");
  }
  stored.resize(size);
  return stored;
}

}  // namespace sim
