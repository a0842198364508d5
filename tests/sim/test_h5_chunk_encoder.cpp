// Chunks compressed before the HDF5 library (libdeflate, several threads) and written as they
// are stored: the dataset reads back equal, element for element, to the array; the file
// declares HDF5's own shuffle + deflate filters (readers need no plugin); the bytes do not
// depend on the thread count; edge chunks carry the fill value.
#include <unistd.h>

#include <hdf5.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "accord/sim/h5/h5.hpp"

namespace fs = std::filesystem;
namespace h5 = accord::sim::h5;

namespace {

std::string temp_file(const std::string& tag) {
  return (fs::temp_directory_path() /
          ("accord-test-encoder-" + tag + "-" + std::to_string(::getpid()) + ".h5"))
      .string();
}

// A [rows, cols] series with the texture of a load curve (smooth, noisy low bits).
std::vector<double> series(uint64_t rows, uint64_t cols) {
  std::vector<double> v(rows * cols);
  for (uint64_t t = 0; t < rows; ++t)
    for (uint64_t j = 0; j < cols; ++j)
      v[t * cols + j] = 0.3 +
                        0.2 * std::sin(0.13 * static_cast<double>(t) + static_cast<double>(j)) +
                        1e-7 * static_cast<double>((t * 7919 + j * 104729) % 1000);
  return v;
}

// The filters of a dataset's creation properties, in pipeline order.
std::vector<H5Z_filter_t> filters_of(const std::string& path, const std::string& name) {
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  const hid_t d = H5Dopen2(file, name.c_str(), H5P_DEFAULT);
  const hid_t plist = H5Dget_create_plist(d);
  std::vector<H5Z_filter_t> out;
  for (int i = 0; i < H5Pget_nfilters(plist); ++i) {
    unsigned flags = 0;
    size_t n = 0;
    out.push_back(
        H5Pget_filter2(plist, static_cast<unsigned>(i), &flags, &n, nullptr, 0, nullptr, nullptr));
  }
  H5Pclose(plist);
  H5Dclose(d);
  H5Fclose(file);
  return out;
}

}  // namespace

TEST_CASE("h5: arrays compressed off the library read back equal", "[h5]") {
  const auto path = temp_file("roundtrip");
  // 300 x 700 doubles: chunks of 256 columns x 256 rows, edge chunks in both dimensions.
  const uint64_t rows = 300, cols = 700;
  const auto values = series(rows, cols);
  const std::vector<int32_t> ints{5, -7, 9, 11, 13};
  std::vector<float> cube(3 * 4 * 5);
  for (size_t i = 0; i < cube.size(); ++i) cube[i] = static_cast<float>(i) * 0.25f;
  const auto options = h5::WriteOptions::with("kWh", "a ledger").compress(1);
  {
    auto file = h5::File::create(path);
    file.write_encoded("ledger", h5::encode_2d(values, rows, cols, options, 3), options);
    file.write_2d("through_write_2d", values, rows, cols, options);
    // Tiny chunks and a fill value: edge chunks are padded with it, never read as data.
    auto fill = h5::WriteOptions().chunk(2).compress(4, false).fill_with(-1);
    file.write_encoded("ints", h5::encode_array(h5::Type::kInt32, ints.data(), {5}, fill, 2));
    file.write_3d("cube", cube, 3, 4, 5, h5::WriteOptions().chunk(2, 3).compress(1));
    file.close();
  }
  // HDF5's own filters, so that h5py, R, netCDF and h5dump read it with zlib alone.
  CHECK(filters_of(path, "ledger") ==
        std::vector<H5Z_filter_t>{H5Z_FILTER_SHUFFLE, H5Z_FILTER_DEFLATE});
  CHECK(filters_of(path, "ints") == std::vector<H5Z_filter_t>{H5Z_FILTER_DEFLATE});
  auto file = h5::File::open(path);
  const auto ledger = file.open_dataset("ledger").read<double>();
  CHECK(ledger.dims == h5::Dims{rows, cols});
  CHECK(ledger.values == values);  // bit for bit
  CHECK(file.open_dataset("ledger").attr_string("units") == "kWh");
  CHECK(file.open_dataset("through_write_2d").read<double>().values == values);
  CHECK(file.open_dataset("ints").read<int32_t>().values == ints);
  CHECK(file.open_dataset("cube").read<float>().values == cube);
  fs::remove(path);
}

TEST_CASE("h5: compressed chunks do not depend on the thread count", "[h5]") {
  const auto values = series(2000, 300);
  const auto options = h5::WriteOptions().compress(1);
  const auto one = h5::encode_2d(values, 2000, 300, options, 1);
  const auto four = h5::encode_2d(values, 2000, 300, options, 4);
  CHECK(one.chunk == h5::Dims{256, 256});  // 512 KiB chunks of at most 256 columns
  CHECK(one.chunks.size() == 8 * 2);
  CHECK(one.chunks == four.chunks);
  // Compression pays: shuffled smooth doubles take well under their raw size.
  size_t stored = 0;
  for (const auto& c : one.chunks) stored += c.size();
  CHECK(stored < values.size() * sizeof(double));
  CHECK_THROWS_AS(h5::encode_2d(values, 2000, 300, h5::WriteOptions().compress(0)),
                  std::invalid_argument);
}

TEST_CASE("h5: an array larger than a band is written band by band", "[h5]") {
  // 2400 x 1024 doubles (19.7 MB): 40 chunks of 256 x 256, two bands of at most 16 MB.
  const uint64_t rows = 2400, cols = 1024;
  const auto values = series(rows, cols);
  const auto options = h5::WriteOptions().compress(1).on_threads(2);
  const auto whole = h5::encode_array(h5::Type::kFloat64, values.data(), {rows, cols}, options, 2);
  REQUIRE(whole.chunks.size() == 40);
  const auto first =
      h5::encode_band(h5::Type::kFloat64, values.data(), {rows, cols}, options, 1, 0, 32);
  const auto second =
      h5::encode_band(h5::Type::kFloat64, values.data(), {rows, cols}, options, 2, 32, 32);
  CHECK(second.first_chunk == 32);
  CHECK(second.chunks.size() == 8);  // clipped to the grid
  auto joined = first.chunks;
  joined.insert(joined.end(), second.chunks.begin(), second.chunks.end());
  CHECK(joined == whole.chunks);
  const auto path = temp_file("bands");
  {
    auto file = h5::File::create(path);
    file.write_2d("big", values, rows, cols, options);
    file.close();
  }
  CHECK(h5::File::open(path).open_dataset("big").read<double>().values == values);
  fs::remove(path);
}
