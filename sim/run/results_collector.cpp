#include "sim/run/results_collector.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "sim/run/accumulator_codec.hpp"
#include "sim/run/interrupt.hpp"

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

ResultsCollector::~ResultsCollector() = default;

void ResultsCollector::restored(const Interval& segment) { saved_.push_back(segment); }

void ResultsCollector::block(int source, const BlockResults& block) {
  results_.write_block(block);
  auto [it, fresh] = open_.try_emplace(source, Interval{block.first_replication, 0});
  if (block.first_replication != it->second.end()) {
    throw std::logic_error(fmt::format("rank {}: block {}+{} does not follow {}+{}", source,
                                       block.first_replication, block.count, it->second.first,
                                       it->second.count));
  }
  it->second.count += block.count;
  auto& segment = live_[source];
  if (!segment) {
    segment = std::make_unique<SegmentWriter>(
        checkpoint_.temp_path(source, block.first_replication), identity_, schema_, shape_,
        block.first_replication, std::numeric_limits<std::uint64_t>::max(), block_size_);
  }
  segment->write_block(block);
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
  if (acc == nullptr) {
    merge_encoded_accumulators(totals_, encoded);
  } else {
    totals_.merge(*acc);
  }
  const auto live = live_.find(source);
  std::unique_ptr<SegmentWriter> segment;
  if (live != live_.end()) {
    segment = std::move(live->second);
    live_.erase(live);
  }
  if (!segment) return;
  if (!commit || count == 0) {
    segment->discard();
    unsaved_ += count;
    return;
  }
  // The statistics saved are the run's totals, so these must hold nothing unsaved.
  if (unsaved_ > 0) {
    throw std::logic_error(
        fmt::format("segment {}+{} of rank {} is saved after {} replications "
                    "that were not",
                    first, count, source, unsaved_));
  }
  segment->commit(checkpoint_.segment_path(first, count));
  saved_.push_back({first, count});
  hold_for_test("segment-saved");
  checkpoint_.save_statistics(identity_, saved_, encode_accumulators(totals_));
  committed_ += count;
  if (on_commit) on_commit(first, count);
}

}  // namespace sim
