// SHA-256 by OpenSSL's libcrypto (EVP interface): a well-kept implementation rather than one
// of our own.
#include "sha256.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace accord::models::output {

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256: OpenSSL's EVP_Digest failed");
  static const char* const kHex = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0x0f]);
  }
  return hex;
}

}  // namespace accord::models::output
