// sim::ChunkRows: rows of chunks compressed off HDF5's writing thread and written directly must
// read back as written, and store the very bytes HDF5's own filter pipeline stores.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/results/chunk_rows.hpp"
#include "sim/results/h5.hpp"

namespace h5 = sim::h5;
using sim::ChunkRows;

namespace {

std::string temp_file(const std::string& stem) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("vtfsim_test_chunk_rows_" + std::to_string(::getpid()) + "_" + stem + ".h5");
  std::filesystem::remove(path);
  return path.string();
}

constexpr std::size_t kScenarios = 2, kPolicies = 3, kEntities = 4;
constexpr hsize_t kRun = 8;

// Values of cell c, replication r, entity e: varied enough for deflate and shuffle to matter.
double value(std::size_t c, hsize_t r, std::size_t e) {
  return std::sin(static_cast<double>(c * 1000 + r * 10 + e)) * 1e3;
}

// The cell's values of replications [first, first + count), [replication][entity].
std::vector<double> cell_values(std::size_t c, hsize_t first, std::size_t count, std::size_t per) {
  std::vector<double> v;
  for (hsize_t r = first; r < first + count; ++r) {
    for (std::size_t e = 0; e < per; ++e)
      v.push_back(value(c, r, e));
  }
  return v;
}

// The whole array [scenario, policy, replication(, entity)] as HDF5 would read it.
std::vector<double> expected(hsize_t replications, std::size_t per, bool integers) {
  std::vector<double> all;
  for (std::size_t c = 0; c < kScenarios * kPolicies; ++c) {
    for (const double x : cell_values(c, 0, replications, per))
      all.push_back(integers ? std::round(x) : x);
  }
  return all;
}

struct Array {
  h5::Dataset ds;
  ChunkRows rows;
};

Array make_array(h5::Group& root, const std::string& name, hsize_t replications, bool per_entity,
                 bool integers, bool growing = false) {
  std::vector<hsize_t> dims = {kScenarios, kPolicies, replications};
  if (per_entity) dims.push_back(kEntities);
  h5::DatasetOptions opts;
  opts.chunk = dims;
  opts.chunk[0] = opts.chunk[1] = 1;
  opts.chunk[2] = kRun;
  opts.deflate = 1;
  if (growing) opts.unlimited_axis = 2;
  ChunkRows::Layout layout;
  layout.scenarios = kScenarios;
  layout.policies = kPolicies;
  layout.per_entity = per_entity;
  layout.per_replication = per_entity ? kEntities : 1;
  layout.run = kRun;
  layout.integers = integers;
  layout.growing = growing;
  layout.level = 1;
  h5::Dataset ds = integers ? root.create_dataset<std::int32_t>(name, dims, opts)
                            : root.create_dataset<double>(name, dims, opts);
  return {std::move(ds), ChunkRows(layout, replications)};
}

void write_range(Array& a, hsize_t first, std::size_t count, std::size_t per) {
  std::vector<std::vector<double>> cells;
  for (std::size_t c = 0; c < kScenarios * kPolicies; ++c)
    cells.push_back(cell_values(c, first, count, per));
  a.rows.write(a.ds, first, count, [&](std::size_t c) { return cells[c].data(); });
}

std::vector<double> read_all(const h5::Dataset& ds, bool integers) {
  if (!integers) return ds.read<double>();
  const auto ints = ds.read<std::int32_t>();
  return {ints.begin(), ints.end()};
}

}  // namespace

TEST_CASE("Rows of chunks read back as written, stored as HDF5 itself stores them",
          "[chunk_rows]") {
  const std::string path = temp_file("same_bytes");
  const hsize_t replications = 20;  // two whole rows of 8 and one of 4 at the extent's end
  for (const bool per_entity : {false, true}) {
    for (const bool integers : {false, true}) {
      INFO("per entity " << per_entity << ", integers " << integers);
      const std::size_t per = per_entity ? kEntities : 1;
      {
        h5::File file = h5::File::create(path);
        h5::Group root = file.root();
        Array direct = make_array(root, "direct", replications, per_entity, integers);
        Array through_hdf5 = make_array(root, "through_hdf5", replications, per_entity, integers);
        // Blocks of 7 do not line up with the rows; the first rows are written as they fill.
        for (hsize_t first = 0; first < replications; first += 7)
          write_range(direct, first, std::min<hsize_t>(7, replications - first), per);
        const std::vector<double> all = expected(replications, per, integers);
        std::vector<hsize_t> count = {kScenarios, kPolicies, replications};
        if (per_entity) count.push_back(kEntities);
        std::vector<hsize_t> origin(count.size(), 0);
        if (integers) {
          std::vector<std::int32_t> ints(all.begin(), all.end());
          through_hdf5.ds.write_block<std::int32_t>(origin, count, ints);
        } else {
          through_hdf5.ds.write_block<double>(origin, count, all);
        }
        direct.rows.flush(direct.ds);  // nothing left to write: the last row ended the extent
        CHECK(read_all(direct.ds, integers) == all);
        for (std::size_t s = 0; s < kScenarios; ++s) {
          for (std::size_t p = 0; p < kPolicies; ++p) {
            for (hsize_t r = 0; r < replications; r += kRun) {
              std::vector<hsize_t> at = {s, p, r};
              if (per_entity) at.push_back(0);
              INFO("chunk at " << s << ", " << p << ", " << r);
              CHECK(direct.ds.read_chunk(at) == through_hdf5.ds.read_chunk(at));
            }
          }
        }
      }
      std::filesystem::remove(path);
    }
  }
}

TEST_CASE("Rows filled in any order, flushed part-filled, and grown, keep every replication",
          "[chunk_rows]") {
  const std::string path = temp_file("orders");
  {
    h5::File file = h5::File::create(path);
    h5::Group root = file.root();
    Array a = make_array(root, "any_order", 20, true, false);
    write_range(a, 13, 7, kEntities);
    write_range(a, 0, 5, kEntities);
    a.rows.flush(a.ds);  // a partial first row, padded: read back, then completed and rewritten
    write_range(a, 5, 8, kEntities);
    a.rows.flush(a.ds);
    CHECK(read_all(a.ds, false) == expected(20, kEntities, false));

    // A growing array: the row at the old extent's end is written, then extended and completed.
    Array g = make_array(root, "growing", 10, false, false, true);
    write_range(g, 0, 10, 1);
    CHECK(read_all(g.ds, false) == expected(10, 1, false));
    g.ds.set_extent({kScenarios, kPolicies, 20});
    g.rows.set_extent(20);
    write_range(g, 10, 10, 1);
    CHECK(read_all(g.ds, false) == expected(20, 1, false));

    CHECK_THROWS_AS(write_range(g, 15, 2, 1), std::logic_error);          // written twice
    CHECK_THROWS_AS(write_range(a, 17, 1, kEntities), std::logic_error);  // in a last row
    CHECK_THROWS_AS(write_range(g, 18, 5, 1), std::logic_error);          // beyond the extent
  }
  std::filesystem::remove(path);
}
