#pragma once
// `accord report`: one self-contained HTML page (charts, tables) drawn from the JSON
// document of `accord analyze` (docs/report.md). The chart libraries (npm vega, vega-lite,
// vega-embed, pinned in analysis/report/package-lock.json) and the page script are inlined,
// so the page opens without network.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace accord::report {

// Writes the page for `analysis` (a run or sweep document) to `out` atomically: through a
// temporary file in the same folder renamed onto `out`. Throws IoError.
void write_report(const nlohmann::json& analysis, const std::filesystem::path& out);

// The page write_report writes.
std::string render_report(const nlohmann::json& analysis);

// `value` as JSON text that is safe inside a <script> element: `<`, `>`, `&`, U+2028 and
// U+2029 are written as \u escapes (so no `</script>` or `<!--` can end the element early,
// and the text is also valid JavaScript); invalid UTF-8 is replaced by U+FFFD.
std::string json_for_script(const nlohmann::json& value);

// "vega X, vega-lite Y, vega-embed Z": the versions inlined at build time.
std::string_view chart_library_versions();

}  // namespace accord::report
