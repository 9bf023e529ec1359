#include "sim/run/results_collector.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "sim/run/accumulator_codec.hpp"

namespace sim {

ResultsCollector::ResultsCollector(ResultsWriter& results, const Checkpoint& checkpoint,
                                   StudyIdentity identity, const ModelSchema& schema,
                                   const Shape& shape, std::size_t block_size, Accumulators& totals)
    : results_(results),
      checkpoint_(checkpoint),
      identity_(std::move(identity)),
      schema_(schema),
      shape_(shape),
      block_size_(std::max<std::size_t>(1, block_size)),
      totals_(totals) {}

void ResultsCollector::block(int source, const BlockResults& block) {
  results_.write_block(block);
  auto [it, fresh] = open_.try_emplace(source, Interval{block.first_replication, 0});
  if (block.first_replication != it->second.end()) {
    throw std::logic_error(fmt::format("rank {}: block {}+{} does not follow {}+{}", source,
                                       block.first_replication, block.count, it->second.first,
                                       it->second.count));
  }
  it->second.count += block.count;
  if (source != 0) received_ += block.count;
}

void ResultsCollector::end_segment(int source, std::uint64_t first, std::uint64_t count,
                                   const Accumulators* acc, std::span<const std::uint8_t> encoded,
                                   bool commit) {
  const auto it = open_.find(source);
  const Interval written = it == open_.end() ? Interval{first, 0} : it->second;
  if (it != open_.end()) open_.erase(it);
  if (written.first != first || written.count != count) {
    throw std::logic_error(fmt::format("segment {}+{} of rank {} was written as {}+{}", first,
                                       count, source, written.first, written.count));
  }
  std::vector<std::uint8_t> own;
  if (acc == nullptr) {
    merge_encoded_accumulators(totals_, encoded);
  } else {
    totals_.merge(*acc);
    if (commit) {
      own = encode_accumulators(*acc);
      encoded = own;
    }
  }
  if (commit && count > 0) save_segment(source, first, count, encoded);
}

void ResultsCollector::save_segment(int source, std::uint64_t first, std::uint64_t count,
                                    std::span<const std::uint8_t> encoded) {
  SegmentWriter segment(checkpoint_.temp_path(source, first), identity_, schema_, shape_, first,
                        count, block_size_);
  for (std::uint64_t done = 0; done < count; done += block_size_) {
    const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(block_size_, count - done));
    segment.write_block(results_.read_block(first + done, n));
  }
  segment.commit(encoded, checkpoint_.segment_path(first, count));
  committed_ += count;
  if (on_commit) on_commit(first, count);
}

}  // namespace sim
