#pragma once
// What the parts of the HDF5 layer (h5_*.cpp) share: error checking, handles of the C API,
// property lists and small helpers. Not part of the layer's interface (sim/results/h5.hpp).
#include <hdf5.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "sim/results/h5.hpp"

namespace sim::h5::detail {

// Creation order is tracked and indexed as netCDF-4 does: readers list variables and attributes
// in the order they were written, and netCDF-C expects the index when it opens a file to write.
constexpr unsigned kCreationOrder = H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED;

// HDF5 prints its error stack to stderr by default; we turn errors into exceptions instead.
void silence_hdf5_errors();

// The most specific description on HDF5's error stack, e.g. "name already exists". Read before
// any other HDF5 call, since every API call clears the stack.
std::string hdf5_reason();

// `what` is a callable so that building the message (which calls HDF5) happens after the error
// stack was read.
template <class What>
[[noreturn]] void fail(const What& what) {
  std::string reason = hdf5_reason();
  std::string message = what();
  if (!reason.empty()) message += " (HDF5: " + reason + ")";
  throw Error(message);
}

// Checks an hid_t, herr_t or htri_t: HDF5 signals failure with a negative value.
template <class N, class What>
N check(N value, const What& what) {
  if (value < 0) fail(what);
  return value;
}

Handle make(hid_t id, const char* what);
// Closes an identifier of any kind; negative if it was already closed.
herr_t close_id(hid_t id);

std::string object_path(hid_t id);
std::string file_of(hid_t id);
std::size_t product(const std::vector<hsize_t>& dims);
std::string quoted(const std::string& s);
std::string join(const std::vector<hsize_t>& v);
std::vector<std::string> split_path(const std::string& path);
std::string parent_path(const std::string& path);
// Whether `path` (absolute, or relative to loc) names a link, without the error H5Lexists gives
// when a parent is missing or not a group.
bool link_exists(hid_t loc, const std::string& path);

Handle scalar_space();
Handle simple_space(const std::vector<hsize_t>& dims,
                    std::optional<std::size_t> unlimited_axis = std::nullopt);
// Variable-length UTF-8 strings: h5py, and so h5netcdf and xarray, read them as Python str.
Handle utf8_string_type(H5T_cset_t cset = H5T_CSET_UTF8);
std::size_t element_count(hid_t space);
void check_c_string(const std::string& s, const std::string& what);
// Unpacks n fixed-length strings of `size` bytes, dropping the padding.
std::vector<std::string> unpack_fixed(const std::vector<char>& buf, std::size_t n, std::size_t size,
                                      H5T_str_t pad);

// Creation-time properties shared by groups and datasets.
void set_object_properties(hid_t plist);
Handle group_creation_properties();
Handle file_access_properties(bool limit_format);

// Attributes the HDF5 dimension-scale and netCDF machinery own, which a copy must not carry.
bool is_reserved_attribute(const std::string& name);
// Copies one attribute of any type.
void copy_attribute(hid_t src, hid_t dst, const std::string& name);

}  // namespace sim::h5::detail
