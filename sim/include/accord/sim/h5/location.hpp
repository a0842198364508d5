#pragma once
// Groups and files: objects that hold children (groups and datasets).
#include <cstdint>
#include <ranges>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "accord/sim/h5/chunk_encoder.hpp"
#include "accord/sim/h5/dataset.hpp"

namespace accord::sim::h5 {

class Group;

class Location : public Object {
 public:
  Group create_group(std::string_view name);
  Group open_group(std::string_view name) const;
  Dataset open_dataset(std::string_view name) const;
  bool exists(std::string_view name) const;   // a direct child of that name
  std::vector<std::string> children() const;  // names of direct children, sorted

  // 1-D numeric dataset [size].
  template <ElementRange R>
  Dataset write_1d(std::string_view name, const R& values, const WriteOptions& options = {}) {
    using T = std::remove_cv_t<std::ranges::range_value_t<R>>;
    return write_raw(name, type_of<T>(), std::ranges::data(values),
                     Dims{static_cast<uint64_t>(std::ranges::size(values))}, options);
  }
  // 2-D numeric dataset [rows, cols] from row-major `values`.
  template <ElementRange R>
  Dataset write_2d(std::string_view name, const R& values, uint64_t rows, uint64_t cols,
                   const WriteOptions& options = {}) {
    using T = std::remove_cv_t<std::ranges::range_value_t<R>>;
    check_size(name, static_cast<uint64_t>(std::ranges::size(values)), rows * cols);
    return write_raw(name, type_of<T>(), std::ranges::data(values), Dims{rows, cols}, options);
  }
  // 3-D numeric dataset [d0, d1, d2] from row-major `values`.
  template <ElementRange R>
  Dataset write_3d(std::string_view name, const R& values, uint64_t d0, uint64_t d1, uint64_t d2,
                   const WriteOptions& options = {}) {
    using T = std::remove_cv_t<std::ranges::range_value_t<R>>;
    check_size(name, static_cast<uint64_t>(std::ranges::size(values)), d0 * d1 * d2);
    return write_raw(name, type_of<T>(), std::ranges::data(values), Dims{d0, d1, d2}, options);
  }
  // Scalar numeric dataset.
  template <Element T>
  Dataset write_scalar(std::string_view name, T value, const WriteOptions& options = {}) {
    return write_raw(name, type_of<T>(), &value, Dims{}, options);
  }
  // Dataset of shape [0, row_shape...], extendable along the first dimension (chunked),
  // filled by Dataset::append_rows. row_shape {} gives a 1-D dataset, {N} a 2-D [T, N].
  template <Element T>
  Dataset create_appendable(std::string_view name, const Dims& row_shape,
                            const WriteOptions& options = {}) {
    return create_appendable_raw(name, type_of<T>(), row_shape, options);
  }

  // A numeric dataset from chunks compressed beforehand (encode_array, outside any lock on
  // HDF5): the same dataset as the write_* call with the options it was encoded with; only
  // the metadata (units, description) is taken from `options`.
  Dataset write_encoded(std::string_view name, const EncodedArray& array,
                        const WriteOptions& options = {});

  // Variable-length UTF-8 strings: a 1-D array and a scalar.
  Dataset write_strings(std::string_view name, std::span<const std::string> values,
                        const WriteOptions& options = {});
  // 2-D [rows, cols] from row-major `values`.
  Dataset write_strings_2d(std::string_view name, std::span<const std::string> values,
                           uint64_t rows, uint64_t cols, const WriteOptions& options = {});
  Dataset write_string(std::string_view name, std::string_view value,
                       const WriteOptions& options = {});

 protected:
  using Object::Object;

 private:
  Dataset write_raw(std::string_view name, Type type, const void* data, const Dims& dims,
                    const WriteOptions& options);
  Dataset create_appendable_raw(std::string_view name, Type type, const Dims& row_shape,
                                const WriteOptions& options);
  void check_size(std::string_view name, uint64_t size, uint64_t expected) const;
};

class Group : public Location {
 public:
  Group() = default;

 private:
  friend class Location;
  using Location::Location;
};

// An HDF5 file; as a Location it is the root group "/" (its attributes are the root's).
class File : public Location {
 public:
  File() = default;
  // Creates (truncating any existing file) for writing.
  static File create(const std::string& path);
  // Opens an existing file, read-only unless `writable`.
  static File open(const std::string& path, bool writable = false);

  void flush();
  // Closes the file and every object still open in it; throws IoError on failure.
  void close();

 private:
  using Location::Location;
};

}  // namespace accord::sim::h5
