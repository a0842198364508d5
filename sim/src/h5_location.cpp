#include "accord/sim/h5/location.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cstring>

#include "accord/sim/error.hpp"
#include "accord/sim/h5/chunk_encoder.hpp"
#include "h5_detail.hpp"

namespace accord::sim::h5 {

namespace {

// Compression (shuffle + deflate, only on chunked layouts) and fill value of a dataset's
// creation properties; returns what failed, or nullptr.
const char* set_filters(hid_t plist, Type type, const WriteOptions& options, bool chunked) {
  if (chunked && options.deflate > 0) {
    if (options.shuffle && H5Pset_shuffle(plist) < 0) return "cannot shuffle";
    if (H5Pset_deflate(plist, static_cast<unsigned>(std::clamp(options.deflate, 0, 9))) < 0)
      return "cannot compress";
  }
  if (options.fill) {
    unsigned char bytes[8] = {};
    detail::fill_bytes(type, *options.fill, bytes);
    if (H5Pset_fill_value(plist, detail::memory_type(type), bytes) < 0)
      return "cannot set the fill value of";
  }
  return nullptr;
}

void write_metadata(Dataset& dataset, const WriteOptions& options) {
  // A described dataset always gets a `units` attribute, empty for strings and identifiers.
  if (!options.units.empty() || !options.description.empty()) {
    dataset.set_attr_string("units", options.units);
  }
  if (!options.description.empty()) dataset.set_attr_string("description", options.description);
}

}  // namespace

Group Location::create_group(std::string_view name) {
  const std::string path = child_path(name);
  const std::string n(name);
  Handle g(H5Gcreate2(id(), n.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
  if (!g.valid()) fail("cannot create group", path);
  return Group(std::move(g), file_path_, path);
}

Group Location::open_group(std::string_view name) const {
  const detail::ReadGuard reading(file_path_);
  const std::string path = child_path(name);
  const std::string n(name);
  Handle g(H5Gopen2(id(), n.c_str(), H5P_DEFAULT));
  if (!g.valid()) fail("cannot open group", path);
  return Group(std::move(g), file_path_, path);
}

Dataset Location::open_dataset(std::string_view name) const {
  const detail::ReadGuard reading(file_path_);
  const std::string path = child_path(name);
  const std::string n(name);
  Handle d(H5Dopen2(id(), n.c_str(), H5P_DEFAULT));
  if (!d.valid()) fail("cannot open dataset", path);
  return Dataset(std::move(d), file_path_, path);
}

bool Location::exists(std::string_view name) const {
  const detail::ReadGuard reading(file_path_);
  const std::string n(name);
  const htri_t e = H5Lexists(id(), n.c_str(), H5P_DEFAULT);
  if (e < 0) fail("cannot look up", child_path(name));
  return e > 0;
}

namespace {
herr_t collect_link_name(hid_t, const char* name, const H5L_info_t*, void* data) {
  static_cast<std::vector<std::string>*>(data)->emplace_back(name);
  return 0;
}
}  // namespace

std::vector<std::string> Location::children() const {
  const detail::ReadGuard reading(file_path_);
  std::vector<std::string> names;
  hsize_t index = 0;
  if (H5Literate(id(), H5_INDEX_NAME, H5_ITER_INC, &index, collect_link_name, &names) < 0) {
    fail("cannot list the members of");
  }
  std::sort(names.begin(), names.end());
  return names;
}

void Location::check_size(std::string_view name, uint64_t size, uint64_t expected) const {
  if (size != expected) {
    throw IoError(fmt::format("HDF5: dataset '{}' in {}: {} values given for {} elements",
                              child_path(name), file_path_, size, expected));
  }
}

Dataset Location::write_raw(std::string_view name, Type type, const void* data, const Dims& dims,
                            const WriteOptions& options) {
  const std::string path = child_path(name);
  const std::string n(name);
  const auto extent = detail::to_hsize(dims);
  Handle space(dims.empty()
                   ? H5Screate(H5S_SCALAR)
                   : H5Screate_simple(static_cast<int>(extent.size()), extent.data(), nullptr));
  if (!space.valid()) fail("cannot make the dataspace of", path);
  uint64_t total = 1;
  for (auto d : dims) total *= d;

  // Compressed arrays: chunks compressed by libdeflate on options.threads, written as they
  // are stored, a band at a time (memory: one band of compressed chunks, not the array's).
  if (!dims.empty() && total > 0 && options.deflate > 0 && data != nullptr) {
    const Dims chunk = chunk_shape(dims, detail::type_size(type), options, false);
    const uint64_t chunks = chunk_count(dims, chunk);
    uint64_t chunk_bytes = detail::type_size(type);
    for (const uint64_t c : chunk) chunk_bytes *= c;
    constexpr uint64_t kBandBytes = 16 << 20;
    const uint64_t band =
        std::max<uint64_t>(8 * std::max(1u, options.threads), kBandBytes / chunk_bytes);
    Dataset dataset;
    for (uint64_t first = 0; first < chunks; first += band) {
      const EncodedArray encoded =
          encode_band(type, data, dims, options, options.threads, first, band);
      if (first == 0)
        dataset = write_encoded(name, encoded, options);
      else
        dataset.write_chunks(encoded);
    }
    return dataset;
  }

  Handle plist(H5Pcreate(H5P_DATASET_CREATE));
  if (!plist.valid()) fail("cannot make the creation properties of", path);
  const bool chunked =
      !dims.empty() && total > 0 && (options.deflate > 0 || options.chunk_rows > 0);
  if (chunked) {
    const auto chunk = detail::to_hsize(chunk_shape(dims, detail::type_size(type), options, false));
    if (H5Pset_chunk(plist.get(), static_cast<int>(chunk.size()), chunk.data()) < 0) {
      fail("cannot set the chunks of", path);
    }
  }
  if (const char* problem = set_filters(plist.get(), type, options, chunked)) fail(problem, path);
  Handle d(H5Dcreate2(id(), n.c_str(), detail::file_type(type), space.get(), H5P_DEFAULT,
                      plist.get(), H5P_DEFAULT));
  if (!d.valid()) fail("cannot create dataset", path);
  if (total > 0 && data != nullptr &&
      H5Dwrite(d.get(), detail::memory_type(type), H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0) {
    fail("cannot write dataset", path);
  }
  Dataset dataset(std::move(d), file_path_, path);
  write_metadata(dataset, options);
  return dataset;
}

Dataset Location::write_encoded(std::string_view name, const EncodedArray& array,
                                const WriteOptions& options) {
  const std::string path = child_path(name);
  const std::string n(name);
  const auto extent = detail::to_hsize(array.dims);
  Handle space(H5Screate_simple(static_cast<int>(extent.size()), extent.data(), nullptr));
  if (!space.valid()) fail("cannot make the dataspace of", path);
  Handle plist(H5Pcreate(H5P_DATASET_CREATE));
  if (!plist.valid()) fail("cannot make the creation properties of", path);
  const auto chunk = detail::to_hsize(array.chunk);
  if (H5Pset_chunk(plist.get(), static_cast<int>(chunk.size()), chunk.data()) < 0)
    fail("cannot set the chunks of", path);
  WriteOptions filters;
  filters.compress(array.deflate, array.shuffle);
  filters.fill = array.fill;
  if (const char* problem = set_filters(plist.get(), array.type, filters, true))
    fail(problem, path);
  Handle d(H5Dcreate2(id(), n.c_str(), detail::file_type(array.type), space.get(), H5P_DEFAULT,
                      plist.get(), H5P_DEFAULT));
  if (!d.valid()) fail("cannot create dataset", path);
  Dataset dataset(std::move(d), file_path_, path);
  dataset.write_chunks(array);
  write_metadata(dataset, options);
  return dataset;
}

Dataset Location::create_appendable_raw(std::string_view name, Type type, const Dims& row_shape,
                                        const WriteOptions& options) {
  const std::string path = child_path(name);
  const std::string n(name);
  Dims dims{0};
  dims.insert(dims.end(), row_shape.begin(), row_shape.end());
  if (dims.size() > H5S_MAX_RANK) fail("too many dimensions for", path);
  hsize_t extent[H5S_MAX_RANK] = {};
  hsize_t max_extent[H5S_MAX_RANK] = {};
  for (size_t i = 0; i < dims.size(); ++i) {
    extent[i] = dims[i];
    // Zero-width rows also grow: chunks need a non-zero extent.
    max_extent[i] = (i == 0 || dims[i] == 0) ? H5S_UNLIMITED : dims[i];
  }
  Handle space(H5Screate_simple(static_cast<int>(dims.size()), extent, max_extent));
  if (!space.valid()) fail("cannot make the dataspace of", path);
  Handle plist(H5Pcreate(H5P_DATASET_CREATE));
  const auto chunk = detail::to_hsize(chunk_shape(dims, detail::type_size(type), options, true));
  if (!plist.valid() ||
      H5Pset_chunk(plist.get(), static_cast<int>(chunk.size()), chunk.data()) < 0) {
    fail("cannot set the chunks of", path);
  }
  if (const char* problem = set_filters(plist.get(), type, options, true)) fail(problem, path);
  Handle d(H5Dcreate2(id(), n.c_str(), detail::file_type(type), space.get(), H5P_DEFAULT,
                      plist.get(), H5P_DEFAULT));
  if (!d.valid()) fail("cannot create dataset", path);
  Dataset dataset(std::move(d), file_path_, path);
  write_metadata(dataset, options);
  return dataset;
}

Dataset Location::write_strings(std::string_view name, std::span<const std::string> values,
                                const WriteOptions& options) {
  return write_strings_2d(name, values, values.size(), 0, options);
}

// cols == 0: a 1-D dataset of `rows` strings.
Dataset Location::write_strings_2d(std::string_view name, std::span<const std::string> values,
                                   uint64_t rows, uint64_t cols, const WriteOptions& options) {
  const std::string path = child_path(name);
  const std::string n(name);
  check_size(name, values.size(), cols == 0 ? rows : rows * cols);
  const Handle type = detail::vlen_string_type();
  const hsize_t extent[2] = {rows, cols};
  Handle space(H5Screate_simple(cols == 0 ? 1 : 2, extent, nullptr));
  if (!space.valid()) fail("cannot make the dataspace of", path);
  Handle d(
      H5Dcreate2(id(), n.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
  if (!d.valid()) fail("cannot create dataset", path);
  std::vector<const char*> pointers;
  pointers.reserve(values.size());
  for (const auto& v : values) pointers.push_back(v.c_str());
  const Handle transfer = detail::string_transfer(pointers.size());
  if (!pointers.empty() &&
      H5Dwrite(d.get(), type.get(), H5S_ALL, H5S_ALL,
               transfer.valid() ? transfer.get() : H5P_DEFAULT, pointers.data()) < 0) {
    fail("cannot write dataset", path);
  }
  Dataset dataset(std::move(d), file_path_, path);
  write_metadata(dataset, options);
  return dataset;
}

Dataset Location::write_string(std::string_view name, std::string_view value,
                               const WriteOptions& options) {
  const std::string path = child_path(name);
  const std::string n(name);
  const Handle type = detail::vlen_string_type();
  Handle space(H5Screate(H5S_SCALAR));
  Handle d(
      H5Dcreate2(id(), n.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
  if (!d.valid()) fail("cannot create dataset", path);
  const std::string copy(value);
  const char* pointer = copy.c_str();
  const Handle transfer = detail::string_transfer(1);
  if (H5Dwrite(d.get(), type.get(), H5S_ALL, H5S_ALL,
               transfer.valid() ? transfer.get() : H5P_DEFAULT, &pointer) < 0) {
    fail("cannot write dataset", path);
  }
  Dataset dataset(std::move(d), file_path_, path);
  write_metadata(dataset, options);
  return dataset;
}

File File::create(const std::string& path) {
  silence_error_stack();
  Handle access(H5Pcreate(H5P_FILE_ACCESS));
  // Strong close: closing the file closes every object still open in it, so the file is
  // complete on disk when close() returns (the atomic writer renames it right after).
  if (!access.valid() || H5Pset_fclose_degree(access.get(), H5F_CLOSE_STRONG) < 0) {
    detail::throw_error("cannot make the file access properties of", "", path);
  }
  Handle f(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, access.get()));
  if (!f.valid()) detail::throw_error("cannot create file", path, "");
  return File(std::move(f), path, "/");
}

File File::open(const std::string& path, bool writable) {
  const detail::ReadGuard reading(path);
  silence_error_stack();
  Handle access(H5Pcreate(H5P_FILE_ACCESS));
  if (!access.valid() || H5Pset_fclose_degree(access.get(), H5F_CLOSE_STRONG) < 0) {
    detail::throw_error("cannot make the file access properties of", "", path);
  }
  Handle f(H5Fopen(path.c_str(), writable ? H5F_ACC_RDWR : H5F_ACC_RDONLY, access.get()));
  if (!f.valid()) detail::throw_error("cannot open file", path, "");
  return File(std::move(f), path, "/");
}

void File::flush() {
  if (H5Fflush(id(), H5F_SCOPE_LOCAL) < 0) detail::throw_error("cannot flush file", file_path_, "");
}

void File::close() {
  if (!handle_.valid()) return;
  const Id f = handle_.release();
  if (H5Fclose(f) < 0) {
    detail::note_file_close_failed();
    detail::throw_error("cannot close file", file_path_, "");
  }
}

}  // namespace accord::sim::h5
