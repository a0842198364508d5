#pragma once
// `accord report SWEEP.h5 --workshop`: one self-contained page for participatory sessions
// (docs/report.md, "Workshop page"). People choose the level of each factor of a grid, list
// or one-at-a-time sweep and read, in French or English, what the model says for each kind
// of member and each income decile: the mean over the design point's replicates and its
// t interval. Drawn as plain SVG by the page script (no chart library), offline.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace accord::report {

// Why the analysis document cannot make a workshop page (one line, no file name), or an
// empty string when it can: it must be a sweep whose design is grid, list or ofat and
// whose parameters are all discrete (`design.continuous` empty) and at least one.
std::string workshop_unsuitable(const nlohmann::json& analysis);

// The workshop page of a suitable sweep document (see workshop_unsuitable).
std::string render_workshop(const nlohmann::json& analysis);

// Writes render_workshop(analysis) to `out` atomically. Throws IoError.
void write_workshop(const nlohmann::json& analysis, const std::filesystem::path& out);

}  // namespace accord::report
