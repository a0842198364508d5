#pragma once
// The files a run reads, so that its output can never be one of them.
#include <filesystem>
#include <vector>

#include "accord/models/scenario/scenario.hpp"

namespace accord::app {

// The scenario file and every CSV series it names (consumption, production, key
// coefficients).
std::vector<std::filesystem::path> input_files(const models::Scenario& scenario);

}  // namespace accord::app
