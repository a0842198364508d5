#pragma once
// An HDF5 object that carries attributes (file root, group, dataset), with the names that
// go into error messages: the file path and the object's path inside the file.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "accord/sim/h5/handle.hpp"

namespace accord::sim::h5 {

class Object {
 public:
  bool valid() const { return handle_.valid(); }
  Id id() const { return handle_.get(); }
  const std::string& file_path() const { return file_path_; }
  const std::string& name() const { return name_; }  // path inside the file, e.g. /energy

  // Attributes. Writing replaces an existing attribute of the same name.
  // Strings are scalar variable-length UTF-8 (h5py reads them as str).
  void set_attr_string(std::string_view attr, std::string_view value);
  void set_attr_int(std::string_view attr, int64_t value);
  void set_attr_double(std::string_view attr, double value);
  void set_attr_ints(std::string_view attr, std::span<const int32_t> values);
  void set_attr_int64s(std::string_view attr, std::span<const int64_t> values);
  void set_attr_doubles(std::string_view attr, std::span<const double> values);

  bool has_attr(std::string_view attr) const;
  std::vector<std::string> attr_names() const;
  std::string attr_string(std::string_view attr) const;
  int64_t attr_int(std::string_view attr) const;    // any integer type, scalar or [1]
  double attr_double(std::string_view attr) const;  // any numeric type, scalar or [1]
  std::vector<int64_t> attr_ints(std::string_view attr) const;
  std::vector<double> attr_doubles(std::string_view attr) const;

  // Throws IoError "HDF5: <what> '<object>' in <file>: <HDF5's innermost message>".
  [[noreturn]] void fail(std::string_view what, std::string_view object = {}) const;

 protected:
  Object() = default;
  Object(Handle handle, std::string file_path, std::string name)
      : handle_(std::move(handle)), file_path_(std::move(file_path)), name_(std::move(name)) {}
  // Path of a child `child` of this object.
  std::string child_path(std::string_view child) const;

  Handle handle_;
  std::string file_path_;
  std::string name_;
};

}  // namespace accord::sim::h5
