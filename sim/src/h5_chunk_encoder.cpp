#include "accord/sim/h5/chunk_encoder.hpp"

#include <libdeflate.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <new>
#include <stdexcept>

#include "accord/sim/parallel.hpp"
#include "h5_detail.hpp"

namespace accord::sim::h5 {

namespace {

// Target bytes per chunk: large enough that per-chunk overhead is negligible, small enough
// to stay under HDF5's default 1 MiB chunk cache (so column reads do not re-inflate chunks).
constexpr uint64_t kChunkBytes = 512 * 1024;
constexpr uint64_t kMaxChunkCols = 256;

// One compressor per thread, kept across chunks and arrays (allocating one costs about as
// much as compressing a small chunk).
libdeflate_compressor* compressor_for(int level) {
  struct Cache {
    int level = -1;
    libdeflate_compressor* compressor = nullptr;
    ~Cache() { libdeflate_free_compressor(compressor); }
  };
  thread_local Cache cache;
  if (cache.level != level) {
    libdeflate_free_compressor(cache.compressor);
    cache.compressor = libdeflate_alloc_compressor(level);
    cache.level = cache.compressor != nullptr ? level : -1;
    if (cache.compressor == nullptr) throw std::bad_alloc();
  }
  return cache.compressor;
}

// HDF5's shuffle filter: byte j of element i goes to position j * n + i, so that the
// slowly varying high bytes of neighbouring floats sit together and deflate well.
void shuffle_bytes(const unsigned char* in, unsigned char* out, size_t n, size_t size) {
  for (size_t j = 0; j < size; ++j) {
    unsigned char* o = out + j * n;
    const unsigned char* src = in + j;
    for (size_t i = 0; i < n; ++i) o[i] = src[i * size];
  }
}

// The chunk at `origin` of a row-major array, whole: elements beyond the array's edge get
// the fill value, as HDF5 stores edge chunks.
void gather_chunk(const unsigned char* data, const Dims& dims, const Dims& chunk,
                  const Dims& origin, size_t size, const unsigned char* fill,
                  std::vector<unsigned char>& out) {
  const size_t rank = dims.size();
  Dims extent(rank);  // the part of the chunk inside the array
  bool edge = false;
  size_t elements = 1;
  for (size_t k = 0; k < rank; ++k) {
    extent[k] = std::min(chunk[k], dims[k] - origin[k]);
    edge = edge || extent[k] < chunk[k];
    elements *= chunk[k];
  }
  out.resize(elements * size);
  if (edge)
    for (size_t e = 0; e < elements; ++e) std::memcpy(out.data() + e * size, fill, size);
  // Strides in elements of the array and of the chunk.
  Dims array_stride(rank, 1), chunk_stride(rank, 1);
  for (size_t k = rank - 1; k > 0; --k) {
    array_stride[k - 1] = array_stride[k] * dims[k];
    chunk_stride[k - 1] = chunk_stride[k] * chunk[k];
  }
  // Odometer over the chunk's leading dimensions; the last one is copied as a run.
  Dims index(rank, 0);
  const size_t run_bytes = extent[rank - 1] * size;
  while (true) {
    uint64_t src = 0, dst = 0;
    for (size_t k = 0; k < rank; ++k) {
      src += (origin[k] + index[k]) * array_stride[k];
      dst += index[k] * chunk_stride[k];
    }
    std::memcpy(out.data() + dst * size, data + src * size, run_bytes);
    size_t k = rank - 1;
    while (k > 0) {
      --k;
      if (++index[k] < extent[k]) break;
      index[k] = 0;
      if (k == 0) return;
    }
    if (rank == 1) return;
  }
}

}  // namespace

void detail::fill_bytes(Type type, double value, unsigned char* out) {
  switch (type) {
    case Type::kFloat64:
      std::memcpy(out, &value, 8);
      break;
    case Type::kFloat32: {
      const auto v = static_cast<float>(value);
      std::memcpy(out, &v, 4);
      break;
    }
    case Type::kInt64: {
      const auto v = static_cast<int64_t>(value);
      std::memcpy(out, &v, 8);
      break;
    }
    case Type::kInt32: {
      const auto v = static_cast<int32_t>(value);
      std::memcpy(out, &v, 4);
      break;
    }
    case Type::kUint8:
      *out = static_cast<unsigned char>(value);
      break;
  }
}

Dims chunk_shape(const Dims& dims, size_t element_size, const WriteOptions& options,
                 bool appendable) {
  Dims chunk(dims.size(), 1);
  uint64_t row_bytes = element_size;
  for (size_t i = 1; i < dims.size(); ++i) {
    uint64_t c = dims[i];
    if (i == dims.size() - 1 && dims.size() >= 2) {
      c = options.chunk_cols > 0 ? options.chunk_cols : std::min(dims[i], kMaxChunkCols);
    }
    chunk[i] = std::max<uint64_t>(1, std::min(c, std::max<uint64_t>(dims[i], 1)));
    row_bytes *= chunk[i];
  }
  uint64_t rows =
      options.chunk_rows > 0 ? options.chunk_rows : std::max<uint64_t>(1, kChunkBytes / row_bytes);
  if (!appendable) rows = std::min(rows, std::max<uint64_t>(dims[0], 1));
  chunk[0] = std::max<uint64_t>(rows, 1);
  return chunk;
}

uint64_t chunk_count(const Dims& dims, const Dims& chunk) {
  uint64_t count = 1;
  for (size_t k = 0; k < dims.size(); ++k) count *= (dims[k] + chunk[k] - 1) / chunk[k];
  return count;
}

EncodedArray encode_array(Type type, const void* data, const Dims& dims,
                          const WriteOptions& options, unsigned threads) {
  return encode_band(type, data, dims, options, threads, 0, UINT64_MAX);
}

EncodedArray encode_band(Type type, const void* data, const Dims& dims, const WriteOptions& options,
                         unsigned threads, uint64_t first_chunk, uint64_t band) {
  if (dims.empty() || options.deflate < 1 || data == nullptr ||
      std::any_of(dims.begin(), dims.end(), [](uint64_t d) { return d == 0; }))
    throw std::invalid_argument("encode_array: a non-empty array and a deflate level >= 1");
  const size_t size = detail::type_size(type);
  EncodedArray out;
  out.type = type;
  out.dims = dims;
  out.chunk = chunk_shape(dims, size, options, false);
  out.deflate = std::clamp(options.deflate, 1, 9);
  out.shuffle = options.shuffle;
  out.fill = options.fill;
  unsigned char fill[8] = {};
  if (options.fill) detail::fill_bytes(type, *options.fill, fill);

  const size_t rank = dims.size();
  Dims grid(rank);
  for (size_t k = 0; k < rank; ++k) grid[k] = (dims[k] + out.chunk[k] - 1) / out.chunk[k];
  const uint64_t total = chunk_count(dims, out.chunk);
  out.first_chunk = std::min(first_chunk, total);
  const uint64_t count = std::min(band, total - out.first_chunk);
  out.chunks.resize(count);
  const auto* bytes = static_cast<const unsigned char*>(data);
  parallel_for(static_cast<int64_t>(count), threads, [&](int64_t i) {
    const int64_t c = static_cast<int64_t>(out.first_chunk) + i;
    Dims origin(rank);
    auto rest = static_cast<uint64_t>(c);
    for (size_t k = rank; k-- > 0;) {
      origin[k] = (rest % grid[k]) * out.chunk[k];
      rest /= grid[k];
    }
    thread_local std::vector<unsigned char> raw, shuffled;
    gather_chunk(bytes, dims, out.chunk, origin, size, fill, raw);
    const unsigned char* input = raw.data();
    if (out.shuffle && size > 1) {
      shuffled.resize(raw.size());
      shuffle_bytes(raw.data(), shuffled.data(), raw.size() / size, size);
      input = shuffled.data();
    }
    // Compressed into a buffer reused across chunks (sized for the worst case, which a fresh
    // vector would zero and fault in for every chunk), then kept at its exact size.
    libdeflate_compressor* compressor = compressor_for(out.deflate);
    thread_local std::vector<unsigned char> scratch;
    const size_t bound = libdeflate_zlib_compress_bound(compressor, raw.size());
    if (scratch.size() < bound) scratch.resize(bound);
    const size_t n =
        libdeflate_zlib_compress(compressor, input, raw.size(), scratch.data(), scratch.size());
    if (n == 0) throw std::runtime_error("libdeflate: the compressed chunk exceeds its bound");
    out.chunks[static_cast<size_t>(i)].assign(scratch.begin(),
                                              scratch.begin() + static_cast<std::ptrdiff_t>(n));
  });
  return out;
}

}  // namespace accord::sim::h5
