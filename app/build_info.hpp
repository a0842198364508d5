#pragma once
// Facts baked in at build time (generated build_info.cpp, see app/CMakeLists.txt).
#include <string>

namespace accord::app {

extern const char* const kAccordVersion;
extern const char* const kAccordGitSha;
extern const char* const kScenarioSchema;  // scenarios/schema/accord-scenario.schema.json

// The current UTC time, ISO 8601, for provenance only (never used in results).
std::string utc_now_iso8601();

}  // namespace accord::app
