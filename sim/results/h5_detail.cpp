// Helpers the parts of the HDF5 layer share (sim/results/h5_detail.hpp).
#include "sim/results/h5_detail.hpp"

#include <hdf5_hl.h>

#include <algorithm>

namespace sim::h5::detail {

// HDF5 closes whatever is still open when the process exits. After a failed write (e.g. a full
// disk) a file that could not be closed stays in its tables, and HDF5 1.10.8 then crashes in
// H5F__close_cb at exit, turning a clear error and exit code into a SIGSEGV. Files that matter
// are closed explicitly (File::close), so the clean-up at exit is switched off; it must be
// before any other HDF5 call, hence at static initialisation.
[[maybe_unused]] const bool kNoCleanupAtExit = H5dont_atexit() >= 0;

// The setting is per thread in thread-safe builds (Debian's serial HDF5 is one), hence
// thread_local.
void silence_hdf5_errors() {
  thread_local const bool done = [] {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    return true;
  }();
  static_cast<void>(done);
}

std::string hdf5_reason() {
  std::string reason;
  H5Ewalk2(
      H5E_DEFAULT, H5E_WALK_UPWARD,
      [](unsigned n, const H5E_error2_t* err, void* data) -> herr_t {
        // Some low-level descriptions are dumps over several lines ("file read failed: time =
        // ..., buf = 0x..."): their first line says what failed.
        if (n == 0 && err->desc != nullptr) {
          std::string desc = err->desc;
          desc = desc.substr(0, desc.find('\n'));
          if (const auto cut = desc.find(": time ="); cut != std::string::npos) desc.resize(cut);
          *static_cast<std::string*>(data) = desc;
        }
        return 0;
      },
      &reason);
  H5Eclear2(H5E_DEFAULT);
  return reason;
}

Handle make(hid_t id, const char* what) {
  return Handle(check(id, [&] { return std::string("HDF5: cannot create ") + what; }));
}

herr_t close_id(hid_t id) {
  switch (H5Iget_type(id)) {
    case H5I_FILE:
      return H5Fclose(id);
    case H5I_GROUP:
      return H5Gclose(id);
    case H5I_DATASET:
      return H5Dclose(id);
    case H5I_DATATYPE:
      return H5Tclose(id);
    case H5I_DATASPACE:
      return H5Sclose(id);
    case H5I_ATTR:
      return H5Aclose(id);
    case H5I_GENPROP_LST:
      return H5Pclose(id);
    default:  // already closed, e.g. by the strong close of its file
      return -1;
  }
}

std::string object_path(hid_t id) {
  const ssize_t n = H5Iget_name(id, nullptr, 0);
  if (n < 0) return "<closed object>";
  std::vector<char> buf(static_cast<std::size_t>(n) + 1);
  H5Iget_name(id, buf.data(), buf.size());
  return std::string(buf.data(), static_cast<std::size_t>(n));
}

std::string file_of(hid_t id) {
  const ssize_t n = H5Fget_name(id, nullptr, 0);
  if (n < 0) return "<closed file>";
  std::vector<char> buf(static_cast<std::size_t>(n) + 1);
  H5Fget_name(id, buf.data(), buf.size());
  return std::string(buf.data(), static_cast<std::size_t>(n));
}

std::size_t product(const std::vector<hsize_t>& dims) {
  std::size_t n = 1;
  for (hsize_t d : dims)
    n *= static_cast<std::size_t>(d);
  return n;
}

std::string quoted(const std::string& s) { return "'" + s + "'"; }

std::string join(const std::vector<hsize_t>& v) {
  std::string s = "[";
  for (std::size_t i = 0; i < v.size(); ++i)
    s += (i ? ", " : "") + std::to_string(v[i]);
  return s + "]";
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    if (end > start) parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

std::string parent_path(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == 0 || slash == std::string::npos ? "/" : path.substr(0, slash);
}

bool link_exists(hid_t loc, const std::string& path) {
  const std::vector<std::string> parts = split_path(path);
  if (parts.empty()) return false;
  std::string prefix = path.front() == '/' ? "/" : "";
  for (const std::string& part : parts) {
    prefix += part;
    if (H5Lexists(loc, prefix.c_str(), H5P_DEFAULT) <= 0) return false;
    prefix += "/";
  }
  return true;
}

Handle scalar_space() { return make(H5Screate(H5S_SCALAR), "scalar dataspace"); }

Handle simple_space(const std::vector<hsize_t>& dims, std::optional<std::size_t> unlimited_axis) {
  if (dims.empty()) return scalar_space();
  std::vector<hsize_t> max_dims = dims;
  if (unlimited_axis) max_dims.at(*unlimited_axis) = H5S_UNLIMITED;
  return make(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), max_dims.data()),
              "dataspace");
}

Handle utf8_string_type(H5T_cset_t cset) {
  Handle type = make(H5Tcopy(H5T_C_S1), "string type");
  check(H5Tset_size(type.get(), H5T_VARIABLE), [] { return "HDF5: cannot set string size"; });
  check(H5Tset_cset(type.get(), cset), [] { return "HDF5: cannot set string charset"; });
  return type;
}

std::size_t element_count(hid_t space) {
  return static_cast<std::size_t>(
      check(H5Sget_simple_extent_npoints(space), [] { return "HDF5: cannot size dataspace"; }));
}

void check_c_string(const std::string& s, const std::string& what) {
  if (s.find('\0') != std::string::npos) {
    throw Error(what + ": string holds a NUL character, which HDF5 strings cannot store");
  }
}

std::vector<std::string> unpack_fixed(const std::vector<char>& buf, std::size_t n, std::size_t size,
                                      H5T_str_t pad) {
  std::vector<std::string> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::string s(buf.data() + i * size, size);
    s.resize(std::min(s.find('\0'), s.size()));
    if (pad == H5T_STR_SPACEPAD) s.resize(s.find_last_not_of(' ') + 1);
    out.push_back(std::move(s));
  }
  return out;
}

void set_object_properties(hid_t plist) {
  check(H5Pset_attr_creation_order(plist, kCreationOrder),
        [] { return "HDF5: cannot track attribute order"; });
  // No timestamps in object headers, so the same run writes a byte-identical file.
  check(H5Pset_obj_track_times(plist, false), [] { return "HDF5: cannot turn off times"; });
}

Handle group_creation_properties() {
  Handle gcpl = make(H5Pcreate(H5P_GROUP_CREATE), "group creation properties");
  check(H5Pset_link_creation_order(gcpl.get(), kCreationOrder),
        [] { return "HDF5: cannot track link order"; });
  set_object_properties(gcpl.get());
  return gcpl;
}

Handle file_access_properties(bool limit_format) {
  Handle fapl = make(H5Pcreate(H5P_FILE_ACCESS), "file access properties");
  check(H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_STRONG),
        [] { return "HDF5: cannot set close degree"; });
  if (limit_format) {
    // What netCDF-C does: objects are written in the oldest format that can hold them and never
    // in a 1.10-only one, so HDF5 1.8 and netCDF-C can read the file.
    check(H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_EARLIEST, H5F_LIBVER_V18),
          [] { return "HDF5: cannot set format bounds"; });
  }
  return fapl;
}

bool is_reserved_attribute(const std::string& name) {
  return name == "CLASS" || name == "NAME" || name == "REFERENCE_LIST" ||
         name == "DIMENSION_LIST" || name == "_Netcdf4Dimid" || name == "_Netcdf4Coordinates";
}

// Copies one attribute of any type: read in the native form of its type, write back with the
// file type, then free what HDF5 allocated for variable-length members.
void copy_attribute(hid_t src, hid_t dst, const std::string& name) {
  const auto what = [&] {
    return "cannot copy attribute " + quoted(name) + " from " + quoted(object_path(src)) + " to " +
           quoted(object_path(dst));
  };
  Handle attr(check(H5Aopen(src, name.c_str(), H5P_DEFAULT), what));
  Handle file_type(check(H5Aget_type(attr.get()), what));
  Handle space(check(H5Aget_space(attr.get()), what));
  Handle mem_type(check(H5Tget_native_type(file_type.get(), H5T_DIR_ASCEND), what));
  const std::size_t n = element_count(space.get());
  std::vector<unsigned char> buf(std::max<std::size_t>(1, n) * H5Tget_size(mem_type.get()));
  check(H5Aread(attr.get(), mem_type.get(), buf.data()), what);
  const bool has_vlen =
      H5Tis_variable_str(mem_type.get()) > 0 || H5Tdetect_class(mem_type.get(), H5T_VLEN) > 0;
  herr_t status = 0;
  if (H5Aexists(dst, name.c_str()) > 0) status = H5Adelete(dst, name.c_str());
  hid_t copy = status < 0 ? status
                          : H5Acreate2(dst, name.c_str(), file_type.get(), space.get(), H5P_DEFAULT,
                                       H5P_DEFAULT);
  if (copy >= 0) {
    status = H5Awrite(copy, mem_type.get(), buf.data());
    if (H5Aclose(copy) < 0) status = -1;
  }
  if (has_vlen) H5Dvlen_reclaim(mem_type.get(), space.get(), H5P_DEFAULT, buf.data());
  check(copy, what);
  check(status, what);
}

}  // namespace sim::h5::detail
