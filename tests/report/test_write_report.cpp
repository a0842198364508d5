// accord report: the JSON embedded in <script> cannot end the element early, the page
// holds everything it needs inline, and the file is written atomically.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "accord/report/atomic_text_file.hpp"
#include "accord/report/workshop.hpp"
#include "accord/report/write_report.hpp"
#include "accord/sim/error.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
  return n;
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A fresh folder under the system temp dir, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("accord-report-test-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

const std::string kHostile =
    "</script><script>alert(1)</script><!-- & \xE2\x80\xA8 \xE2\x80\xA9 </SCRIPT >";

}  // namespace

TEST_CASE("json_for_script escapes what could end or alter a script element") {
  const json doc = {{"kind", "run"}, {"scenario", kHostile}, {"nested", {kHostile, 1.5}}};
  const std::string text = accord::report::json_for_script(doc);
  CHECK(text.find('<') == std::string::npos);
  CHECK(text.find('>') == std::string::npos);
  CHECK(text.find('&') == std::string::npos);
  CHECK(text.find("\xE2\x80\xA8") == std::string::npos);
  CHECK(text.find("\xE2\x80\xA9") == std::string::npos);
  CHECK(text.find("\\u003c/script\\u003e") != std::string::npos);
  CHECK(text.find("\\u2028") != std::string::npos);
  CHECK(text.find("\\u2029") != std::string::npos);
  // Still the same document once parsed.
  CHECK(json::parse(text) == doc);
}

TEST_CASE("json_for_script writes non-finite numbers as null and survives invalid UTF-8") {
  const json doc = {{"x", std::numeric_limits<double>::quiet_NaN()},
                    {"y", std::numeric_limits<double>::infinity()},
                    {"bad", std::string("ab\xFF\xFE"
                                        "cd")}};
  const json back = json::parse(accord::report::json_for_script(doc));
  CHECK(back["x"].is_null());
  CHECK(back["y"].is_null());
  CHECK(back["bad"].get<std::string>() ==
        "ab\xEF\xBF\xBD\xEF\xBF\xBD"
        "cd");
}

TEST_CASE("render_report inlines the libraries, the page and the data, and nothing remote") {
  const json doc = {{"kind", "run"}, {"scenario", kHostile}, {"file", "run.h5"}};
  const std::string page = accord::report::render_report(doc);
  // Scripts: the error recorder, vega, vega-lite, vega-embed, the data, the page script.
  CHECK(count(page, "<script") == 6);
  CHECK(count(page, "</script>") == 6);
  CHECK(count(page, "</SCRIPT") == 0);
  CHECK(page.find("{{") == std::string::npos);
  CHECK(page.find("<script src") == std::string::npos);
  CHECK(page.find("<link") == std::string::npos);
  CHECK(page.find("@import") == std::string::npos);
  CHECK(page.find("id=\"accord-data\"") != std::string::npos);
  // The title is HTML-escaped.
  CHECK(page.find("<title>accord report — &lt;/script&gt;") != std::string::npos);
  // The pinned versions are named in the page.
  const std::string versions(accord::report::chart_library_versions());
  CHECK(versions.find("vega ") == 0);
  CHECK(versions.find("vega-lite ") != std::string::npos);
  CHECK(versions.find("vega-embed ") != std::string::npos);
  CHECK(page.find(versions) != std::string::npos);
  // The embedded document reads back unchanged.
  const auto start = page.find('>', page.find("id=\"accord-data\"")) + 1;
  const auto end = page.find("</script>", start);
  CHECK(json::parse(page.substr(start, end - start)) == doc);
}

TEST_CASE("write_report writes the page atomically and replaces an existing file") {
  TempDir dir;
  const fs::path out = dir.path / "report.html";
  {
    std::ofstream old(out);
    old << "old content";
  }
  const json doc = {{"kind", "sweep"}, {"file", "s.h5"}};
  accord::report::write_report(doc, out);
  CHECK(read(out) == accord::report::render_report(doc));
  // Only the final file remains (no temporary left behind).
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir.path)) ++files;
  CHECK(files == 1);
}

TEST_CASE("write_text_file_atomically fails cleanly and leaves nothing behind") {
  TempDir dir;
  SECTION("missing folder") {
    const fs::path out = dir.path / "no-such-dir" / "report.html";
    CHECK_THROWS_AS(accord::report::write_text_file_atomically(out, "x"), accord::IoError);
    CHECK_THROWS_WITH(accord::report::write_text_file_atomically(out, "x"),
                      Catch::Contains("no-such-dir"));
    CHECK_FALSE(fs::exists(out));
  }
  SECTION("target is a folder: the rename fails, the temporary is removed") {
    const fs::path out = dir.path / "taken";
    fs::create_directories(out / "inside");
    CHECK_THROWS_AS(accord::report::write_text_file_atomically(out, "content"), accord::IoError);
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir.path)) ++entries;
    CHECK(entries == 1);
    CHECK(fs::is_directory(out));
  }
  SECTION("content is written byte for byte") {
    const fs::path out = dir.path / "bytes.bin";
    const std::string content("a\0b\r\n\xFF", 6);
    accord::report::write_text_file_atomically(out, content);
    CHECK(read(out) == content);
  }
}

namespace {

json workshop_doc(const std::string& type) {
  return {{"kind", "sweep"},
          {"name", kHostile},
          {"design",
           {{"type", type},
            {"parameters", {"community.benefit_rule"}},
            {"continuous", json::array()},
            {"labels", {{"community.benefit_rule", {{"label", kHostile}}}}}}},
          {"points", json::array()}};
}

}  // namespace

TEST_CASE("render_workshop inlines its script, style and data, no chart library, nothing remote") {
  const json doc = workshop_doc("grid");
  const std::string page = accord::report::render_workshop(doc);
  // Scripts: the error recorder, the data, the page script.
  CHECK(count(page, "<script") == 3);
  CHECK(count(page, "</script>") == 3);
  CHECK(page.find("{{") == std::string::npos);
  CHECK(page.find("<script src") == std::string::npos);
  CHECK(page.find("<link") == std::string::npos);
  CHECK(page.find("vega") == std::string::npos);
  CHECK(page.find("connect-src 'none'") != std::string::npos);
  CHECK(page.find("<title>accord — &lt;/script&gt;") != std::string::npos);
  const auto start = page.find('>', page.find("id=\"accord-data\"")) + 1;
  const auto end = page.find("</script>", start);
  CHECK(json::parse(page.substr(start, end - start)) == doc);
}

TEST_CASE("workshop_unsuitable accepts discrete grid, list and ofat sweeps only") {
  using accord::report::workshop_unsuitable;
  for (const char* type : {"grid", "list", "ofat"})
    CHECK(workshop_unsuitable(workshop_doc(type)).empty());
  for (const char* type : {"lhs", "morris", "saltelli", "csv"}) {
    const auto why = workshop_unsuitable(workshop_doc(type));
    CHECK(why.find("needs a grid or list design of discrete values") != std::string::npos);
    CHECK(why.find(type) != std::string::npos);
  }
  json continuous = workshop_doc("grid");
  continuous["design"]["continuous"] = {"community.benefit_rule"};
  CHECK(workshop_unsuitable(continuous).find("continuous distribution") != std::string::npos);
  json none = workshop_doc("grid");
  none["design"]["parameters"] = json::array();
  CHECK(workshop_unsuitable(none).find("varies no parameter") != std::string::npos);
  CHECK(workshop_unsuitable(json{{"kind", "run"}}).find("needs a sweep file") != std::string::npos);
  // One line whatever the document holds.
  json odd = workshop_doc("l\nhs");
  CHECK(workshop_unsuitable(odd).find('\n') == std::string::npos);
}
