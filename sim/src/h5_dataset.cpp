#include "accord/sim/h5/dataset.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <mutex>

#include "accord/sim/error.hpp"
#include "accord/sim/h5/chunk_encoder.hpp"
#include "h5_detail.hpp"

namespace accord::sim::h5 {

Dims Dataset::dims() const {
  const detail::ReadGuard reading(file_path_);
  Handle space(H5Dget_space(id()));
  const int rank = space.valid() ? H5Sget_simple_extent_ndims(space.get()) : -1;
  if (rank < 0) fail("cannot read the shape of");
  std::vector<hsize_t> d(static_cast<size_t>(rank));
  if (rank > 0 && H5Sget_simple_extent_dims(space.get(), d.data(), nullptr) < 0) {
    fail("cannot read the shape of");
  }
  return Dims(d.begin(), d.end());
}

bool Dataset::is_string() const {
  const detail::ReadGuard reading(file_path_);
  Handle type(H5Dget_type(id()));
  if (!type.valid()) fail("cannot read the type of");
  return H5Tget_class(type.get()) == H5T_STRING;
}

void Dataset::append_raw(Type type, const void* data, uint64_t count) {
  Dims current = dims();
  if (current.empty()) fail("cannot append to scalar dataset");
  uint64_t row_size = 1;
  for (size_t i = 1; i < current.size(); ++i) row_size *= current[i];
  if (count == 0) return;
  if (row_size == 0 || count % row_size != 0) {
    throw IoError(fmt::format("HDF5: {} values do not make whole rows of {} in '{}' in {}", count,
                              row_size, name(), file_path()));
  }
  const uint64_t rows = count / row_size;
  // Rank is at most 32 in HDF5; fixed arrays keep the compiler's null checks quiet.
  const size_t rank = current.size();
  hsize_t extent[H5S_MAX_RANK] = {};
  hsize_t start[H5S_MAX_RANK] = {};
  hsize_t block[H5S_MAX_RANK] = {};
  for (size_t i = 0; i < rank; ++i) extent[i] = block[i] = current[i];
  start[0] = current[0];
  extent[0] = current[0] + rows;
  block[0] = rows;
  if (H5Dset_extent(id(), extent) < 0) fail("cannot extend dataset");
  Handle file_space(H5Dget_space(id()));
  if (!file_space.valid() ||
      H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start, nullptr, block, nullptr) < 0) {
    fail("cannot select rows of dataset");
  }
  Handle memory_space(H5Screate_simple(static_cast<int>(rank), block, nullptr));
  if (!memory_space.valid() || H5Dwrite(id(), detail::memory_type(type), memory_space.get(),
                                        file_space.get(), H5P_DEFAULT, data) < 0) {
    fail("cannot write rows of dataset");
  }
}

void Dataset::write_chunks(const EncodedArray& band) {
  // Element offsets of chunk `first_chunk` of the row-major chunk grid, then of the next ones.
  const size_t rank = band.dims.size();
  std::vector<hsize_t> offset(rank, 0);
  uint64_t rest = band.first_chunk;
  for (size_t k = rank; k-- > 0;) {
    const uint64_t across = (band.dims[k] + band.chunk[k] - 1) / band.chunk[k];
    offset[k] = (rest % across) * band.chunk[k];
    rest /= across;
  }
  for (const auto& stored : band.chunks) {
    if (H5Dwrite_chunk(id(), H5P_DEFAULT, 0, offset.data(), stored.size(), stored.data()) < 0)
      fail("cannot write dataset");
    for (size_t k = rank; k-- > 0;) {
      offset[k] += band.chunk[k];
      if (offset[k] < band.dims[k]) break;
      offset[k] = 0;
    }
  }
}

void Dataset::read_raw(Type type, void* data, uint64_t count) const {
  const detail::ReadGuard reading(file_path_);
  if (is_string()) fail("not a numeric dataset:");
  if (count == 0) return;
  if (H5Dread(id(), detail::memory_type(type), H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0) {
    fail("cannot read dataset");
  }
}

std::vector<std::string> Dataset::read_strings() const {
  const detail::ReadGuard reading(file_path_);
  Handle type(H5Dget_type(id()));
  if (!type.valid() || H5Tget_class(type.get()) != H5T_STRING) fail("not a string dataset:");
  Handle space(H5Dget_space(id()));
  const hssize_t points = H5Sget_simple_extent_npoints(space.get());
  if (points < 0) fail("cannot read the shape of");
  const auto n = static_cast<size_t>(points);
  std::vector<std::string> out;
  out.reserve(n);
  if (n == 0) return out;
  const H5T_cset_t cset = H5Tget_cset(type.get());
  if (H5Tis_variable_str(type.get()) > 0) {
    const Handle memory = detail::vlen_string_type(cset);
    std::vector<char*> pointers(n, nullptr);
    const Handle transfer = detail::string_transfer(n);
    if (H5Dread(id(), memory.get(), H5S_ALL, H5S_ALL,
                transfer.valid() ? transfer.get() : H5P_DEFAULT, pointers.data()) < 0) {
      fail("cannot read dataset");
    }
    for (char* p : pointers) {
      out.emplace_back(p != nullptr ? p : "");
      H5free_memory(p);
    }
    return out;
  }
  const size_t size = H5Tget_size(type.get());
  Handle memory(H5Tcopy(H5T_C_S1));
  H5Tset_size(memory.get(), size);
  H5Tset_cset(memory.get(), cset);
  std::string buffer(n * size, '\0');
  if (H5Dread(id(), memory.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()) < 0) {
    fail("cannot read dataset");
  }
  for (size_t i = 0; i < n; ++i) {
    std::string s = buffer.substr(i * size, size);
    s.resize(std::min(s.find('\0'), s.size()));
    out.push_back(std::move(s));
  }
  return out;
}

std::string Dataset::read_string() const {
  auto values = read_strings();
  if (values.size() != 1 || !dims().empty()) fail("not a scalar string dataset:");
  return std::move(values.front());
}

void Dataset::make_scale(std::string_view dim_name) {
  const std::string dim(dim_name);
  const std::lock_guard hl(detail::high_level_mutex());
  if (H5DSset_scale(id(), dim.c_str()) < 0) fail("cannot make a dimension scale of");
}

void Dataset::attach_scale(const Dataset& scale, unsigned dim) {
  const std::lock_guard hl(detail::high_level_mutex());
  if (H5DSattach_scale(id(), scale.id(), dim) < 0) {
    fail(fmt::format("cannot attach scale '{}' to dimension {} of", scale.name(), dim));
  }
}

bool Dataset::is_scale() const {
  const detail::ReadGuard reading(file_path_);
  const std::lock_guard hl(detail::high_level_mutex());
  const htri_t scale = H5DSis_scale(id());
  if (scale < 0) fail("cannot check for a dimension scale:");
  return scale > 0;
}

namespace {
herr_t collect_scale_name(hid_t, unsigned, hid_t scale, void* data) {
  const ssize_t length = H5Iget_name(scale, nullptr, 0);
  if (length < 0) return -1;
  std::string name(static_cast<size_t>(length) + 1, '\0');
  H5Iget_name(scale, name.data(), name.size());
  name.resize(static_cast<size_t>(length));
  static_cast<std::vector<std::string>*>(data)->push_back(std::move(name));
  return 0;
}
}  // namespace

std::vector<std::string> Dataset::attached_scales(unsigned dim) const {
  const detail::ReadGuard reading(file_path_);
  const std::lock_guard hl(detail::high_level_mutex());
  std::vector<std::string> names;
  const int count = H5DSget_num_scales(id(), dim);
  if (count <= 0) return names;
  if (H5DSiterate_scales(id(), dim, nullptr, collect_scale_name, &names) < 0) {
    fail(fmt::format("cannot list the scales of dimension {} of", dim));
  }
  return names;
}

}  // namespace accord::sim::h5
