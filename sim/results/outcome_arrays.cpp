#include "sim/results/outcome_arrays.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>

#include "sim/engine/errors.hpp"
#include "sim/results/better_text.hpp"
#include "sim/results/chunk_rows.hpp"

namespace sim {
namespace {

const std::vector<std::string> kDims3 = {"scenario", "policy", "replication"};

std::vector<std::string> dims4(const ModelSchema& schema) {
  return {"scenario", "policy", "replication", schema.entity_dim};
}

// Chunks hold one (scenario, policy) and a run of replications, and the cache holds a whole row
// of them (every scenario and policy), so blocks of replications fill chunks in place and each
// chunk is compressed once. The run of replications keeps that row near 4 MiB.
h5::DatasetOptions results_chunks(const OutcomeSpec& o, const std::vector<hsize_t>& dims,
                                  bool growing) {
  const std::size_t element = o.storage == Storage::kInt32 ? 4 : 8;
  const std::size_t per_replication = dims.size() == 4 ? dims[3] * element : element;
  const std::size_t row_budget = std::size_t{4} << 20;
  const std::size_t cells = static_cast<std::size_t>(dims[0] * dims[1]);
  const hsize_t run = std::clamp<hsize_t>(
      row_budget / std::max<std::size_t>(1, cells * per_replication), 64, 65536);
  h5::DatasetOptions opts;
  opts.chunk = dims;
  opts.chunk[0] = 1;
  opts.chunk[1] = 1;
  opts.chunk[2] = std::max<hsize_t>(1, std::min<hsize_t>(dims[2], run));
  opts.deflate = 1;  // the fast level: outcome arrays compress nearly as well as at level 4
  // Rows of chunks are filled and compressed by ChunkRows, not in HDF5's chunk cache: its
  // default 1 MiB serves reading back.
  if (growing) opts.unlimited_axis = 2;
  return opts;
}

// The rows of a compressed array, laid out as the dataset was made (its chunk shape as HDF5
// holds it).
std::optional<ChunkRows> rows_for(const OutcomeSpec& o, const h5::Dataset& ds,
                                  const h5::DatasetOptions& opts) {
  const std::vector<hsize_t> dims = ds.dims(), chunk = ds.chunk();
  if (chunk.size() != dims.size() || chunk[0] != 1 || chunk[1] != 1 ||
      (dims.size() == 4 && chunk[3] != dims[3])) {
    return std::nullopt;  // not chunks of whole rows of entities
  }
  ChunkRows::Layout layout;
  layout.scenarios = static_cast<std::size_t>(dims[0]);
  layout.policies = static_cast<std::size_t>(dims[1]);
  layout.per_entity = dims.size() == 4;
  layout.per_replication = layout.per_entity ? static_cast<std::size_t>(dims[3]) : 1;
  layout.run = chunk[2];
  layout.growing = opts.unlimited_axis.has_value();
  layout.integers = o.storage == Storage::kInt32;
  layout.shuffle = opts.shuffle;
  layout.level = opts.deflate;
  return ChunkRows(layout, dims[2]);
}

// A segment is a temporary file and the run's own results file already compresses; the
// checksum catches damage after a crash. A growing segment is written block by block while the
// run goes on, so its chunks are a block long whatever its extent so far.
h5::DatasetOptions segment_chunks(const std::vector<hsize_t>& dims, hsize_t block, bool growing) {
  h5::DatasetOptions opts;
  opts.deflate = 0;
  opts.checksum = true;
  opts.chunk = dims;
  opts.chunk[2] = std::max<hsize_t>(1, growing ? block : std::min<hsize_t>(block, dims[2]));
  if (growing) opts.unlimited_axis = 2;
  return opts;
}

h5::Dataset create_array(h5::Group& g, const OutcomeSpec& o, const std::vector<hsize_t>& dims,
                         const std::vector<std::string>& names, const OutcomeArrayLayout& layout,
                         std::vector<std::optional<ChunkRows>>& rows) {
  const h5::DatasetOptions opts = layout.labelled
                                      ? results_chunks(o, dims, layout.growing)
                                      : segment_chunks(dims, layout.block, layout.growing);
  h5::Dataset ds = o.storage == Storage::kInt32 ? g.create_dataset<std::int32_t>(o.name, dims, opts)
                                                : g.create_dataset<double>(o.name, dims, opts);
  // A segment's uncompressed blocks (and an empty array, which is not chunked) HDF5 writes in
  // place.
  rows.push_back(layout.labelled && opts.deflate > 0 ? rows_for(o, ds, opts) : std::nullopt);
  if (layout.labelled) {
    ds.attach_dimensions(names);
    ds.set_attribute("units", o.unit);
    ds.set_attribute("long_name", o.description);
    ds.set_attribute("better", better_name(o.better));
  }
  return ds;
}

void write_values(h5::Dataset& ds, Storage storage, const std::vector<hsize_t>& offset,
                  const std::vector<hsize_t>& count, const std::vector<double>& values,
                  std::vector<std::int32_t>& ints) {
  if (storage == Storage::kInt32) {
    ints.resize(values.size());
    for (std::size_t j = 0; j < values.size(); ++j)
      ints[j] = static_cast<std::int32_t>(std::lround(values[j]));
    ds.write_block<std::int32_t>(offset, count, ints);
  } else {
    ds.write_block<double>(offset, count, values);
  }
}

void read_values(const h5::Dataset& ds, Storage storage, const std::vector<hsize_t>& offset,
                 const std::vector<hsize_t>& count, std::vector<double>& out) {
  if (storage == Storage::kInt32) {
    const auto ints = ds.read_block<std::int32_t>(offset, count);
    out.insert(out.end(), ints.begin(), ints.end());
  } else {
    const auto values = ds.read_block<double>(offset, count);
    out.insert(out.end(), values.begin(), values.end());
  }
}

}  // namespace

OutcomeArrays OutcomeArrays::create(h5::Group& root, const ModelSchema& schema, const Shape& shape,
                                    hsize_t replications, const OutcomeArrayLayout& layout) {
  OutcomeArrays a(schema, shape);
  const std::vector<std::string> names4 = dims4(schema);
  h5::Group outcomes = root.create_group("outcomes");
  if (layout.labelled) outcomes.copy_coordinates(root, kDims3);
  h5::Group by_entity = root.create_group(schema.entity_outcomes_group());
  if (layout.labelled) by_entity.copy_coordinates(root, names4);
  for (const auto& o : schema.outcomes) {
    a.outcomes_.push_back(create_array(outcomes, o, {shape.scenarios, shape.policies, replications},
                                       kDims3, layout, a.outcome_rows_));
  }
  for (const auto& o : schema.entity_outcomes) {
    a.entity_outcomes_.push_back(
        create_array(by_entity, o, {shape.scenarios, shape.policies, replications, shape.entities},
                     names4, layout, a.entity_outcome_rows_));
  }
  return a;
}

OutcomeArrays OutcomeArrays::open(const h5::Group& root, const ModelSchema& schema,
                                  const Shape& shape, hsize_t replications,
                                  const std::string& path) {
  OutcomeArrays a(schema, shape);
  const auto open_array = [&](const h5::Group& g, const OutcomeSpec& o, bool per_entity) {
    h5::Dataset ds = g.open_dataset(o.name);
    const auto dims = ds.dims();
    const bool ok = dims.size() == (per_entity ? 4u : 3u) && dims[0] == shape.scenarios &&
                    dims[1] == shape.policies && dims[2] >= replications &&
                    (!per_entity || dims[3] == shape.entities);
    if (!ok) {
      throw InputError(
          fmt::format("{}: {} does not have the shape of this study", path, ds.name()));
    }
    return ds;
  };
  const h5::Group outcomes = root.open_group("outcomes");
  const h5::Group by_entity = root.open_group(schema.entity_outcomes_group());
  for (const auto& o : schema.outcomes)
    a.outcomes_.push_back(open_array(outcomes, o, false));
  for (const auto& o : schema.entity_outcomes)
    a.entity_outcomes_.push_back(open_array(by_entity, o, true));
  return a;
}

void OutcomeArrays::write(const BlockResults& block, hsize_t offset) {
  const hsize_t n = block.count;
  const std::size_t P = shape_.policies;
  std::vector<double> values;
  std::vector<std::int32_t> ints;
  for (std::size_t k = 0; k < outcomes_.size(); ++k) {
    if (auto& rows = outcome_rows_[k]) {
      rows->write(outcomes_[k], offset, block.count, [&](std::size_t cell) {
        return block.outcome_row(shape_, k, cell / P, cell % P);
      });
      continue;
    }
    values.clear();
    for (std::size_t s = 0; s < shape_.scenarios; ++s) {
      for (std::size_t p = 0; p < P; ++p) {
        const double* row = block.outcome_row(shape_, k, s, p);
        values.insert(values.end(), row, row + block.count);
      }
    }
    write_values(outcomes_[k], schema_->outcomes[k].storage, {0, 0, offset},
                 {shape_.scenarios, P, n}, values, ints);
  }
  for (std::size_t k = 0; k < entity_outcomes_.size(); ++k) {
    if (auto& rows = entity_outcome_rows_[k]) {
      rows->write(entity_outcomes_[k], offset, block.count, [&](std::size_t cell) {
        return block.entity_outcome_rows(shape_, k, cell / P, cell % P);
      });
      continue;
    }
    values.clear();
    for (std::size_t s = 0; s < shape_.scenarios; ++s) {
      for (std::size_t p = 0; p < P; ++p) {
        const double* rows = block.entity_outcome_rows(shape_, k, s, p);
        values.insert(values.end(), rows, rows + block.count * shape_.entities);
      }
    }
    write_values(entity_outcomes_[k], schema_->entity_outcomes[k].storage, {0, 0, offset, 0},
                 {shape_.scenarios, P, n, shape_.entities}, values, ints);
  }
}

void OutcomeArrays::flush() const {
  for (std::size_t k = 0; k < outcome_rows_.size(); ++k) {
    if (outcome_rows_[k]) outcome_rows_[k]->flush(outcomes_[k]);
  }
  for (std::size_t k = 0; k < entity_outcome_rows_.size(); ++k) {
    if (entity_outcome_rows_[k]) entity_outcome_rows_[k]->flush(entity_outcomes_[k]);
  }
}

void OutcomeArrays::read(hsize_t offset, std::size_t count, BlockResults& block) const {
  flush();
  block.outcomes.clear();
  block.entity_outcomes.clear();
  for (std::size_t k = 0; k < outcomes_.size(); ++k) {
    read_values(outcomes_[k], schema_->outcomes[k].storage, {0, 0, offset},
                {shape_.scenarios, shape_.policies, count}, block.outcomes);
  }
  for (std::size_t k = 0; k < entity_outcomes_.size(); ++k) {
    read_values(entity_outcomes_[k], schema_->entity_outcomes[k].storage, {0, 0, offset, 0},
                {shape_.scenarios, shape_.policies, count, shape_.entities}, block.entity_outcomes);
  }
}

void OutcomeArrays::set_extent(hsize_t replications) {
  for (auto* rows : {&outcome_rows_, &entity_outcome_rows_}) {
    for (auto& r : *rows) {
      if (r) r->set_extent(replications);
    }
  }
  for (auto& ds : outcomes_)
    ds.set_extent({shape_.scenarios, shape_.policies, replications});
  for (auto& ds : entity_outcomes_)
    ds.set_extent({shape_.scenarios, shape_.policies, replications, shape_.entities});
}

hsize_t OutcomeArrays::largest_chunk() const {
  hsize_t largest = 1;
  for (const auto* arrays : {&outcomes_, &entity_outcomes_}) {
    for (const auto& ds : *arrays) {
      const auto chunk = ds.chunk();
      if (chunk.size() > 2) largest = std::max(largest, chunk[2]);
    }
  }
  return largest;
}

void OutcomeArrays::close() {
  flush();
  outcome_rows_.clear();
  entity_outcome_rows_.clear();
  outcomes_.clear();
  entity_outcomes_.clear();
}

}  // namespace sim
