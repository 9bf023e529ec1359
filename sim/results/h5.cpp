#include "sim/results/h5.hpp"

#include <hdf5_hl.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <utility>

namespace sim::h5 {
namespace {

// Creation order is tracked and indexed as netCDF-4 does: readers list variables and attributes
// in the order they were written, and netCDF-C expects the index when it opens a file to write.
constexpr unsigned kCreationOrder = H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED;

// HDF5 closes whatever is still open when the process exits. After a failed write (e.g. a full
// disk) a file that could not be closed stays in its tables, and HDF5 1.10.8 then crashes in
// H5F__close_cb at exit, turning a clear error and exit code into a SIGSEGV. Files that matter
// are closed explicitly (File::close), so the clean-up at exit is switched off; it must be
// before any other HDF5 call, hence at static initialisation.
[[maybe_unused]] const bool kNoCleanupAtExit = H5dont_atexit() >= 0;

// HDF5 prints its error stack to stderr by default; we turn errors into exceptions instead.
// The setting is per thread in thread-safe builds (Debian's serial HDF5 is one), hence
// thread_local.
void silence_hdf5_errors() {
  thread_local const bool done = [] {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    return true;
  }();
  static_cast<void>(done);
}

// The most specific description on HDF5's error stack, e.g. "name already exists". Read before
// any other HDF5 call, since every API call clears the stack.
std::string hdf5_reason() {
  std::string reason;
  H5Ewalk2(
      H5E_DEFAULT, H5E_WALK_UPWARD,
      [](unsigned n, const H5E_error2_t* err, void* data) -> herr_t {
        if (n == 0 && err->desc != nullptr) *static_cast<std::string*>(data) = err->desc;
        return 0;
      },
      &reason);
  H5Eclear2(H5E_DEFAULT);
  return reason;
}

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

// Whether `path` (absolute, or relative to loc) names a link, without the error H5Lexists gives
// when a parent is missing or not a group.
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

Handle simple_space(const std::vector<hsize_t>& dims,
                    std::optional<std::size_t> unlimited_axis = std::nullopt) {
  if (dims.empty()) return scalar_space();
  std::vector<hsize_t> max_dims = dims;
  if (unlimited_axis) max_dims.at(*unlimited_axis) = H5S_UNLIMITED;
  return make(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), max_dims.data()),
              "dataspace");
}

// Variable-length UTF-8 strings: h5py, and so h5netcdf and xarray, read them as Python str.
Handle utf8_string_type(H5T_cset_t cset = H5T_CSET_UTF8) {
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

// Unpacks n fixed-length strings of `size` bytes, dropping the padding.
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

// Creation-time properties shared by groups and datasets.
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

// Attributes the HDF5 dimension-scale and netCDF machinery own, which a copy must not carry.
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
// Object

std::string Object::name() const {
  const ssize_t n = H5Iget_name(id(), nullptr, 0);
  check(n, [] { return std::string("cannot get the name of an HDF5 object (file closed?)"); });
  return object_path(id());
}

std::string Object::file_name() const { return file_of(id()); }

std::string Object::describe() const {
  if (H5Iis_valid(id()) <= 0) return "an object of a closed HDF5 file";
  return quoted(object_path(id())) + " in " + file_of(id());
}

void Object::write_attribute(const std::string& name, hid_t file_type, hid_t mem_type, hid_t space,
                             const void* data) {
  const auto what = [&] { return "cannot write attribute " + quoted(name) + " of " + describe(); };
  // Replaced rather than overwritten: the new value may have another type or shape.
  if (check(H5Aexists(id(), name.c_str()), what) > 0) {
    check(H5Adelete(id(), name.c_str()), what);
  }
  Handle attr(
      check(H5Acreate2(id(), name.c_str(), file_type, space, H5P_DEFAULT, H5P_DEFAULT), what));
  check(H5Awrite(attr.get(), mem_type, data), what);
  attr.close("cannot close attribute " + quoted(name) + " of " + describe());
}

void Object::set_attribute(const std::string& name, double value) {
  write_attribute(name, H5T_NATIVE_DOUBLE, H5T_NATIVE_DOUBLE, scalar_space().get(), &value);
}

void Object::set_attribute(const std::string& name, std::int64_t value) {
  write_attribute(name, H5T_NATIVE_INT64, H5T_NATIVE_INT64, scalar_space().get(), &value);
}

void Object::set_attribute(const std::string& name, std::int32_t value) {
  write_attribute(name, H5T_NATIVE_INT32, H5T_NATIVE_INT32, scalar_space().get(), &value);
}

void Object::set_attribute(const std::string& name, const std::string& value) {
  check_c_string(value, "attribute " + quoted(name) + " of " + describe());
  Handle type = utf8_string_type();
  const char* ptr = value.c_str();
  write_attribute(name, type.get(), type.get(), scalar_space().get(), &ptr);
}

void Object::set_attribute(const std::string& name, const char* value) {
  if (value == nullptr) throw Error("attribute " + quoted(name) + " of " + describe() + ": null");
  set_attribute(name, std::string(value));
}

void Object::set_attribute(const std::string& name, std::span<const double> values) {
  // HDF5 rejects a null buffer even when there is nothing to write.
  const double none = 0.0;
  write_attribute(name, H5T_NATIVE_DOUBLE, H5T_NATIVE_DOUBLE, simple_space({values.size()}).get(),
                  values.empty() ? &none : values.data());
}

Handle Object::open_attribute(const std::string& name) const {
  const auto what = [&] { return "cannot open attribute " + quoted(name) + " of " + describe(); };
  if (check(H5Aexists(id(), name.c_str()), what) == 0) return Handle();
  return Handle(check(H5Aopen(id(), name.c_str(), H5P_DEFAULT), what));
}

bool Object::has_attribute(const std::string& name) const {
  return check(H5Aexists(id(), name.c_str()), [&] {
           return "cannot look up attribute " + quoted(name) + " of " + describe();
         }) > 0;
}

std::optional<std::string> Object::string_attribute(const std::string& name) const {
  Handle attr = open_attribute(name);
  if (!attr.valid()) return std::nullopt;
  const auto what = [&] { return "cannot read attribute " + quoted(name) + " of " + describe(); };
  Handle type(check(H5Aget_type(attr.get()), what));
  Handle space(check(H5Aget_space(attr.get()), what));
  if (H5Tget_class(type.get()) != H5T_STRING || element_count(space.get()) != 1) {
    throw Error("attribute " + quoted(name) + " of " + describe() + " is not a single string");
  }
  if (check(H5Tis_variable_str(type.get()), what) > 0) {
    Handle mem = utf8_string_type(H5Tget_cset(type.get()));
    char* value = nullptr;
    check(H5Aread(attr.get(), mem.get(), &value), what);
    std::string out = value != nullptr ? value : "";
    H5free_memory(value);
    return out;
  }
  const std::size_t size = H5Tget_size(type.get());
  std::vector<char> buf(size);
  check(H5Aread(attr.get(), type.get(), buf.data()), what);
  return unpack_fixed(buf, 1, size, H5Tget_strpad(type.get())).front();
}

std::optional<std::vector<double>> Object::double_array_attribute(const std::string& name) const {
  Handle attr = open_attribute(name);
  if (!attr.valid()) return std::nullopt;
  const auto what = [&] { return "cannot read attribute " + quoted(name) + " of " + describe(); };
  Handle type(check(H5Aget_type(attr.get()), what));
  const H5T_class_t cls = H5Tget_class(type.get());
  if (cls != H5T_INTEGER && cls != H5T_FLOAT) {
    throw Error("attribute " + quoted(name) + " of " + describe() + " is not numeric");
  }
  Handle space(check(H5Aget_space(attr.get()), what));
  std::vector<double> out(element_count(space.get()));
  if (!out.empty()) check(H5Aread(attr.get(), H5T_NATIVE_DOUBLE, out.data()), what);
  return out;
}

std::optional<std::string> Object::attribute_text(const std::string& name) const {
  Handle attr = open_attribute(name);
  if (!attr.valid()) return std::nullopt;
  const auto what = [&] { return "cannot read attribute " + quoted(name) + " of " + describe(); };
  Handle type(check(H5Aget_type(attr.get()), what));
  Handle space(check(H5Aget_space(attr.get()), what));
  const std::size_t n = element_count(space.get());
  switch (H5Tget_class(type.get())) {
    case H5T_STRING:
      if (n == 1) return string_attribute(name);
      break;
    case H5T_INTEGER:
      if (n == 1) return std::to_string(*int_attribute(name));
      break;
    case H5T_FLOAT:
      if (n == 1) {
        std::ostringstream text;
        text << *double_attribute(name);
        return text.str();
      }
      break;
    default:
      break;
  }
  return "(" + std::to_string(n) + " values)";
}

std::optional<double> Object::double_attribute(const std::string& name) const {
  std::optional<std::vector<double>> values = double_array_attribute(name);
  if (!values) return std::nullopt;
  if (values->size() != 1) {
    throw Error("attribute " + quoted(name) + " of " + describe() + " is not a single number");
  }
  return values->front();
}

std::optional<std::int64_t> Object::int_attribute(const std::string& name) const {
  Handle attr = open_attribute(name);
  if (!attr.valid()) return std::nullopt;
  const auto what = [&] { return "cannot read attribute " + quoted(name) + " of " + describe(); };
  Handle type(check(H5Aget_type(attr.get()), what));
  Handle space(check(H5Aget_space(attr.get()), what));
  if (H5Tget_class(type.get()) != H5T_INTEGER || element_count(space.get()) != 1) {
    throw Error("attribute " + quoted(name) + " of " + describe() + " is not a single integer");
  }
  std::int64_t value = 0;
  check(H5Aread(attr.get(), H5T_NATIVE_INT64, &value), what);
  return value;
}

std::vector<std::string> Object::attribute_names() const {
  std::vector<std::string> names;
  const H5A_operator2_t collect = [](hid_t, const char* name, const H5A_info_t*, void* data) {
    static_cast<std::vector<std::string>*>(data)->emplace_back(name);
    return herr_t{0};
  };
  // Objects made without creation-order tracking (e.g. by h5py) can only list by name.
  if (H5Aiterate2(id(), H5_INDEX_CRT_ORDER, H5_ITER_INC, nullptr, collect, &names) < 0) {
    names.clear();
    check(H5Aiterate2(id(), H5_INDEX_NAME, H5_ITER_INC, nullptr, collect, &names),
          [&] { return "cannot list the attributes of " + describe(); });
  }
  return names;
}

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
                                     const std::vector<std::string>& values) {
  const auto what = [&] {
    return "cannot create string dataset " + quoted(name) + " in " + describe();
  };
  std::vector<const char*> ptrs;
  ptrs.reserve(values.size());
  for (const std::string& v : values) {
    check_c_string(v, what());
    ptrs.push_back(v.c_str());
  }
  Handle type = utf8_string_type();
  Handle space = simple_space({values.size()});
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

Dataset Group::create_coordinate(const std::string& name, const std::vector<std::string>& values) {
  Dataset ds = create_string_dataset(name, values);
  ds.make_dimension_scale(name);
  return ds;
}

void Group::copy_coordinates(const Group& from, const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    const auto what = [&] {
      return "cannot copy coordinate " + quoted(name) + " from " + from.describe() + " to " +
             describe();
    };
    Dataset source = from.open_dataset(name);
    if (source.dims().size() != 1 || !source.is_dimension_scale()) {
      throw Error(what() + ": not a 1-D dimension scale");
    }
    // The data is copied with the source's type, shape and creation properties; the attributes
    // one by one, since the scale's own (REFERENCE_LIST above all) point at the source's
    // datasets and must not be carried over. Not H5Ocopy: in HDF5 1.10.8 it crashes (SIGSEGV in
    // H5T_close_real) when a write inside it fails, e.g. on a full disk.
    Handle file_type(check(H5Dget_type(source.id()), what));
    Handle space(check(H5Dget_space(source.id()), what));
    Handle dcpl(check(H5Dget_create_plist(source.id()), what));
    Handle mem_type(check(H5Tget_native_type(file_type.get(), H5T_DIR_ASCEND), what));
    const std::size_t n = element_count(space.get());
    std::vector<unsigned char> buf(std::max<std::size_t>(1, n) * H5Tget_size(mem_type.get()));
    check(H5Dread(source.id(), mem_type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data()), what);
    // Strings read as variable-length are freed however this block is left (after the error
    // stack was read for the message).
    struct Reclaim {
      hid_t type, space;
      void* data;
      ~Reclaim() {
        if (H5Tis_variable_str(type) > 0 || H5Tdetect_class(type, H5T_VLEN) > 0)
          H5Dvlen_reclaim(type, space, H5P_DEFAULT, data);
      }
    } reclaim{mem_type.get(), space.get(), buf.data()};
    {
      Handle created(check(H5Dcreate2(id(), name.c_str(), file_type.get(), space.get(), H5P_DEFAULT,
                                      dcpl.get(), H5P_DEFAULT),
                           what));
      check(H5Dwrite(created.get(), mem_type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data()),
            what);
      created.close(what());
    }
    Dataset copy = open_dataset(name);
    for (const std::string& attr : source.attribute_names()) {
      if (!is_reserved_attribute(attr)) copy_attribute(source.id(), copy.id(), attr);
    }
    copy.make_dimension_scale(name);
  }
}

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
  Handle mem_space = simple_space({n});
  check(H5Dwrite(id(), mem_type, mem_space.get(), file_space.get(), H5P_DEFAULT, data),
        [&] { return what; });
}

void Dataset::read_block_raw(const std::vector<hsize_t>& offset, const std::vector<hsize_t>& count,
                             hid_t mem_type, void* data, std::size_t n) const {
  const std::string what = "cannot read a block of " + describe();
  check_class(mem_type);
  Handle file_space = select_block(id(), dims(), offset, count, n, what);
  if (n == 0) return;
  Handle mem_space = simple_space({n});
  check(H5Dread(id(), mem_type, mem_space.get(), file_space.get(), H5P_DEFAULT, data),
        [&] { return what; });
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

void Dataset::make_dimension_scale(const std::string& dim_name) {
  if (dims().size() != 1) throw Error("cannot make " + describe() + " a dimension scale: not 1-D");
  check(H5DSset_scale(id(), dim_name.c_str()), [&] {
    return "cannot make " + describe() + " the scale of dimension " + quoted(dim_name);
  });
}

bool Dataset::is_dimension_scale() const {
  return check(H5DSis_scale(id()), [&] { return "cannot inspect " + describe(); }) > 0;
}

void Dataset::attach_scale(const Dataset& scale, unsigned axis) {
  const auto what = [&] {
    return "cannot attach scale " + quoted(scale.name()) + " to axis " + std::to_string(axis) +
           " of " + describe();
  };
  const std::vector<hsize_t> shape = dims();
  if (axis >= shape.size()) throw Error(what() + ": no such axis");
  if (!scale.is_dimension_scale()) throw Error(what() + ": not a dimension scale");
  const std::vector<hsize_t> scale_shape = scale.dims();
  // HDF5 does not check lengths, but netCDF readers fail on a file where they differ.
  if (scale_shape.size() != 1 || scale_shape[0] != shape[axis]) {
    throw Error(what() + ": scale has shape " + join(scale_shape) + ", axis has length " +
                std::to_string(shape[axis]));
  }
  check(H5DSattach_scale(id(), scale.id(), axis), what);
}

void Dataset::attach_dimensions(const std::vector<std::string>& dim_names) {
  const std::size_t rank = dims().size();
  if (dim_names.size() != rank) {
    throw Error("cannot attach " + std::to_string(dim_names.size()) + " dimensions to " +
                describe() + " of rank " + std::to_string(rank));
  }
  const std::string group = parent_path(name());
  for (std::size_t axis = 0; axis < rank; ++axis) {
    const std::string& dim = dim_names[axis];
    std::optional<Dataset> scale;
    for (std::string dir = group; !scale; dir = parent_path(dir)) {
      const std::string path = (dir == "/" ? "/" : dir + "/") + dim;
      if (link_exists(id(), path)) {
        Handle obj(check(H5Oopen(id(), path.c_str(), H5P_DEFAULT),
                         [&] { return "cannot open " + quoted(path) + " in " + file_name(); }));
        if (H5Iget_type(obj.get()) == H5I_DATASET && H5DSis_scale(obj.get()) > 0) {
          scale = Dataset(std::move(obj));
        }
      }
      if (dir == "/") break;
    }
    if (!scale) {
      throw Error("cannot label axis " + std::to_string(axis) + " of " + describe() +
                  ": no dimension scale " + quoted(dim) + " in " + quoted(group) +
                  " or a parent group");
    }
    attach_scale(*scale, static_cast<unsigned>(axis));
  }
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
  Handle fapl = file_access_properties(false);
  Handle file(check(H5Fopen(path.c_str(), H5F_ACC_RDONLY, fapl.get()),
                    [&] { return "cannot open HDF5 file " + path + " for reading"; }));
  return File(std::move(file), path);
}

File File::open_rw(const std::string& path) {
  silence_hdf5_errors();
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
