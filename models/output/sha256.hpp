#pragma once
// SHA-256 (FIPS 180-4) of a byte string, as 64 lowercase hex digits. Used to fingerprint the
// resolved scenario recorded in a run file.
#include <string>
#include <string_view>

namespace accord::models::output {

std::string sha256_hex(std::string_view data);

}  // namespace accord::models::output
