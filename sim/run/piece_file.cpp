#include "sim/run/piece_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>

#include "sim/engine/errors.hpp"
#include "sim/results/results_file.hpp"
#include "sim/run/accumulator_codec.hpp"

namespace sim {
namespace {

namespace fs = std::filesystem;

// Reads [first, first + n) of a per-replication dataset ([S, P, R] or [S, P, R, E]) as doubles,
// in the layout of BlockResults (which is the dataset's own row-major layout).
void read_rows(const h5::Dataset& ds, Storage storage, hsize_t first, hsize_t n,
               std::size_t entities, std::vector<double>& out) {
  const std::vector<hsize_t> dims = ds.dims();
  std::vector<hsize_t> offset = {0, 0, first}, count = {dims[0], dims[1], n};
  if (entities > 0) {
    offset.push_back(0);
    count.push_back(entities);
  }
  if (storage == Storage::kInt32) {
    const auto ints = ds.read_block<std::int32_t>(offset, count);
    out.assign(ints.begin(), ints.end());
  } else {
    out = ds.read_block<double>(offset, count);
  }
}

void sync_path(const std::string& path, bool directory) {
  const int fd = ::open(path.c_str(), (directory ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    const int err = errno;
    if (fd >= 0) ::close(fd);
    throw RuntimeFailure(fmt::format("cannot flush {} to disk: {}", path, std::strerror(err)));
  }
  ::close(fd);
}

}  // namespace

void write_merge_state(h5::Group& root, std::uint64_t first, std::uint64_t count,
                       std::span<const std::uint8_t> encoded) {
  h5::Group g = root.create_group(kMergeStateGroup);
  g.set_attribute("first_replication", static_cast<std::int64_t>(first));
  g.set_attribute("replication_count", static_cast<std::int64_t>(count));
  g.set_attribute("description",
                  "exact state of the run's accumulators for these replications, for vtfsim "
                  "merge and --resume (docs/results-format.md)");
  h5::DatasetOptions opts;
  opts.deflate = 1;
  opts.shuffle = false;
  opts.checksum = true;
  if (!encoded.empty()) opts.chunk = {std::min<hsize_t>(encoded.size(), hsize_t{1} << 20)};
  h5::Dataset ds = g.create_dataset<std::uint8_t>("accumulators", {encoded.size()}, opts);
  if (!encoded.empty()) ds.write(encoded);
}

Piece read_piece(const std::string& path) {
  try {
    h5::File file = h5::File::open_read(path);
    const h5::Group root = file.root();
    require_results_file(root, path);
    Piece piece;
    piece.path = path;
    piece.identity = StudyIdentity::read(root, path);
    if (!root.has_group(kMergeStateGroup)) {
      throw InputError(fmt::format(
          "{}: no /{} group: not a shard file (written without --shard?) or an incomplete one",
          path, kMergeStateGroup));
    }
    const h5::Group state = root.open_group(kMergeStateGroup);
    const auto first = state.int_attribute("first_replication");
    const auto count = state.int_attribute("replication_count");
    if (!first || !count || *first < 0 || *count < 0 || !state.has("accumulators"))
      throw InputError(fmt::format("{}: /{} is incomplete", path, kMergeStateGroup));
    piece.first = static_cast<std::uint64_t>(*first);
    piece.count = static_cast<std::uint64_t>(*count);
    return piece;
  } catch (const h5::Error& e) {
    throw InputError(fmt::format("{}: unreadable (truncated or corrupt?): {}", path, e.what()));
  }
}

void absorb_piece(const Piece& piece, const ModelSchema& schema, const Shape& shape,
                  BlockSink& sink, Accumulators& acc, std::size_t block_size) {
  try {
    h5::File file = h5::File::open_read(piece.path);
    const h5::Group root = file.root();
    const h5::Group outcomes = root.open_group("outcomes");
    const h5::Group by_state = root.open_group("outcomes_by_state");
    std::vector<h5::Dataset> level, entity;
    hsize_t largest_chunk = 1;
    const auto open = [&](const h5::Group& g, const OutcomeSpec& o, bool per_entity) {
      h5::Dataset ds = g.open_dataset(o.name);
      const auto dims = ds.dims();
      const bool ok = dims.size() == (per_entity ? 4u : 3u) && dims[0] == shape.scenarios &&
                      dims[1] == shape.policies && dims[2] >= piece.count &&
                      (!per_entity || dims[3] == shape.entities);
      if (!ok)
        throw InputError(
            fmt::format("{}: {} does not have the shape of this study", piece.path, ds.name()));
      const auto chunk = ds.chunk();
      if (chunk.size() > 2) largest_chunk = std::max(largest_chunk, chunk[2]);
      return ds;
    };
    for (const auto& o : schema.outcomes)
      level.push_back(open(outcomes, o, false));
    for (const auto& o : schema.entity_outcomes)
      entity.push_back(open(by_state, o, true));

    // Blocks at least as long as the file's chunks, so each chunk is decompressed at most twice.
    std::size_t step = block_size;
    if (step == 0) {
      step = std::max<std::size_t>(default_block_size(shape, piece.count),
                                   static_cast<std::size_t>(largest_chunk));
    }
    const std::size_t cells = shape.scenarios * shape.policies;
    BlockResults block;
    std::vector<double> rows;
    for (std::uint64_t done = 0; done < piece.count; done += step) {
      const std::size_t n =
          static_cast<std::size_t>(std::min<std::uint64_t>(step, piece.count - done));
      block.first_replication = piece.first + done;
      block.count = n;
      block.capacity = n;
      block.outcomes.clear();
      block.entity_outcomes.clear();
      for (std::size_t k = 0; k < level.size(); ++k) {
        read_rows(level[k], schema.outcomes[k].storage, done, n, 0, rows);
        block.outcomes.insert(block.outcomes.end(), rows.begin(), rows.end());
      }
      for (std::size_t k = 0; k < entity.size(); ++k) {
        read_rows(entity[k], schema.entity_outcomes[k].storage, done, n, shape.entities, rows);
        block.entity_outcomes.insert(block.entity_outcomes.end(), rows.begin(), rows.end());
      }
      if (block.outcomes.size() != schema.outcomes.size() * cells * n) {
        throw InputError(fmt::format("{}: outcome arrays are incomplete", piece.path));
      }
      sink.write_block(block);
    }

    const h5::Group state = root.open_group(kMergeStateGroup);
    const auto bytes = state.open_dataset("accumulators").read<std::uint8_t>();
    Accumulators part(shape, schema);
    merge_encoded_accumulators(part, bytes);
    if (part.replications() != piece.count) {
      throw InputError(fmt::format("{}: the accumulators hold {} replications, the file {}",
                                   piece.path, part.replications(), piece.count));
    }
    acc.merge(part);
  } catch (const h5::Error& e) {
    throw InputError(
        fmt::format("{}: unreadable (truncated or corrupt?): {}", piece.path, e.what()));
  } catch (const DecodeError& e) {
    throw InputError(fmt::format("{}: {}", piece.path, e.what()));
  }
}

SegmentWriter::SegmentWriter(std::string temp_path, const StudyIdentity& identity,
                             const ModelSchema& schema, const Shape& shape, std::uint64_t first,
                             std::uint64_t max_count, std::size_t block_size)
    : temp_path_(std::move(temp_path)),
      schema_(schema),
      shape_(shape),
      first_(first),
      max_count_(max_count),
      file_(h5::File::create(temp_path_)) {
  h5::Group root = file_.root();
  identity.write(root);
  root.set_attribute("checkpoint_segment", std::int64_t{1});
  h5::Group outcomes = root.create_group("outcomes");
  h5::Group by_state = root.create_group("outcomes_by_state");
  // One chunk per block: blocks are written whole, uncompressed (it is a temporary file and the
  // run's own results file already compresses), with a checksum to catch damage.
  const hsize_t b = std::max<hsize_t>(1, std::min<hsize_t>(block_size, max_count));
  h5::DatasetOptions opts;
  opts.deflate = 0;
  opts.checksum = true;
  const auto create = [&](h5::Group& g, const OutcomeSpec& o, std::vector<hsize_t> dims) {
    opts.chunk = dims;
    opts.chunk[2] = b;
    return o.storage == Storage::kInt32 ? g.create_dataset<std::int32_t>(o.name, dims, opts)
                                        : g.create_dataset<double>(o.name, dims, opts);
  };
  for (const auto& o : schema.outcomes)
    outcomes_.push_back(create(outcomes, o, {shape.scenarios, shape.policies, max_count}));
  for (const auto& o : schema.entity_outcomes) {
    entity_outcomes_.push_back(
        create(by_state, o, {shape.scenarios, shape.policies, max_count, shape.entities}));
  }
}

SegmentWriter::~SegmentWriter() {
  if (!done_) {
    try {
      discard();
    } catch (...) {  // nothing more to do on unwinding
    }
  }
}

void SegmentWriter::write_block(const BlockResults& block) {
  if (block.first_replication != first_ + count_ || count_ + block.count > max_count_) {
    throw std::logic_error(fmt::format("segment {}: block {}+{} does not follow {}+{}", temp_path_,
                                       block.first_replication, block.count, first_, count_));
  }
  const hsize_t offset = count_, n = block.count;
  std::vector<double> values;
  std::vector<std::int32_t> ints;
  const auto put = [&](h5::Dataset& ds, Storage storage, std::vector<hsize_t> off,
                       std::vector<hsize_t> cnt) {
    if (storage == Storage::kInt32) {
      ints.resize(values.size());
      for (std::size_t j = 0; j < values.size(); ++j)
        ints[j] = static_cast<std::int32_t>(std::lround(values[j]));
      ds.write_block<std::int32_t>(off, cnt, ints);
    } else {
      ds.write_block<double>(off, cnt, values);
    }
  };
  for (std::size_t k = 0; k < outcomes_.size(); ++k) {
    values.clear();
    for (std::size_t s = 0; s < shape_.scenarios; ++s) {
      for (std::size_t p = 0; p < shape_.policies; ++p) {
        const double* row = block.outcome_row(shape_, k, s, p);
        values.insert(values.end(), row, row + block.count);
      }
    }
    put(outcomes_[k], schema_.outcomes[k].storage, {0, 0, offset},
        {shape_.scenarios, shape_.policies, n});
  }
  for (std::size_t k = 0; k < entity_outcomes_.size(); ++k) {
    values.clear();
    for (std::size_t s = 0; s < shape_.scenarios; ++s) {
      for (std::size_t p = 0; p < shape_.policies; ++p) {
        const double* rows = block.entity_outcome_rows(shape_, k, s, p);
        values.insert(values.end(), rows, rows + block.count * shape_.entities);
      }
    }
    put(entity_outcomes_[k], schema_.entity_outcomes[k].storage, {0, 0, offset, 0},
        {shape_.scenarios, shape_.policies, n, shape_.entities});
  }
  count_ += block.count;
}

void SegmentWriter::commit(std::span<const std::uint8_t> encoded, const std::string& final_path) {
  h5::Group root = file_.root();
  write_merge_state(root, first_, count_, encoded);
  outcomes_.clear();
  entity_outcomes_.clear();
  file_.close();
  durable_rename(temp_path_, final_path);
  done_ = true;
}

void SegmentWriter::discard() {
  done_ = true;
  outcomes_.clear();
  entity_outcomes_.clear();
  if (file_.is_open()) {
    try {
      file_.close();
    } catch (const h5::Error&) {  // the file is being thrown away
    }
  }
  std::error_code ec;
  fs::remove(temp_path_, ec);
}

void durable_rename(const std::string& path, const std::string& final_path) {
  sync_path(path, false);
  std::error_code ec;
  fs::rename(path, final_path, ec);
  if (ec) {
    throw RuntimeFailure(fmt::format("cannot rename {} to {}: {}", path, final_path, ec.message()));
  }
  const fs::path dir = fs::path(final_path).parent_path();
  sync_path(dir.empty() ? "." : dir.string(), true);
}

}  // namespace sim
