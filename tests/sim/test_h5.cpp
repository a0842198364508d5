// The HDF5 RAII layer: round trips of every element type, strings, attributes, row-block
// appends, dimension scales, errors carrying the file and object names, the atomic writer.
#include <unistd.h>

#include <hdf5.h>

#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>
#include "support/temp_dir.hpp"

#include "accord/sim/error.hpp"
#include "accord/sim/h5/h5.hpp"

namespace fs = std::filesystem;
namespace h5 = accord::sim::h5;

namespace {

// A fresh folder per test case, removed at the end.
struct TempDir : accord::test::TempDir {
  explicit TempDir(const std::string& tag) : accord::test::TempDir("h5", tag) {}
};

}  // namespace

TEST_CASE("h5: numeric datasets of every element type round-trip", "[h5]") {
  TempDir dir("numeric");
  const auto path = dir.file("n.h5");
  const std::vector<double> d{1.5, -2.25, 1e300, 0.0};
  const std::vector<float> f{0.5f, -3.0f};
  const std::vector<int64_t> i64{INT64_MIN, -1, 0, INT64_MAX};
  const std::vector<int32_t> i32{INT32_MIN, 7, INT32_MAX};
  const std::vector<uint8_t> u8{0, 1, 255};
  // 2-D [3, 2] row-major.
  const std::vector<double> m{1, 2, 3, 4, 5, 6};
  {
    auto file = h5::File::create(path);
    auto g = file.create_group("g");
    g.write_1d("d", d, h5::WriteOptions::with("kWh", "doubles"));
    g.write_1d("f", f);
    g.write_1d("i64", i64, h5::WriteOptions().compress(0));
    g.write_1d("i32", i32);
    g.write_1d("u8", u8);
    g.write_2d("m", m, 3, 2, h5::WriteOptions::with("EUR").chunk(2).compress(1));
    g.write_scalar("s", 42.5, h5::WriteOptions::with("1", "a scalar"));
    g.write_1d("empty", std::vector<double>{});
    file.close();
  }
  auto file = h5::File::open(path);
  auto g = file.open_group("g");
  CHECK(g.children() == std::vector<std::string>{"d", "empty", "f", "i32", "i64", "m", "s", "u8"});
  auto ds = g.open_dataset("d");
  CHECK(ds.read<double>().values == d);
  CHECK(ds.dims() == h5::Dims{4});
  CHECK(ds.attr_string("units") == "kWh");
  CHECK(ds.attr_string("description") == "doubles");
  CHECK(g.open_dataset("f").read<float>().values == f);
  CHECK(g.open_dataset("i64").read<int64_t>().values == i64);
  CHECK(g.open_dataset("i32").read<int32_t>().values == i32);
  CHECK(g.open_dataset("u8").read<uint8_t>().values == u8);
  const auto mm = g.open_dataset("m").read<double>();
  CHECK(mm.values == m);
  CHECK(mm.dims == h5::Dims{3, 2});
  // HDF5 converts on read: uint8 read as double.
  CHECK(g.open_dataset("u8").read<double>().values == std::vector<double>{0, 1, 255});
  const auto s = g.open_dataset("s").read<double>();
  CHECK(s.dims.empty());
  REQUIRE(s.values.size() == 1);
  CHECK(s.values[0] == 42.5);
  CHECK(g.open_dataset("empty").dims() == h5::Dims{0});
  CHECK(g.open_dataset("empty").read<double>().values.empty());
}

TEST_CASE("h5: strings and attributes round-trip", "[h5]") {
  TempDir dir("strings");
  const auto path = dir.file("s.h5");
  const std::vector<std::string> ids{"école", "boulangerie", "", "ménage-12"};
  {
    auto file = h5::File::create(path);
    file.write_strings("ids", ids, h5::WriteOptions::with("", "identifiers"));
    file.write_string("yaml", "name: test\nseed: 1\n", h5::WriteOptions::with("1"));
    const int32_t version[] = {1, 0};
    file.set_attr_ints("format_version", version);
    file.set_attr_string("filetype", "accord-run");
    file.set_attr_int("seed", -9);
    file.set_attr_double("ratio", 0.25);
    const int64_t longs[] = {5, 6, 7};
    file.set_attr_int64s("longs", longs);
    const double reals[] = {0.5, 1.5};
    file.set_attr_doubles("reals", reals);
    file.set_attr_int("complete", 0);
    file.set_attr_int("complete", 1);  // replaced, not duplicated
  }
  auto file = h5::File::open(path);
  CHECK(file.open_dataset("ids").read_strings() == ids);
  CHECK(file.open_dataset("ids").is_string());
  CHECK(file.open_dataset("yaml").read_string() == "name: test\nseed: 1\n");
  CHECK(file.attr_ints("format_version") == std::vector<int64_t>{1, 0});
  CHECK(file.attr_string("filetype") == "accord-run");
  CHECK(file.attr_int("seed") == -9);
  CHECK(file.attr_double("ratio") == 0.25);
  CHECK(file.attr_ints("longs") == std::vector<int64_t>{5, 6, 7});
  CHECK(file.attr_doubles("reals") == std::vector<double>{0.5, 1.5});
  CHECK(file.attr_int("complete") == 1);
  CHECK(file.has_attr("complete"));
  CHECK_FALSE(file.has_attr("missing"));
  CHECK(file.attr_names() == std::vector<std::string>{"complete", "filetype", "format_version",
                                                      "longs", "ratio", "reals", "seed"});
  // Reading a string as a number (and the reverse) is an error, not garbage.
  CHECK_THROWS_AS(file.attr_int("filetype"), accord::IoError);
  CHECK_THROWS_AS(file.attr_string("seed"), accord::IoError);
  CHECK_THROWS_AS(file.open_dataset("ids").read<double>(), accord::IoError);
}

TEST_CASE("h5: a [T, N] series streamed in row blocks equals the whole", "[h5]") {
  TempDir dir("append");
  const auto path = dir.file("a.h5");
  const uint64_t n = 3;
  std::vector<double> whole;
  {
    auto file = h5::File::create(path);
    auto ds = file.create_appendable<double>("series", {n}, h5::WriteOptions::with("kWh").chunk(4));
    auto counter = file.create_appendable<int64_t>("steps", {});
    for (int block = 0; block < 5; ++block) {
      std::vector<double> rows;
      const int rows_in_block = block + 1;  // uneven blocks, across chunk edges
      for (int r = 0; r < rows_in_block; ++r) {
        for (uint64_t c = 0; c < n; ++c) rows.push_back(block * 100.0 + r * 10.0 + double(c));
      }
      ds.append_rows(rows);
      whole.insert(whole.end(), rows.begin(), rows.end());
      counter.append_rows(std::vector<int64_t>{block});
    }
    CHECK(ds.dims() == h5::Dims{15, 3});
    // A block that is not made of whole rows is refused.
    CHECK_THROWS_AS(ds.append_rows(std::vector<double>{1.0, 2.0}), accord::IoError);
  }
  auto file = h5::File::open(path);
  const auto back = file.open_dataset("series").read<double>();
  CHECK(back.dims == h5::Dims{15, 3});
  CHECK(back.values == whole);
  CHECK(file.open_dataset("steps").read<int64_t>().values == std::vector<int64_t>{0, 1, 2, 3, 4});
  CHECK(file.open_dataset("series").attr_string("units") == "kWh");
}

TEST_CASE("h5: fill value covers unwritten elements", "[h5]") {
  TempDir dir("fill");
  const auto path = dir.file("f.h5");
  {
    auto file = h5::File::create(path);
    auto ds = file.create_appendable<double>("x", {2}, h5::WriteOptions().fill_with(-1.0));
    ds.append_rows(std::vector<double>{1, 2});
  }
  auto file = h5::File::open(path);
  auto ds = file.open_dataset("x");
  CHECK(ds.read<double>().values == std::vector<double>{1, 2});
  // The fill value is stored in the creation properties (read with the C API).
  const hid_t plist = H5Dget_create_plist(ds.id());
  double fill = 0;
  REQUIRE(H5Pget_fill_value(plist, H5T_NATIVE_DOUBLE, &fill) >= 0);
  H5Pclose(plist);
  CHECK(fill == -1.0);
}

TEST_CASE("h5: dimension scales are set and attached", "[h5]") {
  TempDir dir("scales");
  const auto path = dir.file("d.h5");
  {
    auto file = h5::File::create(path);
    auto g = file.create_group("energy");
    auto time = g.write_1d("time", std::vector<int64_t>{0, 1800, 3600});
    time.make_scale("time");
    const std::vector<std::string> ids{"a", "b"};
    auto who = g.write_strings("participant", ids);
    who.make_scale("participant");
    auto x = g.write_2d("x", std::vector<double>(6, 1.0), 3, 2);
    x.attach_scale(time, 0);
    x.attach_scale(who, 1);
  }
  auto file = h5::File::open(path);
  auto g = file.open_group("energy");
  CHECK(g.open_dataset("time").is_scale());
  CHECK(g.open_dataset("time").attr_string("NAME") == "time");
  CHECK_FALSE(g.open_dataset("x").is_scale());
  CHECK(g.open_dataset("x").attached_scales(0) == std::vector<std::string>{"/energy/time"});
  CHECK(g.open_dataset("x").attached_scales(1) == std::vector<std::string>{"/energy/participant"});
}

TEST_CASE("h5: errors name the file and the object", "[h5]") {
  TempDir dir("errors");
  const auto path = dir.file("e.h5");
  {
    auto file = h5::File::create(path);
    file.create_group("g");
    // Creating an existing name fails with both names in the message.
    try {
      file.create_group("g");
      FAIL("no exception");
    } catch (const accord::IoError& e) {
      const std::string what = e.what();
      CHECK(what.find("/g") != std::string::npos);
      CHECK(what.find(path) != std::string::npos);
    }
    CHECK_THROWS_AS(file.open_dataset("nope"), accord::IoError);
    CHECK_THROWS_AS(file.write_2d("bad", std::vector<double>{1, 2, 3}, 2, 2), accord::IoError);
  }
  try {
    h5::File::open(dir.file("missing.h5"));
    FAIL("no exception");
  } catch (const accord::IoError& e) {
    CHECK(std::string(e.what()).find("missing.h5") != std::string::npos);
  }
  CHECK_THROWS_AS(h5::File::create(dir.file("no/such/folder/x.h5")), accord::IoError);
  // A file that is not HDF5.
  {
    std::FILE* f = std::fopen(dir.file("text.h5").c_str(), "w");
    std::fputs("hello", f);
    std::fclose(f);
  }
  CHECK_THROWS_AS(h5::File::open(dir.file("text.h5")), accord::IoError);
}

TEST_CASE("h5: the atomic writer renames on commit and cleans up otherwise", "[h5]") {
  TempDir dir("atomic");
  const auto path = dir.file("run.h5");
  std::string temp;
  {
    h5::AtomicFile out(path);
    temp = out.temp_path();
    CHECK(temp == path + ".tmp-" + std::to_string(::getpid()));
    out.file().write_1d("x", std::vector<double>{1, 2, 3});
    CHECK(fs::exists(temp));
    CHECK_FALSE(fs::exists(path));
    out.commit();
    CHECK(out.committed());
  }
  CHECK(fs::exists(path));
  CHECK_FALSE(fs::exists(temp));
  CHECK(h5::File::open(path).open_dataset("x").read<double>().values ==
        std::vector<double>{1, 2, 3});

  // An exception before commit leaves the earlier file as it was and no temporary file.
  try {
    h5::AtomicFile out(path);
    out.file().write_1d("y", std::vector<double>{9});
    throw accord::IoError("simulated failure");
  } catch (const accord::IoError&) {
  }
  CHECK_FALSE(fs::exists(temp));
  auto file = h5::File::open(path);
  CHECK(file.exists("x"));
  CHECK_FALSE(file.exists("y"));

  // An unwritable folder: IoError, nothing created.
  CHECK_THROWS_AS(h5::AtomicFile(dir.file("missing/run.h5")), accord::IoError);
  CHECK_FALSE(fs::exists(dir.file("missing")));
}

TEST_CASE("h5: handles are move-only and close once", "[h5]") {
  static_assert(!std::is_copy_constructible_v<h5::Handle>);
  static_assert(!std::is_copy_constructible_v<h5::Dataset>);
  static_assert(std::is_nothrow_move_constructible_v<h5::Handle>);
  TempDir dir("move");
  const auto path = dir.file("m.h5");
  auto file = h5::File::create(path);
  auto a = file.write_1d("x", std::vector<int32_t>{1});
  h5::Dataset b = std::move(a);
  CHECK_FALSE(a.valid());  // NOLINT(bugprone-use-after-move): moved-from is empty by contract
  CHECK(b.valid());
  file.close();
  CHECK_FALSE(file.valid());
  // Objects of a closed file are closed with it (strong close); destroying them is harmless.
}
