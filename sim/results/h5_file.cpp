// Handles, files and the automatic chunk shape.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <utility>

#include "sim/results/h5.hpp"
#include "sim/results/h5_detail.hpp"

namespace sim::h5 {

using namespace detail;

namespace {

// HDF5 opens a directory and fails reading it, with a dump of its read buffer as the reason.
void require_regular_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw Error("cannot open " + path + ": it is a directory, not an HDF5 file");
}

}  // namespace

template <>
hid_t native_type<double>() {
  return H5T_NATIVE_DOUBLE;
}
template <>
hid_t native_type<float>() {
  return H5T_NATIVE_FLOAT;
}
template <>
hid_t native_type<std::int32_t>() {
  return H5T_NATIVE_INT32;
}
template <>
hid_t native_type<std::int64_t>() {
  return H5T_NATIVE_INT64;
}
template <>
hid_t native_type<std::uint8_t>() {
  return H5T_NATIVE_UINT8;
}

// ---------------------------------------------------------------------------------------------
// Handle

Handle& Handle::operator=(Handle&& other) noexcept {
  if (this != &other) {
    reset();
    id_ = other.release();
  }
  return *this;
}

hid_t Handle::release() noexcept { return std::exchange(id_, -1); }

void Handle::reset() noexcept {
  if (valid()) close_id(release());
}

void Handle::close(const std::string& what) {
  if (!valid()) return;
  check(close_id(release()), [&] { return what; });
}

// ---------------------------------------------------------------------------------------------
// Chunking

std::vector<hsize_t> choose_chunk(const std::vector<hsize_t>& dims, std::size_t element_size) {
  std::vector<hsize_t> chunk(dims.size());
  // In double: a product of large dims must not wrap around.
  double bytes = static_cast<double>(element_size);
  for (std::size_t i = 0; i < dims.size(); ++i) {
    chunk[i] = std::max<hsize_t>(dims[i], 1);
    bytes *= static_cast<double>(chunk[i]);
  }
  constexpr auto kTarget = static_cast<double>(kChunkTarget);
  for (std::size_t i = 0; i < chunk.size() && bytes > kTarget; ++i) {
    const double rest = bytes / static_cast<double>(chunk[i]);
    // The largest extent on this axis that fits, all later axes kept whole.
    const auto fit = static_cast<hsize_t>(std::max(1.0, std::floor(kTarget / rest)));
    chunk[i] = std::min(chunk[i], fit);
    bytes = rest * static_cast<double>(chunk[i]);
  }
  return chunk;
}

// ---------------------------------------------------------------------------------------------
// File

File File::create(const std::string& path) {
  silence_hdf5_errors();
  Handle fcpl = make(H5Pcreate(H5P_FILE_CREATE), "file creation properties");
  check(H5Pset_link_creation_order(fcpl.get(), kCreationOrder),
        [] { return "HDF5: cannot track link order"; });
  check(H5Pset_attr_creation_order(fcpl.get(), kCreationOrder),
        [] { return "HDF5: cannot track attribute order"; });
  Handle fapl = file_access_properties(true);
  Handle file(check(H5Fcreate(path.c_str(), H5F_ACC_EXCL, fcpl.get(), fapl.get()),
                    [&] { return "cannot create HDF5 file " + path; }));
  return File(std::move(file), path);
}

File File::open_read(const std::string& path) {
  silence_hdf5_errors();
  require_regular_file(path);
  Handle fapl = file_access_properties(false);
  Handle file(check(H5Fopen(path.c_str(), H5F_ACC_RDONLY, fapl.get()),
                    [&] { return "cannot open HDF5 file " + path + " for reading"; }));
  return File(std::move(file), path);
}

File File::open_rw(const std::string& path) {
  silence_hdf5_errors();
  require_regular_file(path);
  Handle fapl = file_access_properties(true);
  Handle file(check(H5Fopen(path.c_str(), H5F_ACC_RDWR, fapl.get()),
                    [&] { return "cannot open HDF5 file " + path + " for writing"; }));
  return File(std::move(file), path);
}

Group File::root() const {
  if (!is_open()) throw Error("cannot open the root group of " + path_ + ": file is closed");
  return Group(Handle(check(H5Gopen2(handle_.get(), "/", H5P_DEFAULT),
                            [&] { return "cannot open the root group of " + path_; })));
}

void File::flush() {
  if (!is_open()) throw Error("cannot flush " + path_ + ": file is closed");
  check(H5Fflush(handle_.get(), H5F_SCOPE_GLOBAL), [&] { return "cannot flush " + path_; });
}

void File::close() { handle_.close("cannot close HDF5 file " + path_); }

}  // namespace sim::h5
