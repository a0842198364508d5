#pragma once
// One page of `accord report` from the embedded assets: a template whose placeholders
// ({{TITLE}}, {{VERSIONS}}, {{RECORDER}}, {{STYLE}}, {{LIBRARIES}}, {{DATA}}, {{PAGE}}) are
// replaced by the title, the chart-library versions, the error recorder (recorder.js, first
// script of every page), a style sheet, the chart libraries, the analysis document
// (json_for_script) and a page script. Shared by the report and the workshop page.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace accord::report::detail {

struct PageParts {
  std::string_view template_name;  // e.g. "template.html"
  std::string_view style;          // e.g. "report.css"
  std::string_view script;         // e.g. "report.js"
  bool libraries = false;          // inline vega, vega-lite and vega-embed at {{LIBRARIES}}
  std::string title;               // plain text; HTML-escaped here
};

// The embedded asset `name`; throws std::logic_error when it was not embedded.
std::string_view asset(std::string_view name);

std::string render_page(const nlohmann::json& analysis, const PageParts& parts);

}  // namespace accord::report::detail
