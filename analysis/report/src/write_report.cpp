#include "accord/report/write_report.hpp"

#include <stdexcept>
#include <string>

#include "accord/report/atomic_text_file.hpp"
#include "page_parts.hpp"
#include "report_assets.hpp"

namespace accord::report {

namespace {

// Text for HTML element content or attribute values.
std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string page_title(const nlohmann::json& analysis) {
  std::string what;
  if (analysis.is_object()) {
    const auto scenario = analysis.find("scenario");
    const auto file = analysis.find("file");
    if (scenario != analysis.end() && scenario->is_string())
      what = scenario->get<std::string>();
    else if (file != analysis.end() && file->is_string())
      what = std::filesystem::path(file->get<std::string>()).filename().string();
  }
  std::string title = "accord report";
  if (!what.empty()) title += " — " + what;
  return title;
}

std::string script(std::string_view body, std::string_view attributes = {}) {
  std::string out = "<script";
  out += attributes;
  out += ">";
  out += body;
  out += "</script>\n";
  return out;
}

}  // namespace

std::string json_for_script(const nlohmann::json& value) {
  // Invalid UTF-8 in a string read from a file must not abort the report: replace it.
  const std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    // These characters only occur inside JSON strings, where \u escapes mean the same.
    if (c == '<') {
      out += "\\u003c";
    } else if (c == '>') {
      out += "\\u003e";
    } else if (c == '&') {
      out += "\\u0026";
    } else if (c == '\xE2' && i + 2 < text.size() && text[i + 1] == '\x80' &&
               (text[i + 2] == '\xA8' || text[i + 2] == '\xA9')) {
      // U+2028/U+2029: valid in JSON, line terminators in older JavaScript.
      out += text[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string_view chart_library_versions() {
  return detail::chart_library_versions();
}

namespace detail {

std::string_view asset(std::string_view name) {
  for (const auto& a : embedded_assets())
    if (a.name == name) return a.text;
  throw std::logic_error("accord report: asset '" + std::string(name) + "' was not embedded");
}

std::string render_page(const nlohmann::json& analysis, const PageParts& parts) {
  const std::string_view page = asset(parts.template_name);
  std::string out;
  out.reserve(page.size() + (parts.libraries ? 1'300'000 : 100'000));
  std::size_t pos = 0;
  while (pos < page.size()) {
    const std::size_t open = page.find("{{", pos);
    if (open == std::string_view::npos) {
      out += page.substr(pos);
      break;
    }
    const std::size_t close = page.find("}}", open);
    if (close == std::string_view::npos)
      throw std::logic_error("accord report: unterminated placeholder in " +
                             std::string(parts.template_name));
    out += page.substr(pos, open - pos);
    const std::string_view key = page.substr(open + 2, close - open - 2);
    if (key == "TITLE") {
      out += html_escape(parts.title);
    } else if (key == "VERSIONS") {
      out += html_escape(chart_library_versions());
    } else if (key == "RECORDER") {
      out += script(asset("recorder.js"));
    } else if (key == "STYLE") {
      out += asset(parts.style);
    } else if (key == "LIBRARIES" && parts.libraries) {
      out += script(asset("vega"));
      out += script(asset("vega-lite"));
      out += script(asset("vega-embed"));
    } else if (key == "DATA") {
      out += script(json_for_script(analysis), " type=\"application/json\" id=\"accord-data\"");
    } else if (key == "PAGE") {
      out += script(asset(parts.script));
    } else {
      throw std::logic_error("accord report: unknown placeholder {{" + std::string(key) + "}}");
    }
    pos = close + 2;
  }
  return out;
}

}  // namespace detail

std::string render_report(const nlohmann::json& analysis) {
  return detail::render_page(
      analysis, {"template.html", "report.css", "report.js", true, page_title(analysis)});
}

void write_report(const nlohmann::json& analysis, const std::filesystem::path& out) {
  write_text_file_atomically(out, render_report(analysis));
}

}  // namespace accord::report
