#include "accord/sim/h5/object.hpp"

#include <fmt/format.h>
#include <algorithm>

#include "h5_detail.hpp"

namespace accord::sim::h5 {

namespace {

Handle simple_space(uint64_t n) {
  const hsize_t dim = n;
  return Handle(H5Screate_simple(1, &dim, nullptr));
}

}  // namespace

void Object::fail(std::string_view what, std::string_view object) const {
  detail::throw_error(what, object.empty() ? std::string_view(name_) : object, file_path_);
}

std::string Object::child_path(std::string_view child) const {
  if (name_.empty() || name_ == "/") return fmt::format("/{}", child);
  return fmt::format("{}/{}", name_, child);
}

namespace {

// Creates (replacing) attribute `attr` of `object` and writes `data` of memory type `memory`.
void write_attribute(const Object& object, std::string_view attr, hid_t stored, hid_t memory,
                     const Handle& space, const void* data) {
  const std::string name(attr);
  const std::string where = fmt::format("{}@{}", object.name(), name);
  if (!space.valid()) object.fail("cannot make the dataspace of attribute", where);
  const htri_t exists = H5Aexists(object.id(), name.c_str());
  if (exists < 0) object.fail("cannot check attribute", where);
  if (exists > 0 && H5Adelete(object.id(), name.c_str()) < 0) {
    object.fail("cannot replace attribute", where);
  }
  Handle a(H5Acreate2(object.id(), name.c_str(), stored, space.get(), H5P_DEFAULT, H5P_DEFAULT));
  if (!a.valid()) object.fail("cannot create attribute", where);
  if (H5Awrite(a.get(), memory, data) < 0) object.fail("cannot write attribute", where);
}

Handle open_attribute(const Object& object, std::string_view attr) {
  const std::string name(attr);
  Handle a(H5Aopen(object.id(), name.c_str(), H5P_DEFAULT));
  if (!a.valid()) object.fail("cannot open attribute", fmt::format("{}@{}", object.name(), name));
  return a;
}

template <class T>
std::vector<T> read_numeric_attribute(const Object& object, std::string_view attr, hid_t memory) {
  const detail::ReadGuard reading(object.file_path());
  Handle a = open_attribute(object, attr);
  const std::string where = fmt::format("{}@{}", object.name(), attr);
  Handle space(H5Aget_space(a.get()));
  const hssize_t n = space.valid() ? H5Sget_simple_extent_npoints(space.get()) : -1;
  if (n < 0) object.fail("cannot read the shape of attribute", where);
  Handle type(H5Aget_type(a.get()));
  const H5T_class_t cls = H5Tget_class(type.get());
  if (cls != H5T_INTEGER && cls != H5T_FLOAT) object.fail("not a numeric attribute:", where);
  std::vector<T> values(static_cast<size_t>(n));
  if (n > 0 && H5Aread(a.get(), memory, values.data()) < 0) {
    object.fail("cannot read attribute", where);
  }
  return values;
}

}  // namespace

void Object::set_attr_string(std::string_view attr, std::string_view value) {
  const Handle type = detail::vlen_string_type();
  const Handle space(H5Screate(H5S_SCALAR));
  const std::string copy(value);
  const char* pointer = copy.c_str();
  write_attribute(*this, attr, type.get(), type.get(), space, &pointer);
}

void Object::set_attr_int(std::string_view attr, int64_t value) {
  const Handle space(H5Screate(H5S_SCALAR));
  write_attribute(*this, attr, H5T_STD_I64LE, H5T_NATIVE_INT64, space, &value);
}

void Object::set_attr_double(std::string_view attr, double value) {
  const Handle space(H5Screate(H5S_SCALAR));
  write_attribute(*this, attr, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, space, &value);
}

void Object::set_attr_ints(std::string_view attr, std::span<const int32_t> values) {
  write_attribute(*this, attr, H5T_STD_I32LE, H5T_NATIVE_INT32, simple_space(values.size()),
                  values.data());
}

void Object::set_attr_int64s(std::string_view attr, std::span<const int64_t> values) {
  write_attribute(*this, attr, H5T_STD_I64LE, H5T_NATIVE_INT64, simple_space(values.size()),
                  values.data());
}

void Object::set_attr_doubles(std::string_view attr, std::span<const double> values) {
  write_attribute(*this, attr, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, simple_space(values.size()),
                  values.data());
}

bool Object::has_attr(std::string_view attr) const {
  const detail::ReadGuard reading(file_path_);
  const std::string name(attr);
  const htri_t exists = H5Aexists(id(), name.c_str());
  if (exists < 0) fail("cannot check attribute", fmt::format("{}@{}", name_, name));
  return exists > 0;
}

namespace {
herr_t collect_attr_name(hid_t, const char* name, const H5A_info_t*, void* data) {
  static_cast<std::vector<std::string>*>(data)->emplace_back(name);
  return 0;
}
}  // namespace

std::vector<std::string> Object::attr_names() const {
  const detail::ReadGuard reading(file_path_);
  std::vector<std::string> names;
  hsize_t index = 0;
  if (H5Aiterate2(id(), H5_INDEX_NAME, H5_ITER_INC, &index, collect_attr_name, &names) < 0) {
    fail("cannot list the attributes of");
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string Object::attr_string(std::string_view attr) const {
  const detail::ReadGuard reading(file_path_);
  Handle a = open_attribute(*this, attr);
  const std::string where = fmt::format("{}@{}", name_, attr);
  Handle type(H5Aget_type(a.get()));
  if (H5Tget_class(type.get()) != H5T_STRING) fail("not a string attribute:", where);
  Handle space(H5Aget_space(a.get()));
  if (H5Sget_simple_extent_npoints(space.get()) != 1) fail("not a scalar string:", where);
  const H5T_cset_t cset = H5Tget_cset(type.get());
  if (H5Tis_variable_str(type.get()) > 0) {
    const Handle memory = detail::vlen_string_type(cset);
    char* pointer = nullptr;
    if (H5Aread(a.get(), memory.get(), &pointer) < 0) fail("cannot read attribute", where);
    std::string value = pointer != nullptr ? std::string(pointer) : std::string();
    H5free_memory(pointer);
    return value;
  }
  const size_t size = H5Tget_size(type.get());
  Handle memory(H5Tcopy(H5T_C_S1));
  H5Tset_size(memory.get(), size);
  H5Tset_cset(memory.get(), cset);
  std::string buffer(size, '\0');
  if (H5Aread(a.get(), memory.get(), buffer.data()) < 0) fail("cannot read attribute", where);
  buffer.resize(std::min(buffer.find('\0'), buffer.size()));
  return buffer;
}

int64_t Object::attr_int(std::string_view attr) const {
  const auto values = attr_ints(attr);
  if (values.size() != 1) fail("not a single integer:", fmt::format("{}@{}", name_, attr));
  return values.front();
}

double Object::attr_double(std::string_view attr) const {
  const auto values = attr_doubles(attr);
  if (values.size() != 1) fail("not a single number:", fmt::format("{}@{}", name_, attr));
  return values.front();
}

std::vector<int64_t> Object::attr_ints(std::string_view attr) const {
  return read_numeric_attribute<int64_t>(*this, attr, H5T_NATIVE_INT64);
}

std::vector<double> Object::attr_doubles(std::string_view attr) const {
  return read_numeric_attribute<double>(*this, attr, H5T_NATIVE_DOUBLE);
}

}  // namespace accord::sim::h5
