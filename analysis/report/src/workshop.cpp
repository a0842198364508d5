#include "accord/report/workshop.hpp"

#include <string>

#include "accord/report/atomic_text_file.hpp"
#include "accord/sim/text.hpp"
#include "page_parts.hpp"

namespace accord::report {

namespace {

constexpr const char* kNeeds = "the workshop page needs a grid or list design of discrete values";

std::string text_of(const nlohmann::json& v) {
  return v.is_string() ? v.get<std::string>() : v.dump();
}

// The string member `key` of an object, or "" (find(), not the const operator[]).
std::string member_text(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return {};
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string workshop_unsuitable(const nlohmann::json& analysis) {
  if (member_text(analysis, "kind") != "sweep")
    return "the workshop page needs a sweep file (written by `accord sweep`), not a run file";
  // Copies of the small design members (analysis is an object here): plain lookups.
  const nlohmann::json design = analysis.value("design", nlohmann::json());
  if (!design.is_object()) return std::string(kNeeds) + " (the document has no design)";
  const std::string type = text_of(design.value("type", nlohmann::json("")));
  if (type != "grid" && type != "list" && type != "ofat") {
    const bool sampled = type == "lhs" || type == "morris" || type == "saltelli";
    return std::string(kNeeds) + " (this sweep's design is '" + sim::escape_text(type) + "'" +
           (sampled ? ", a sampled design" : "") + ")";
  }
  const nlohmann::json params = design.value("parameters", nlohmann::json());
  if (!params.is_array() || params.empty())
    return std::string(kNeeds) + " (this sweep varies no parameter)";
  const nlohmann::json continuous = design.value("continuous", nlohmann::json());
  if (continuous.is_array() && !continuous.empty())
    return std::string(kNeeds) + " (parameter '" + sim::escape_text(text_of(continuous.front())) +
           "' is drawn from a continuous distribution)";
  return {};
}

std::string render_workshop(const nlohmann::json& analysis) {
  const std::string name = member_text(analysis, "name");
  return detail::render_page(analysis,
                             {"workshop.html", "workshop.css", "workshop.js", false,
                              name.empty() ? "accord — atelier / workshop" : "accord — " + name});
}

void write_workshop(const nlohmann::json& analysis, const std::filesystem::path& out) {
  write_text_file_atomically(out, render_workshop(analysis));
}

}  // namespace accord::report
