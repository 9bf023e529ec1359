// Attributes of groups and datasets (Object).
#include <sstream>

#include "sim/results/h5.hpp"
#include "sim/results/h5_detail.hpp"

namespace sim::h5 {

using namespace detail;

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

void Object::set_attribute(const std::string& name, const std::vector<std::string>& values) {
  std::vector<const char*> ptrs;
  for (const auto& v : values) {
    check_c_string(v, "attribute " + quoted(name) + " of " + describe());
    ptrs.push_back(v.c_str());
  }
  const char* none = "";  // HDF5 rejects a null buffer even when there is nothing to write
  Handle type = utf8_string_type();
  write_attribute(name, type.get(), type.get(), simple_space({values.size()}).get(),
                  ptrs.empty() ? &none : ptrs.data());
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
  // Appended rather than "(" + ... + ")": g++ 12 raises a false -Wrestrict on that expression
  // once this function is compiled apart from the rest of the layer.
  std::string count = "(";
  count += std::to_string(n);
  count += " values)";
  return count;
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

}  // namespace sim::h5
