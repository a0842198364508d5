#pragma once
// A dataset: numeric arrays of double, float, int64, int32, uint8 (scalar, 1-D, 2-D),
// variable-length UTF-8 string arrays and scalar strings; appending row blocks along the
// first dimension; dimension scales (HDF5 HL H5DS) so that netCDF readers (xarray) see
// named dimensions; reading back into std::vector.
#include <concepts>
#include <cstdint>
#include <optional>
#include <ranges>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "accord/sim/h5/object.hpp"

namespace accord::sim::h5 {

enum class Type { kFloat64, kFloat32, kInt64, kInt32, kUint8 };

template <class T>
concept Element = std::same_as<T, double> || std::same_as<T, float> || std::same_as<T, int64_t> ||
    std::same_as<T, int32_t> || std::same_as<T, uint8_t>;

template <Element T>
constexpr Type type_of() {
  if constexpr (std::same_as<T, double>) return Type::kFloat64;
  if constexpr (std::same_as<T, float>) return Type::kFloat32;
  if constexpr (std::same_as<T, int64_t>) return Type::kInt64;
  if constexpr (std::same_as<T, int32_t>) return Type::kInt32;
  if constexpr (std::same_as<T, uint8_t>) return Type::kUint8;
}

template <class R>
concept ElementRange = std::ranges::contiguous_range<R> && std::ranges::sized_range<R> &&
    Element<std::remove_cv_t<std::ranges::range_value_t<R>>>;

struct WriteOptions {
  std::string units;        // attribute `units`; written (even empty) when either is set
  std::string description;  // written as attribute `description` when not empty
  // Numeric datasets: rows (first dimension) per chunk; 0 = automatic (about 512 KiB per
  // chunk, at most 256 columns). Strings and scalars are never chunked.
  uint64_t chunk_rows = 0;
  uint64_t chunk_cols = 0;     // 2-D: columns per chunk; 0 = min(cols, 256)
  int deflate = 4;             // zlib level 0..9; 0 = no compression (contiguous if possible)
  bool shuffle = true;         // byte shuffle before deflate (much better on floats)
  std::optional<double> fill;  // fill value of unwritten elements
  // Compressed numeric arrays: threads compressing their chunks (libdeflate, outside the
  // library; sim/h5/chunk_encoder), a band of chunks at a time. Results do not depend on it.
  unsigned threads = 1;

  // Chainable setters (designated initializers trip -Wmissing-field-initializers):
  //   WriteOptions::with("kWh", "consumption").compress(1).chunk(1024)
  static WriteOptions with(std::string units_text, std::string description_text = {}) {
    WriteOptions o;
    o.units = std::move(units_text);
    o.description = std::move(description_text);
    return o;
  }
  WriteOptions& chunk(uint64_t rows, uint64_t cols = 0) {
    chunk_rows = rows;
    chunk_cols = cols;
    return *this;
  }
  WriteOptions& compress(int level, bool with_shuffle = true) {
    deflate = level;
    shuffle = with_shuffle;
    return *this;
  }
  WriteOptions& fill_with(double value) {
    fill = value;
    return *this;
  }
  WriteOptions& on_threads(unsigned count) {
    threads = count;
    return *this;
  }
};

// A numeric array read back: values in row-major order and the shape.
template <Element T>
struct Array {
  std::vector<T> values;
  Dims dims;
};

struct EncodedArray;

class Dataset : public Object {
 public:
  Dataset() = default;

  Dims dims() const;
  bool is_string() const;

  // Appends `values` (rows x row size, row-major) along the first dimension of a dataset
  // made by Location::create_appendable.
  template <ElementRange R>
  void append_rows(const R& values) {
    using T = std::remove_cv_t<std::ranges::range_value_t<R>>;
    append_raw(type_of<T>(), std::ranges::data(values), std::ranges::size(values));
  }

  // Copies compressed chunks (encode_band) into this dataset, made by Location::write_encoded
  // for the same array.
  void write_chunks(const EncodedArray& band);

  template <Element T>
  Array<T> read() const {
    Array<T> out;
    out.dims = dims();
    uint64_t n = 1;
    for (auto d : out.dims) n *= d;
    out.values.resize(n);
    read_raw(type_of<T>(), out.values.data(), n);
    return out;
  }
  std::vector<std::string> read_strings() const;  // string dataset, scalar or 1-D
  std::string read_string() const;                // scalar string dataset

  // Dimension scales (HDF5 HL). make_scale marks this dataset as the scale of a dimension
  // named `dim_name`; attach_scale attaches `scale` to dimension `dim` of this dataset.
  void make_scale(std::string_view dim_name);
  void attach_scale(const Dataset& scale, unsigned dim);
  bool is_scale() const;
  // Paths (inside the file) of the scales attached to dimension `dim`.
  std::vector<std::string> attached_scales(unsigned dim) const;

 private:
  friend class Location;
  using Object::Object;
  void append_raw(Type type, const void* data, uint64_t count);
  void read_raw(Type type, void* data, uint64_t count) const;
};

}  // namespace accord::sim::h5
