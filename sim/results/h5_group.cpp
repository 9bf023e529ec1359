// Groups and the datasets created in them.
#include <algorithm>
#include <cmath>

#include "sim/results/h5.hpp"
#include "sim/results/h5_detail.hpp"

namespace sim::h5 {

using namespace detail;

// ---------------------------------------------------------------------------------------------
// Group

Group Group::create_group(const std::string& name) {
  const auto what = [&] { return "cannot create group " + quoted(name) + " in " + describe(); };
  const std::vector<std::string> parts = split_path(name);
  if (parts.empty()) throw Error(what() + ": empty name");
  Handle gcpl = group_creation_properties();
  Handle current;
  hid_t loc = id();
  if (name.front() == '/') {
    current = Handle(check(H5Gopen2(id(), "/", H5P_DEFAULT), what));
    loc = current.get();
  }
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const char* part = parts[i].c_str();
    const bool last = i + 1 == parts.size();
    hid_t next = !last && check(H5Lexists(loc, part, H5P_DEFAULT), what) > 0
                     ? H5Gopen2(loc, part, H5P_DEFAULT)
                     : H5Gcreate2(loc, part, H5P_DEFAULT, gcpl.get(), H5P_DEFAULT);
    current = Handle(check(next, what));
    loc = current.get();
  }
  return Group(std::move(current));
}

Group Group::open_group(const std::string& name) const {
  return Group(Handle(check(H5Gopen2(id(), name.c_str(), H5P_DEFAULT), [&] {
    return "cannot open group " + quoted(name) + " in " + describe();
  })));
}

bool Group::has(const std::string& name) const {
  if (H5Iis_valid(id()) <= 0) throw Error("cannot look up " + quoted(name) + ": group is closed");
  return link_exists(id(), name);
}

bool Group::has_group(const std::string& name) const {
  if (!has(name)) return false;
  H5O_info_t info;
  if (H5Oget_info_by_name(id(), name.c_str(), &info, H5P_DEFAULT) < 0) return false;
  return info.type == H5O_TYPE_GROUP;
}

std::vector<std::string> Group::children() const {
  std::vector<std::string> names;
  const H5L_iterate_t collect = [](hid_t, const char* name, const H5L_info_t*, void* data) {
    static_cast<std::vector<std::string>*>(data)->emplace_back(name);
    return herr_t{0};
  };
  // Groups made without creation-order tracking (e.g. by h5py) can only list by name.
  if (H5Literate(id(), H5_INDEX_CRT_ORDER, H5_ITER_INC, nullptr, collect, &names) < 0) {
    names.clear();
    check(H5Literate(id(), H5_INDEX_NAME, H5_ITER_INC, nullptr, collect, &names),
          [&] { return "cannot list the members of " + describe(); });
  }
  return names;
}

void Group::remove(const std::string& name) {
  check(H5Ldelete(id(), name.c_str(), H5P_DEFAULT),
        [&] { return "cannot delete " + quoted(name) + " in " + describe(); });
}

Dataset Group::create_dataset_of(const std::string& name, hid_t type, std::size_t element_size,
                                 const std::vector<hsize_t>& dims, const DatasetOptions& opts) {
  const auto what = [&] {
    return "cannot create dataset " + quoted(name) + " " + join(dims) + " in " + describe();
  };
  if (opts.deflate < 0 || opts.deflate > 9) throw Error(what() + ": deflate level not in 0-9");
  if (!opts.chunk.empty() && opts.chunk.size() != dims.size()) {
    throw Error(what() + ": chunk " + join(opts.chunk) + " has the wrong rank");
  }
  const std::size_t n = product(dims);
  Handle dcpl = make(H5Pcreate(H5P_DATASET_CREATE), "dataset creation properties");
  set_object_properties(dcpl.get());
  // HDF5 cannot chunk a dataset without elements (chunks must fit in fixed dims), and a
  // dataset with none has nothing to compress.
  if (opts.unlimited_axis && *opts.unlimited_axis >= dims.size()) {
    throw Error(what() + ": the unlimited axis is not an axis of the dataset");
  }
  const bool chunked =
      !dims.empty() && (opts.unlimited_axis ||
                        (n > 0 && (!opts.chunk.empty() || n * element_size > kContiguousLimit)));
  if (chunked) {
    std::vector<hsize_t> chunk = opts.chunk.empty() ? choose_chunk(dims, element_size) : opts.chunk;
    for (std::size_t i = 0; i < dims.size(); ++i) {
      // A growing axis may start empty; its chunks keep the extent asked for.
      const hsize_t most = opts.unlimited_axis == i ? std::max<hsize_t>(chunk[i], 1) : dims[i];
      chunk[i] = std::clamp<hsize_t>(chunk[i], 1, std::max<hsize_t>(most, 1));
    }
    check(H5Pset_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data()), what);
    if (opts.deflate > 0) {
      if (opts.shuffle) check(H5Pset_shuffle(dcpl.get()), what);
      check(H5Pset_deflate(dcpl.get(), static_cast<unsigned>(opts.deflate)), what);
    }
    if (opts.checksum) check(H5Pset_fletcher32(dcpl.get()), what);
  }
  if (opts.fill) {
    const double fill = *opts.fill;
    if (H5Tget_class(type) == H5T_INTEGER) {
      // Given as double so one option serves all types; it must be exact in the integer type.
      const bool is_signed = H5Tget_sign(type) == H5T_SGN_2;
      const double bits = static_cast<double>(8 * element_size - (is_signed ? 1 : 0));
      const double limit = std::ldexp(1.0, static_cast<int>(bits));
      if (!(fill == std::trunc(fill) && fill >= (is_signed ? -limit : 0.0) && fill < limit)) {
        throw Error(what() + ": fill value " + std::to_string(fill) + " does not fit the type");
      }
    }
    check(H5Pset_fill_value(dcpl.get(), H5T_NATIVE_DOUBLE, &fill), what);
  }
  Handle space = simple_space(dims, opts.unlimited_axis);
  Handle dapl = make(H5Pcreate(H5P_DATASET_ACCESS), "dataset access properties");
  if (opts.chunk_cache_bytes > 0) {
    // Slots: a prime well above the number of chunks the cache can hold (HDF5's advice).
    const std::size_t slots = 10007;
    check(H5Pset_chunk_cache(dapl.get(), slots, opts.chunk_cache_bytes, 1.0), what);
  }
  Dataset ds(Handle(
      check(H5Dcreate2(id(), name.c_str(), type, space.get(), H5P_DEFAULT, dcpl.get(), dapl.get()),
            what)));
  if (opts.fill) {
    // netCDF's name for the fill value, in the variable's type as netCDF requires; without it
    // xarray and netCDF readers do not know the value means "missing".
    const double fill = *opts.fill;
    ds.write_attribute("_FillValue", type, H5T_NATIVE_DOUBLE, scalar_space().get(), &fill);
  }
  return ds;
}

Dataset Group::create_string_dataset(const std::string& name,
                                     const std::vector<std::string>& values,
                                     std::vector<hsize_t> dims) {
  const auto what = [&] {
    return "cannot create string dataset " + quoted(name) + " in " + describe();
  };
  if (dims.empty()) dims = {values.size()};
  hsize_t count = 1;
  for (const hsize_t d : dims)
    count *= d;
  if (count != values.size()) throw Error(what() + ": the shape does not hold the values given");
  std::vector<const char*> ptrs;
  ptrs.reserve(values.size());
  for (const std::string& v : values) {
    check_c_string(v, what());
    ptrs.push_back(v.c_str());
  }
  Handle type = utf8_string_type();
  Handle space = simple_space(dims);
  Handle dcpl = make(H5Pcreate(H5P_DATASET_CREATE), "dataset creation properties");
  set_object_properties(dcpl.get());
  Dataset ds(Handle(check(
      H5Dcreate2(id(), name.c_str(), type.get(), space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
      what)));
  if (!ptrs.empty()) {
    check(H5Dwrite(ds.id(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()), what);
  }
  return ds;
}

Dataset Group::open_dataset(const std::string& name) const {
  return Dataset(Handle(check(H5Dopen2(id(), name.c_str(), H5P_DEFAULT), [&] {
    return "cannot open dataset " + quoted(name) + " in " + describe();
  })));
}

}  // namespace sim::h5
