#pragma once
// The files embedded at build time by embed_assets.cmake (generated report_assets.cpp).
#include <span>
#include <string_view>

namespace accord::report::detail {

struct EmbeddedAsset {
  std::string_view name;  // "vega", "vega-lite", "vega-embed", "template.html", ...
  std::string_view text;
};

std::span<const EmbeddedAsset> embedded_assets();
std::string_view chart_library_versions();

}  // namespace accord::report::detail
