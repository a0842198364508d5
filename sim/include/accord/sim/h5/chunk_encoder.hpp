#pragma once
// Compression of a dataset's chunks before (and apart from) the HDF5 library. The chunks of a
// numeric array are cut, byte-shuffled and deflated exactly as HDF5's own shuffle and deflate
// filters would store them (zlib format, so that every HDF5 reader opens the file without a
// plugin), but by libdeflate, which is several times faster than zlib at the same level, on
// several threads, and without any HDF5 call: a sweep compresses its runs' arrays in parallel
// outside the lock that serialises the library, and Location::write_encoded then only copies
// the compressed chunks into the file (H5Dwrite_chunk).
#include <cstdint>
#include <vector>

#include "accord/sim/h5/dataset.hpp"

namespace accord::sim::h5 {

struct EncodedArray {
  Type type = Type::kFloat64;
  Dims dims;   // the dataset's shape
  Dims chunk;  // the chunk shape (the one Location::write_2d would choose)
  int deflate = 1;
  bool shuffle = true;
  std::optional<double> fill;  // value of the unwritten elements of edge chunks (else 0)
  // Chunks in row-major order of the chunk grid, each as stored in the file: the whole grid,
  // or the band of it that starts at chunk `first_chunk`.
  uint64_t first_chunk = 0;
  std::vector<std::vector<unsigned char>> chunks;
};

// Cuts and compresses `data` (row-major, dims.size() >= 1, no dimension 0) with the chunk
// shape, filters and fill value of `options` (options.deflate >= 1) on up to `threads`
// threads. The result does not depend on the thread count. Thread-safe: no HDF5 call.
EncodedArray encode_array(Type type, const void* data, const Dims& dims,
                          const WriteOptions& options, unsigned threads);
// Only chunks [first_chunk, first_chunk + count) of the grid (clipped to it): a band, so that
// a large array is compressed and written a band at a time, in bounded memory.
EncodedArray encode_band(Type type, const void* data, const Dims& dims, const WriteOptions& options,
                         unsigned threads, uint64_t first_chunk, uint64_t count);
// Chunks in the grid of an array of `dims` cut in chunks of `chunk`.
uint64_t chunk_count(const Dims& dims, const Dims& chunk);

// A 2-D [rows, cols] array from row-major `values`.
template <ElementRange R>
EncodedArray encode_2d(const R& values, uint64_t rows, uint64_t cols, const WriteOptions& options,
                       unsigned threads = 1) {
  using T = std::remove_cv_t<std::ranges::range_value_t<R>>;
  return encode_array(type_of<T>(), std::ranges::data(values), Dims{rows, cols}, options, threads);
}

// The chunk shape HDF5 datasets of `dims` get from `options` (about 512 KiB per chunk, at
// most 256 columns, unless the options say otherwise); `appendable` leaves the first
// dimension free to grow.
Dims chunk_shape(const Dims& dims, size_t element_size, const WriteOptions& options,
                 bool appendable);

}  // namespace accord::sim::h5
