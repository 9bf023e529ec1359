#include "sim/results_collector.hpp"

#include <fmt/format.h>

#include "sim/accumulator_codec.hpp"

namespace sim {

ResultsCollector::ResultsCollector(BlockSink& results, const Checkpoint& checkpoint,
                                   StudyIdentity identity, const ModelSchema& schema,
                                   const Shape& shape, std::size_t block_size, Accumulators& totals)
    : results_(results),
      checkpoint_(checkpoint),
      identity_(std::move(identity)),
      schema_(schema),
      shape_(shape),
      block_size_(block_size),
      totals_(totals) {}

ResultsCollector::~ResultsCollector() = default;  // open segments discard their files

void ResultsCollector::block(int source, const BlockResults& block, std::uint64_t interval_end) {
  results_.write_block(block);
  auto& segment = open_[source];
  if (!segment) {
    segment = std::make_unique<SegmentWriter>(
        checkpoint_.temp_path(source, block.first_replication), identity_, schema_, shape_,
        block.first_replication, interval_end - block.first_replication, block_size_);
  }
  segment->write_block(block);
  if (source != 0) received_ += block.count;
}

void ResultsCollector::end_segment(int source, std::uint64_t first, std::uint64_t count,
                                   const Accumulators* acc, std::span<const std::uint8_t> encoded,
                                   bool commit) {
  auto it = open_.find(source);
  std::unique_ptr<SegmentWriter> segment;
  if (it != open_.end()) {
    segment = std::move(it->second);
    open_.erase(it);
  }
  if (count > 0 && (!segment || segment->first() != first || segment->count() != count)) {
    throw std::logic_error(
        fmt::format("segment {}+{} of rank {} was not written as such", first, count, source));
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
  if (!segment) return;
  if (commit) {
    segment->commit(encoded, checkpoint_.segment_path(first, count));
    committed_ += count;
    if (on_commit) on_commit(first, count);
  } else {
    segment->discard();
  }
}

}  // namespace sim
