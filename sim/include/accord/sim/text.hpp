#pragma once
// Text taken from input files, checked and shown safely: error messages are one line of valid
// UTF-8 whatever the input held, so a newline, an escape sequence or a stray Latin-1 byte in
// a value can neither split a message nor drive the terminal, and it still shows what is
// wrong.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace accord::sim {

// Offset of the first byte that does not belong to a well-formed UTF-8 sequence (overlong
// forms, surrogates and code points beyond U+10FFFF included), or nullopt when `text` is
// valid UTF-8.
std::optional<size_t> first_invalid_utf8(std::string_view text);

// `text` with control characters written as C escapes (\n, \t, \r, \e, \xNN) and bytes that
// are not valid UTF-8 as \xNN; valid printable text, non-ASCII included, is kept as is.
std::string escape_text(std::string_view text);

// The identifier character set of scenario ids (participants, groups, producers, colleges,
// intermediaries): ASCII letters, digits, '_', '-' and '.', the first one a letter or a digit.
// These ids become parts of HDF5 object names (npv_<producer>_eur), file names and --set
// selectors, where '/', blanks and control characters would break or mislead.
// Returns a description of the first offending character, or nullopt when `text` is valid.
std::optional<std::string> identifier_problem(std::string_view text);
inline constexpr const char* kIdentifierRule =
    "letters, digits, '_', '-' and '.', starting with a letter or a digit";

}  // namespace accord::sim
