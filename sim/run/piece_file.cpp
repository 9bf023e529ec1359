#include "sim/run/piece_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "sim/engine/errors.hpp"
#include "sim/results/outcome_arrays.hpp"
#include "sim/results/results_file.hpp"
#include "sim/run/accumulator_codec.hpp"
#include "sim/run/durable_rename.hpp"

namespace sim {

namespace fs = std::filesystem;

namespace {

constexpr const char* kSegmentAttribute = "checkpoint_segment";

// The range attributes of a shard's /merge_state or of a segment's root.
void write_range(h5::Group& g, std::uint64_t first, std::uint64_t count) {
  g.set_attribute("first_replication", static_cast<std::int64_t>(first));
  g.set_attribute("replication_count", static_cast<std::int64_t>(count));
}

bool read_range(const h5::Group& g, Piece& piece) {
  const auto first = g.int_attribute("first_replication");
  const auto count = g.int_attribute("replication_count");
  if (!first || !count || *first < 0 || *count < 0) return false;
  piece.first = static_cast<std::uint64_t>(*first);
  piece.count = static_cast<std::uint64_t>(*count);
  return true;
}

// HDF5's failures (not HDF5, truncated, a damaged chunk) as InputError naming the file.
template <class F>
auto reading(const std::string& path, F&& read) {
  try {
    return read();
  } catch (const h5::Error& e) {
    throw InputError(fmt::format("{}: unreadable (truncated or corrupt?): {}", path, e.what()));
  }
}

Piece identify(const h5::Group& root, const std::string& path) {
  require_results_file(root, path);
  Piece piece;
  piece.path = path;
  piece.identity = StudyIdentity::read(root, path);
  return piece;
}

}  // namespace

void write_encoded_accumulators(h5::Group& group, std::span<const std::uint8_t> encoded) {
  h5::DatasetOptions opts;
  opts.deflate = 1;
  opts.shuffle = false;
  opts.checksum = true;
  if (!encoded.empty()) opts.chunk = {std::min<hsize_t>(encoded.size(), hsize_t{1} << 20)};
  h5::Dataset ds = group.create_dataset<std::uint8_t>("accumulators", {encoded.size()}, opts);
  if (!encoded.empty()) ds.write(encoded);
}

void write_merge_state(h5::Group& root, std::uint64_t first, std::uint64_t count,
                       std::span<const std::uint8_t> encoded) {
  h5::Group g = root.create_group(kMergeStateGroup);
  write_range(g, first, count);
  g.set_attribute("description",
                  "exact state of the run's accumulators for these replications, for vtfsim "
                  "merge (docs/results-format.md)");
  write_encoded_accumulators(g, encoded);
}

Piece read_piece(const std::string& path) {
  return reading(path, [&] {
    h5::File file = h5::File::open_read(path);
    const h5::Group root = file.root();
    Piece piece = identify(root, path);
    if (!root.has_group(kMergeStateGroup)) {
      throw InputError(fmt::format(
          "{}: no /{} group: not a shard file (written without --shard?) or an incomplete one",
          path, kMergeStateGroup));
    }
    const h5::Group state = root.open_group(kMergeStateGroup);
    if (!read_range(state, piece) || !state.has("accumulators"))
      throw InputError(fmt::format("{}: /{} is incomplete", path, kMergeStateGroup));
    return piece;
  });
}

Piece read_segment(const std::string& path) {
  return reading(path, [&] {
    h5::File file = h5::File::open_read(path);
    const h5::Group root = file.root();
    Piece piece = identify(root, path);
    if (!root.int_attribute(kSegmentAttribute) || !read_range(root, piece))
      throw InputError(fmt::format("{}: not a committed checkpoint segment", path));
    return piece;
  });
}

namespace {

// The outcomes of `piece`, whose file is open at `root`, to `sink` (absorb_outcomes).
void send_outcomes(const h5::Group& root, const Piece& piece, const ModelSchema& schema,
                   const Shape& shape, BlockSink& sink, std::size_t block_size) {
  const OutcomeArrays arrays = OutcomeArrays::open(root, schema, shape, piece.count, piece.path);
  // Blocks at least as long as the file's chunks, so each chunk is decompressed at most twice.
  std::size_t step = block_size;
  if (step == 0) {
    step = std::max<std::size_t>(default_block_size(shape, piece.count),
                                 static_cast<std::size_t>(arrays.largest_chunk()));
  }
  const std::size_t cells = shape.scenarios * shape.policies;
  BlockResults block;
  for (std::uint64_t done = 0; done < piece.count; done += step) {
    const std::size_t n =
        static_cast<std::size_t>(std::min<std::uint64_t>(step, piece.count - done));
    block.first_replication = piece.first + done;
    block.count = n;
    block.capacity = n;
    arrays.read(done, n, block);
    if (block.outcomes.size() != schema.outcomes.size() * cells * n) {
      throw InputError(fmt::format("{}: outcome arrays are incomplete", piece.path));
    }
    sink.write_block(block);
  }
}

}  // namespace

void absorb_outcomes(const Piece& piece, const ModelSchema& schema, const Shape& shape,
                     BlockSink& sink, std::size_t block_size) {
  reading(piece.path, [&] {
    h5::File file = h5::File::open_read(piece.path);
    send_outcomes(file.root(), piece, schema, shape, sink, block_size);
  });
}

void absorb_piece(const Piece& piece, const ModelSchema& schema, const Shape& shape,
                  BlockSink& sink, Accumulators& acc, std::size_t block_size) {
  reading(piece.path, [&] {
    h5::File file = h5::File::open_read(piece.path);
    const h5::Group root = file.root();
    send_outcomes(root, piece, schema, shape, sink, block_size);
    const h5::Group state = root.open_group(kMergeStateGroup);
    const auto bytes = state.open_dataset("accumulators").read<std::uint8_t>();
    Accumulators part(shape, schema);
    try {
      merge_encoded_accumulators(part, bytes);
    } catch (const DecodeError& e) {
      throw InputError(fmt::format("{}: {}", piece.path, e.what()));
    }
    if (part.replications() != piece.count) {
      throw InputError(fmt::format("{}: the accumulators hold {} replications, the file {}",
                                   piece.path, part.replications(), piece.count));
    }
    acc.merge(part);
  });
}

SegmentWriter::SegmentWriter(std::string temp_path, const StudyIdentity& identity,
                             const ModelSchema& schema, const Shape& shape, std::uint64_t first,
                             std::uint64_t max_count, std::size_t block_size)
    : temp_path_(std::move(temp_path)),
      first_(first),
      max_count_(max_count),
      file_(h5::File::create(temp_path_)) {
  h5::Group root = file_.root();
  identity.write(root);
  root.set_attribute(kSegmentAttribute, std::int64_t{1});
  // One chunk per block: blocks are written whole.
  OutcomeArrayLayout layout;
  layout.labelled = false;
  layout.block = block_size;
  layout.growing = true;  // written block by block, so a save is only a commit
  arrays_ = OutcomeArrays::create(root, schema, shape, 0, layout);
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
  arrays_.set_extent(count_ + block.count);
  arrays_.write(block, count_);
  count_ += block.count;
}

void SegmentWriter::commit(const std::string& final_path) {
  h5::Group root = file_.root();
  write_range(root, first_, count_);
  arrays_.close();
  file_.close();
  durable_rename(temp_path_, final_path);
  done_ = true;
}

void SegmentWriter::discard() {
  done_ = true;
  arrays_.close();
  if (file_.is_open()) {
    try {
      file_.close();
    } catch (const h5::Error&) {  // the file is being thrown away
    }
  }
  std::error_code ec;
  fs::remove(temp_path_, ec);
}

}  // namespace sim
