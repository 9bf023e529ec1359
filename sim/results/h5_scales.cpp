// Dimension scales: coordinates, labelling the axes of a dataset, and copying coordinates.
#include <hdf5_hl.h>

#include <optional>
#include <utility>

#include "sim/results/h5.hpp"
#include "sim/results/h5_detail.hpp"

namespace sim::h5 {

using namespace detail;

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

bool Dataset::is_attached(const Dataset& scale, unsigned axis) const {
  return check(H5DSis_attached(id(), scale.id(), axis), [&] {
           return "cannot tell whether " + quoted(scale.name()) + " labels axis " +
                  std::to_string(axis) + " of " + describe();
         }) > 0;
}

void Dataset::detach_scale(const Dataset& scale, unsigned axis) {
  check(H5DSdetach_scale(id(), scale.id(), axis), [&] {
    return "cannot detach scale " + quoted(scale.name()) + " from axis " + std::to_string(axis) +
           " of " + describe();
  });
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

namespace {

// Every dataset of `g` and of the groups below it.
void collect_datasets(const Group& g, std::vector<Dataset>& out) {
  for (const std::string& child : g.children()) {
    if (g.has_group(child)) {
      collect_datasets(g.open_group(child), out);
    } else {
      out.push_back(g.open_dataset(child));
    }
  }
}

}  // namespace

std::vector<Dataset> Group::replace_coordinate(const std::string& name,
                                               const std::vector<std::string>& values) {
  std::vector<Dataset> replaced;
  for (const std::string& child : children()) {
    if (child != name && has_group(child)) {
      for (auto& d : open_group(child).replace_coordinate(name, values))
        replaced.push_back(std::move(d));
    }
  }
  if (!has(name) || has_group(name)) return replaced;
  std::vector<std::pair<Dataset, unsigned>> labelled;
  {
    Dataset old = open_dataset(name);
    if (!old.is_dimension_scale()) return replaced;
    if (old.dims() != std::vector<hsize_t>{values.size()}) {
      throw Error("cannot replace coordinate " + quoted(old.name()) + " in " + file_name() +
                  " of length " + join(old.dims()) + " by " + std::to_string(values.size()) +
                  " values");
    }
    std::vector<Dataset> all;
    collect_datasets(*this, all);
    for (auto& d : all) {
      if (d.is_dimension_scale()) continue;  // a scale is labelled by no other scale
      const auto rank = static_cast<unsigned>(d.dims().size());
      for (unsigned axis = 0; axis < rank; ++axis) {
        if (!d.is_attached(old, axis)) continue;
        d.detach_scale(old, axis);
        labelled.emplace_back(open_dataset(d.name()), axis);
      }
    }
  }
  remove(name);
  Dataset fresh = create_coordinate(name, values);
  for (auto& [d, axis] : labelled)
    d.attach_scale(fresh, axis);
  replaced.push_back(std::move(fresh));
  return replaced;
}

}  // namespace sim::h5
