#pragma once
// Reader of per-step sharing coefficients (dynamic_custom key): a CSV with header
// `timestamp;<participant id>;...`, one row per metering step, timestamp = step start in
// ISO 8601, values in percent (',' accepted as decimal mark with ';' separators).
#include <string>
#include <vector>

#include "accord/models/allocation/sharing_key.hpp"

namespace accord::models::allocation::detail {

// Returns the [T, N] coefficients as fractions (participants without a column get 0).
// The rows must match the grid of ctx exactly and each row sum to at most 100 %. Throws
// accord::DataError "FILE:LINE:COL: message" on bad content.
std::vector<double> read_coefficient_file(const std::string& path, const KeyContext& ctx);

}  // namespace accord::models::allocation::detail
