#pragma once
// A small typed layer over the HDF5 C API for the simulator's output files.
//
// The files are read by h5py and by xarray through h5netcdf, so the layer follows the netCDF-4
// conventions where it costs nothing: the file format stays readable by HDF5 1.8 (and so by
// netCDF-C), strings are variable-length UTF-8 (Python sees str, not bytes), links and attributes
// keep their creation order (variables appear in the order they were written), and every axis of
// a variable can be labelled by a dimension scale (else h5netcdf refuses the variable).
//
// Typical use, one coordinate per dimension and each group opened on its own by xarray:
//   h5::File file = h5::File::create(path);
//   h5::Group root = file.root();
//   root.create_coordinate<std::int64_t>("scenario", scenario_ids);
//   root.create_coordinate("policy", policy_names);
//   h5::Group out = root.create_group("outcomes");
//   out.copy_coordinates(root, {"scenario", "policy"});
//   h5::Dataset cost = out.create_dataset<double>("cost_usd", {n_scenarios, n_policies});
//   cost.write_block<double>(...);
//   cost.attach_dimensions({"scenario", "policy"});  // the copies in /outcomes
//   file.close();
//
// Objects (Group, Dataset) are valid while their File is open: File::close() closes every object
// of the file (the "strong" close degree, as h5py does), so a late use throws instead of keeping
// the file open behind the caller's back.
//
// Not thread-safe: callers guarantee HDF5 is called from one thread only.
#include <hdf5.h>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace sim::h5 {

// Every failure, with a message naming the file or object, the operation and HDF5's own reason.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The element types datasets can hold.
template <class T>
concept Element = std::same_as<T, double> || std::same_as<T, float> ||
    std::same_as<T, std::int32_t> || std::same_as<T, std::int64_t> || std::same_as<T, std::uint8_t>;

// The predefined HDF5 memory type of T; owned by the library, never close it.
template <Element T>
hid_t native_type();
template <>
hid_t native_type<double>();
template <>
hid_t native_type<float>();
template <>
hid_t native_type<std::int32_t>();
template <>
hid_t native_type<std::int64_t>();
template <>
hid_t native_type<std::uint8_t>();

// Owns one HDF5 identifier and closes it with the close function of its kind.
class Handle {
 public:
  Handle() = default;
  explicit Handle(hid_t id) noexcept : id_(id) {}
  Handle(Handle&& other) noexcept : id_(other.release()) {}
  Handle& operator=(Handle&& other) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { reset(); }

  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }
  hid_t release() noexcept;
  // Closes and ignores failure: for destructors and unwinding.
  void reset() noexcept;
  // Closes and throws Error naming `what` on failure.
  void close(const std::string& what);

 private:
  hid_t id_ = -1;
};

// Layout and filters of a new dataset. Set members one by one: g++ 12 warns
// (-Wmissing-field-initializers) about designated initializers that leave members out.
struct DatasetOptions {
  // Empty: contiguous for datasets of at most kContiguousLimit bytes (or no elements at all,
  // which HDF5 cannot chunk), else choose_chunk(). Given chunks are clipped to the dims.
  std::vector<hsize_t> chunk;
  int deflate = 4;      // gzip level 0-9; 0 turns compression off
  bool shuffle = true;  // byte shuffle before deflate (only with deflate: it helps nothing else)
  // Value of elements never written. Also stored as the netCDF `_FillValue` attribute, which
  // xarray turns into NaN (so an integer variable with a fill value reads as float there).
  std::optional<double> fill;
  // Bytes of HDF5's chunk cache for this dataset while it stays open (0: HDF5's 1 MiB default).
  // A dataset written in partial chunks needs room for every chunk being filled, or HDF5
  // compresses, evicts, reads back and recompresses them on each write.
  std::size_t chunk_cache_bytes = 0;
  // An axis that can grow later (Dataset::set_extent): netCDF's unlimited dimension. Such a
  // dataset is always chunked.
  std::optional<std::size_t> unlimited_axis;
  // Fletcher-32 checksum of each chunk (chunked datasets only): a read of a damaged chunk fails
  // instead of returning wrong values. For files that must be trusted after a crash.
  bool checksum = false;
};

// Datasets up to this size are stored contiguous: filters would save nothing worth the chunk
// index.
inline constexpr std::size_t kContiguousLimit = 64 * 1024;
// Automatic chunks stay at or below this size so several fit in HDF5's default 1 MiB chunk
// cache, and above about half of it so per-chunk overhead stays small.
inline constexpr std::size_t kChunkTarget = 512 * 1024;

// The automatic chunk shape, at most kChunkTarget bytes: the leading axes are cut first (to 1,
// then to as much as fits), so a chunk holds whole trailing rows, the order row-major blocks are
// written and read in. Every extent is at least 1 and at most the dim (1 for a zero dim).
std::vector<hsize_t> choose_chunk(const std::vector<hsize_t>& dims, std::size_t element_size);

class Dataset;

// What groups and datasets share: a name and attributes.
class Object {
 public:
  hid_t id() const { return handle_.get(); }
  // The full path in the file, e.g. "/outcomes/cost".
  std::string name() const;
  // The file name, for messages.
  std::string file_name() const;

  // Attributes are replaced if they exist. Strings are scalar variable-length UTF-8.
  void set_attribute(const std::string& name, double value);
  void set_attribute(const std::string& name, std::int64_t value);
  void set_attribute(const std::string& name, std::int32_t value);
  void set_attribute(const std::string& name, const std::string& value);
  void set_attribute(const std::string& name, const char* value);
  void set_attribute(const std::string& name, std::span<const double> values);
  void set_attribute(const std::string& name, const std::vector<std::string>& values);

  bool has_attribute(const std::string& name) const;
  // Empty when the attribute is missing; Error when it exists with another type or shape.
  // double_attribute accepts any single number; int_attribute only integers.
  std::optional<std::string> string_attribute(const std::string& name) const;
  // Any scalar attribute as text (strings as they are, numbers formatted), for display.
  std::optional<std::string> attribute_text(const std::string& name) const;
  std::optional<double> double_attribute(const std::string& name) const;
  std::optional<std::int64_t> int_attribute(const std::string& name) const;
  std::optional<std::vector<double>> double_array_attribute(const std::string& name) const;
  // In creation order.
  std::vector<std::string> attribute_names() const;

 protected:
  Object() = default;
  explicit Object(Handle handle) : handle_(std::move(handle)) {}
  ~Object() = default;
  Object(Object&&) noexcept = default;
  Object& operator=(Object&&) noexcept = default;

  // "'/path' in file.h5", for messages.
  std::string describe() const;
  void write_attribute(const std::string& name, hid_t file_type, hid_t mem_type, hid_t space,
                       const void* data);

 private:
  // Opens an existing attribute, or returns an invalid handle when there is none.
  Handle open_attribute(const std::string& name) const;

  Handle handle_;
};

class Group : public Object {
 public:
  // Intermediate groups of a nested name ("a/b") are opened or created; the last must be new.
  Group create_group(const std::string& name);
  Group open_group(const std::string& name) const;
  // Whether the link exists; nested names are fine even if a parent is missing.
  bool has_group(const std::string& name) const;  // a link to a group, not a dataset
  bool has(const std::string& name) const;
  // Names of the links in creation order (name order for groups made without tracking).
  std::vector<std::string> children() const;
  // Deletes the link `name` (a dataset or group; its space is not reclaimed).
  void remove(const std::string& name);

  template <Element T>
  Dataset create_dataset(const std::string& name, std::vector<hsize_t> dims,
                         const DatasetOptions& opts = {});
  // A variable-length UTF-8 string dataset holding `values` in row-major order, of shape `dims`
  // (default: 1-D); read_strings() gives them back flat.
  Dataset create_string_dataset(const std::string& name, const std::vector<std::string>& values,
                                std::vector<hsize_t> dims = {});
  Dataset open_dataset(const std::string& name) const;

  // A 1-D coordinate variable: the dataset `name` holding `values`, made the dimension scale of
  // the dimension `name` (netCDF's coordinate variable; xarray's index).
  template <Element T>
  Dataset create_coordinate(const std::string& name, std::span<const T> values);
  template <Element T>
  Dataset create_coordinate(const std::string& name, const std::vector<T>& values);
  // A coordinate that can grow (an unlimited dimension), extended with Dataset::set_extent.
  template <Element T>
  Dataset create_growing_coordinate(const std::string& name, const std::vector<T>& values);
  Dataset create_coordinate(const std::string& name, const std::vector<std::string>& values);
  // Copies coordinate variables (values and user attributes) from another group, typically the
  // root. xarray only shows coordinates that live in the group it opens, so a group meant to be
  // opened on its own (open_dataset(..., group="outcomes")) needs its own copies.
  void copy_coordinates(const Group& from, const std::vector<std::string>& names);
  // Replaces every coordinate variable `name` in this group and the groups below it by a string
  // coordinate holding `values` (of the same length), and labels with the new one every axis of
  // the subtree that the old one labelled. Returns the new coordinates (without the old one's
  // attributes), e.g. to describe them; empty when there was none. For converting files.
  std::vector<Dataset> replace_coordinate(const std::string& name,
                                          const std::vector<std::string>& values);

 private:
  friend class File;
  using Object::Object;
  Dataset create_dataset_of(const std::string& name, hid_t type, std::size_t element_size,
                            const std::vector<hsize_t>& dims, const DatasetOptions& opts);
};

class Dataset : public Object {
 public:
  std::vector<hsize_t> dims() const;
  std::size_t size() const;  // number of elements
  // The chunk shape; empty when the layout is not chunked.
  std::vector<hsize_t> chunk() const;
  // Grows (or shrinks) a dataset created with an unlimited axis; only that axis may change.
  void set_extent(const std::vector<hsize_t>& dims);

  // Writes the whole dataset; data.size() must equal size().
  template <Element T>
  void write(std::span<const T> data) {
    write_raw(native_type<T>(), data.data(), data.size());
  }
  template <Element T>
  void write(const std::vector<T>& data) {
    write(std::span<const T>(data));
  }
  // Writes the hyperslab at `offset` of extent `count`; data is row-major and holds exactly
  // the product of `count` elements.
  template <Element T>
  void write_block(const std::vector<hsize_t>& offset, const std::vector<hsize_t>& count,
                   std::span<const T> data) {
    write_block_raw(offset, count, native_type<T>(), data.data(), data.size());
  }
  template <Element T>
  void write_block(const std::vector<hsize_t>& offset, const std::vector<hsize_t>& count,
                   const std::vector<T>& data) {
    write_block(offset, count, std::span<const T>(data));
  }
  // Reads with conversion within a class (int32 as int64, float as double); reading integers
  // as floating point or the reverse is an Error, as it hides a mix-up.
  template <Element T>
  std::vector<T> read() const {
    std::vector<T> out(size());
    read_raw(native_type<T>(), out.data(), out.size());
    return out;
  }
  template <Element T>
  std::vector<T> read_block(const std::vector<hsize_t>& offset,
                            const std::vector<hsize_t>& count) const {
    std::vector<T> out(count_elements(count));
    read_block_raw(offset, count, native_type<T>(), out.data(), out.size());
    return out;
  }
  // HDF5's direct chunk write: `stored` are the bytes of the chunk whose first element is
  // `offset`, already through every filter of the dataset, written without HDF5's filters or
  // chunk cache (so that chunks can be compressed on other threads). Replaces that chunk.
  void write_chunk(const std::vector<hsize_t>& offset, std::span<const std::uint8_t> stored);
  // The stored (filtered) bytes of the chunk whose first element is `offset`.
  std::vector<std::uint8_t> read_chunk(const std::vector<hsize_t>& offset) const;
  // Variable- or fixed-length strings; unwritten elements read as "".
  std::vector<std::string> read_strings() const;
  // Whether the dataset holds integers (read them as an integer type), for readers that take
  // datasets of either kind.
  bool holds_integers() const;

  // Makes this 1-D dataset the scale of dimension `dim_name`. netCDF readers name the
  // dimension after the dataset, so pass the dataset's own name.
  void make_dimension_scale(const std::string& dim_name);
  bool is_dimension_scale() const;
  // Labels `axis` with `scale`, a 1-D scale of the same length.
  void attach_scale(const Dataset& scale, unsigned axis);
  // Whether `axis` is labelled with `scale`; removing that label.
  bool is_attached(const Dataset& scale, unsigned axis) const;
  void detach_scale(const Dataset& scale, unsigned axis);
  // Labels axis i with the scale named dim_names[i], found as netCDF finds a dimension: in
  // this dataset's group, else the nearest ancestor group.
  void attach_dimensions(const std::vector<std::string>& dim_names);

 private:
  friend class Group;
  using Object::Object;
  static std::size_t count_elements(const std::vector<hsize_t>& count);
  void write_raw(hid_t mem_type, const void* data, std::size_t n);
  void write_block_raw(const std::vector<hsize_t>& offset, const std::vector<hsize_t>& count,
                       hid_t mem_type, const void* data, std::size_t n);
  void read_raw(hid_t mem_type, void* data, std::size_t n) const;
  void read_block_raw(const std::vector<hsize_t>& offset, const std::vector<hsize_t>& count,
                      hid_t mem_type, void* data, std::size_t n) const;
  void check_class(hid_t mem_type) const;
};

class File {
 public:
  // Fails if the file exists: overwriting is the caller's policy.
  static File create(const std::string& path);
  static File open_read(const std::string& path);
  // New objects keep the 1.8 format, so a file in a newer format (e.g. h5py's libver="latest")
  // cannot be opened for writing: Error "superblock version exceeds high bound".
  static File open_rw(const std::string& path);

  File(File&&) noexcept = default;
  File& operator=(File&&) noexcept = default;
  ~File() = default;  // closes silently

  const std::string& path() const { return path_; }
  bool is_open() const { return handle_.valid(); }
  Group root() const;
  void flush();
  // Closes the file and all its objects; throws Error if HDF5 reports a failure (e.g. the
  // final write of metadata).
  void close();

 private:
  File(Handle handle, std::string path) : handle_(std::move(handle)), path_(std::move(path)) {}
  Handle handle_;
  std::string path_;
};

template <Element T>
Dataset Group::create_dataset(const std::string& name, std::vector<hsize_t> dims,
                              const DatasetOptions& opts) {
  return create_dataset_of(name, native_type<T>(), sizeof(T), dims, opts);
}

template <Element T>
Dataset Group::create_coordinate(const std::string& name, std::span<const T> values) {
  Dataset ds = create_dataset<T>(name, {values.size()});
  ds.write(values);
  ds.make_dimension_scale(name);
  return ds;
}

template <Element T>
Dataset Group::create_coordinate(const std::string& name, const std::vector<T>& values) {
  return create_coordinate(name, std::span<const T>(values));
}

template <Element T>
Dataset Group::create_growing_coordinate(const std::string& name, const std::vector<T>& values) {
  DatasetOptions opts;
  opts.unlimited_axis = 0;
  opts.chunk = {4096};
  Dataset ds = create_dataset<T>(name, {values.size()}, opts);
  ds.write(values);
  ds.make_dimension_scale(name);
  return ds;
}

}  // namespace sim::h5
