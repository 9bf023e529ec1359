// Reading and writing datasets, whole or by hyperslab.
#include <algorithm>

#include "sim/results/h5.hpp"
#include "sim/results/h5_detail.hpp"

namespace sim::h5 {

using namespace detail;

// ---------------------------------------------------------------------------------------------
// Dataset

std::vector<hsize_t> Dataset::dims() const {
  const auto what = [&] { return "cannot get the shape of " + describe(); };
  Handle space(check(H5Dget_space(id()), what));
  const int rank = check(H5Sget_simple_extent_ndims(space.get()), what);
  std::vector<hsize_t> out(static_cast<std::size_t>(rank));
  check(H5Sget_simple_extent_dims(space.get(), out.data(), nullptr), what);
  return out;
}

std::size_t Dataset::size() const { return count_elements(dims()); }

std::size_t Dataset::count_elements(const std::vector<hsize_t>& count) { return product(count); }

std::vector<hsize_t> Dataset::chunk() const {
  const auto what = [&] { return "cannot get the layout of " + describe(); };
  Handle dcpl(check(H5Dget_create_plist(id()), what));
  if (H5Pget_layout(dcpl.get()) != H5D_CHUNKED) return {};
  std::vector<hsize_t> out(dims().size());
  check(H5Pget_chunk(dcpl.get(), static_cast<int>(out.size()), out.data()), what);
  return out;
}

void Dataset::set_extent(const std::vector<hsize_t>& new_dims) {
  const auto what = [&] { return "cannot resize " + describe() + " to " + join(new_dims); };
  if (new_dims.size() != dims().size()) throw Error(what() + ": wrong rank");
  check(H5Dset_extent(id(), new_dims.data()), what);
}

void Dataset::check_class(hid_t mem_type) const {
  Handle type(check(H5Dget_type(id()), [&] { return "cannot get the type of " + describe(); }));
  const H5T_class_t have = H5Tget_class(type.get());
  if (have != H5Tget_class(mem_type)) {
    const auto label = [](H5T_class_t c) {
      return c == H5T_INTEGER  ? "integer"
             : c == H5T_FLOAT  ? "floating-point"
             : c == H5T_STRING ? "string"
                               : "other";
    };
    throw Error(describe() + " holds " + label(have) + " values, not " +
                label(H5Tget_class(mem_type)) + " ones");
  }
}

bool Dataset::holds_integers() const {
  Handle type(check(H5Dget_type(id()), [&] { return "cannot get the type of " + describe(); }));
  return H5Tget_class(type.get()) == H5T_INTEGER;
}

void Dataset::write_raw(hid_t mem_type, const void* data, std::size_t n) {
  if (n != size()) {
    throw Error("cannot write " + std::to_string(n) + " values to " + describe() + " of shape " +
                join(dims()));
  }
  check_class(mem_type);
  if (n == 0) return;
  check(H5Dwrite(id(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data),
        [&] { return "cannot write " + describe(); });
}

void Dataset::read_raw(hid_t mem_type, void* data, std::size_t n) const {
  check_class(mem_type);
  if (n == 0) return;
  check(H5Dread(id(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data),
        [&] { return "cannot read " + describe(); });
}

namespace {

// Selects the block in a copy of the dataset's dataspace after checking it lies inside.
Handle select_block(hid_t dataset, const std::vector<hsize_t>& dims,
                    const std::vector<hsize_t>& offset, const std::vector<hsize_t>& count,
                    std::size_t n, const std::string& what) {
  bool inside = offset.size() == dims.size() && count.size() == dims.size();
  for (std::size_t i = 0; inside && i < dims.size(); ++i) {
    inside = count[i] <= dims[i] && offset[i] <= dims[i] - count[i];
  }
  if (!inside) {
    throw Error(what + ": block at " + join(offset) + " of " + join(count) +
                " is not inside shape " + join(dims));
  }
  if (n != product(count)) {
    throw Error(what + ": " + std::to_string(n) + " values for a block of " + join(count));
  }
  Handle space(check(H5Dget_space(dataset), [&] { return what; }));
  if (n > 0) {
    check(H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, offset.data(), nullptr, count.data(),
                              nullptr),
          [&] { return what; });
  }
  return space;
}

}  // namespace

void Dataset::write_block_raw(const std::vector<hsize_t>& offset, const std::vector<hsize_t>& count,
                              hid_t mem_type, const void* data, std::size_t n) {
  const std::string what = "cannot write a block of " + describe();
  check_class(mem_type);
  Handle file_space = select_block(id(), dims(), offset, count, n, what);
  if (n == 0) return;
  // The memory space has the block's own shape, not {n}: when the two selections have the same
  // shape HDF5 maps each chunk's part as one hyperslab; otherwise it maps element by element
  // (H5S_select_iterate), which was a third of the writing thread's time.
  Handle mem_space = simple_space(count);
  check(H5Dwrite(id(), mem_type, mem_space.get(), file_space.get(), H5P_DEFAULT, data),
        [&] { return what; });
}

void Dataset::read_block_raw(const std::vector<hsize_t>& offset, const std::vector<hsize_t>& count,
                             hid_t mem_type, void* data, std::size_t n) const {
  const std::string what = "cannot read a block of " + describe();
  check_class(mem_type);
  Handle file_space = select_block(id(), dims(), offset, count, n, what);
  if (n == 0) return;
  Handle mem_space = simple_space(count);  // the block's shape, as for writing
  check(H5Dread(id(), mem_type, mem_space.get(), file_space.get(), H5P_DEFAULT, data),
        [&] { return what; });
}

void Dataset::write_chunk(const std::vector<hsize_t>& offset,
                          std::span<const std::uint8_t> stored) {
  const std::string what = "cannot write a chunk of " + describe();
  if (offset.size() != dims().size()) throw Error(what + ": the offset has the wrong rank");
  check(H5Dwrite_chunk(id(), H5P_DEFAULT, 0, offset.data(), stored.size(), stored.data()),
        [&] { return what + " at " + join(offset); });
}

std::vector<std::uint8_t> Dataset::read_chunk(const std::vector<hsize_t>& offset) const {
  const std::string what = "cannot read a chunk of " + describe();
  if (offset.size() != dims().size()) throw Error(what + ": the offset has the wrong rank");
  hsize_t bytes = 0;
  check(H5Dget_chunk_storage_size(id(), offset.data(), &bytes),
        [&] { return what + " at " + join(offset); });
  std::vector<std::uint8_t> stored(static_cast<std::size_t>(bytes));
  std::uint32_t filters = 0;
  check(H5Dread_chunk(id(), H5P_DEFAULT, offset.data(), &filters, stored.data()),
        [&] { return what + " at " + join(offset); });
  return stored;
}

std::vector<std::string> Dataset::read_strings() const {
  const auto what = [&] { return "cannot read strings from " + describe(); };
  Handle type(check(H5Dget_type(id()), what));
  if (H5Tget_class(type.get()) != H5T_STRING) {
    throw Error(describe() + " does not hold strings");
  }
  Handle space(check(H5Dget_space(id()), what));
  const std::size_t n = element_count(space.get());
  if (n == 0) return {};
  if (check(H5Tis_variable_str(type.get()), what) > 0) {
    Handle mem = utf8_string_type(H5Tget_cset(type.get()));
    std::vector<char*> ptrs(n, nullptr);
    check(H5Dread(id(), mem.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()), what);
    std::vector<std::string> out;
    out.reserve(n);
    for (const char* p : ptrs)
      out.emplace_back(p != nullptr ? p : "");
    H5Dvlen_reclaim(mem.get(), space.get(), H5P_DEFAULT, ptrs.data());
    return out;
  }
  const std::size_t size = H5Tget_size(type.get());
  std::vector<char> buf(n * size);
  check(H5Dread(id(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data()), what);
  return unpack_fixed(buf, n, size, H5Tget_strpad(type.get()));
}

}  // namespace sim::h5
