#include "sim/run/checkpoint_statistics.hpp"

#include <fmt/format.h>

#include "sim/engine/errors.hpp"
#include "sim/results/h5.hpp"
#include "sim/run/accumulator_codec.hpp"
#include "sim/run/durable_rename.hpp"
#include "sim/run/piece_file.hpp"

namespace sim {
namespace {

constexpr const char* kStatisticsAttribute = "checkpoint_statistics";
constexpr const char* kSegments = "segments";

InputError unreadable(const std::string& path, const std::string& why) {
  return InputError(fmt::format(
      "checkpoint statistics {}: {}. The checkpoint cannot be resumed without them: run the "
      "same command with --force to start over",
      path, why));
}

}  // namespace

void write_checkpoint_statistics(const std::string& temp_path, const std::string& path,
                                 const StudyIdentity& identity,
                                 const std::vector<Interval>& segments,
                                 std::span<const std::uint8_t> encoded) {
  {
    h5::File file = h5::File::create(temp_path);
    h5::Group root = file.root();
    identity.write(root);
    root.set_attribute(kStatisticsAttribute, std::int64_t{1});
    root.set_attribute("description",
                       "exact state of the run's accumulators for the replications of the "
                       "segments listed in `segments` (first, count), for --resume");
    std::vector<std::int64_t> ranges;
    for (const Interval& s : segments) {
      ranges.push_back(static_cast<std::int64_t>(s.first));
      ranges.push_back(static_cast<std::int64_t>(s.count));
    }
    root.create_dataset<std::int64_t>(kSegments, {segments.size(), 2}).write(ranges);
    write_encoded_accumulators(root, encoded);
    file.close();
  }
  durable_rename(temp_path, path);
}

CheckpointStatistics read_checkpoint_statistics(const std::string& path) {
  try {
    h5::File file = h5::File::open_read(path);
    const h5::Group root = file.root();
    if (!root.int_attribute(kStatisticsAttribute) || !root.has(kSegments) ||
        !root.has("accumulators")) {
      throw unreadable(path, "not the statistics of a checkpoint");
    }
    CheckpointStatistics st;
    st.identity = StudyIdentity::read(root, path);
    const h5::Dataset ds = root.open_dataset(kSegments);
    const auto dims = ds.dims();
    if (dims.size() != 2 || dims[1] != 2 || !ds.holds_integers())
      throw unreadable(path, "its list of segments is damaged");
    const auto ranges = ds.read<std::int64_t>();
    for (std::size_t i = 0; i + 1 < ranges.size(); i += 2) {
      if (ranges[i] < 0 || ranges[i + 1] < 0)
        throw unreadable(path, "its list of segments is damaged");
      st.segments.push_back(
          {static_cast<std::uint64_t>(ranges[i]), static_cast<std::uint64_t>(ranges[i + 1])});
    }
    return st;
  } catch (const h5::Error& e) {
    throw unreadable(path, fmt::format("unreadable (truncated or corrupt?): {}", e.what()));
  }
}

void absorb_checkpoint_statistics(const std::string& path, const Shape& shape,
                                  const ModelSchema& schema, std::uint64_t replications,
                                  Accumulators& acc) {
  Accumulators saved(shape, schema);
  try {
    h5::File file = h5::File::open_read(path);
    merge_encoded_accumulators(saved,
                               file.root().open_dataset("accumulators").read<std::uint8_t>());
  } catch (const h5::Error& e) {
    throw unreadable(path, fmt::format("unreadable (truncated or corrupt?): {}", e.what()));
  } catch (const DecodeError& e) {
    throw unreadable(path, e.what());
  }
  if (saved.replications() != replications) {
    throw unreadable(path, fmt::format("they hold {} replications, its segments {}",
                                       saved.replications(), replications));
  }
  acc.merge(saved);
}

}  // namespace sim
