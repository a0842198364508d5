#include "accord/sim/text.hpp"

#include <cstdio>

namespace accord::sim {

namespace {

// Length of the well-formed UTF-8 sequence starting at text[i], 0 when it is not one
// (Unicode 15, table 3-7: the second byte's range depends on the first byte).
size_t utf8_sequence_length(std::string_view text, size_t i) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  if (b0 < 0x80) return 1;
  size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    if (b0 == 0xE0) lo = 0xA0;  // no overlong forms
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    if (b0 == 0xF0) lo = 0x90;  // no overlong forms
    if (b0 == 0xF4) hi = 0x8F;  // nothing beyond U+10FFFF
  } else {
    return 0;
  }
  if (i + len > text.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) return 0;
  }
  return len;
}

std::string hex_escape(unsigned char c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned>(c));
  return buf;
}

}  // namespace

std::optional<size_t> first_invalid_utf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const size_t len = utf8_sequence_length(text, i);
    if (len == 0) return i;
    i += len;
  }
  return std::nullopt;
}

std::string escape_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const size_t len = utf8_sequence_length(text, i);
    if (len == 0) {
      out += hex_escape(c);
      ++i;
      continue;
    }
    if (len == 1) {
      switch (c) {
        case '\n':
          out += "\\n";
          break;
        case '\t':
          out += "\\t";
          break;
        case '\r':
          out += "\\r";
          break;
        case 0x1B:
          out += "\\e";
          break;
        default:
          if (c < 0x20 || c == 0x7F)
            out += hex_escape(c);
          else
            out += static_cast<char>(c);
      }
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

std::optional<std::string> identifier_problem(std::string_view text) {
  if (text.empty()) return std::string("it is empty");
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum || (i > 0 && (c == '_' || c == '-' || c == '.'))) continue;
    // Show the whole character when it is a valid multi-byte one ('é', not two escapes).
    const size_t len = utf8_sequence_length(text, i);
    const std::string shown = escape_text(text.substr(i, len == 0 ? 1 : len));
    return "'" + shown + "' at character " + std::to_string(i + 1) +
           (i == 0 && (c == '_' || c == '-' || c == '.') ? " (not allowed first)" : "");
  }
  return std::nullopt;
}

}  // namespace accord::sim
