// Text from input files: UTF-8 validity, escaping for one-line messages, the id character
// set, and their use by ConfigNode (check_text, as_identifier), the magnitude bounds and the
// YAML nesting limit.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "accord/sim/config_node.hpp"
#include "accord/sim/text.hpp"

using namespace accord::sim;

TEST_CASE("UTF-8 validity follows the Unicode table of well-formed sequences", "[sim][text]") {
  CHECK_FALSE(first_invalid_utf8("plain ascii").has_value());
  CHECK_FALSE(first_invalid_utf8("\xC3\xA9t\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80").has_value());
  CHECK(first_invalid_utf8("caf\xE9") == 3u);           // Latin-1 e-acute
  CHECK(first_invalid_utf8("\xC0\xAF") == 0u);          // overlong '/'
  CHECK(first_invalid_utf8("\xED\xA0\x80") == 0u);      // surrogate
  CHECK(first_invalid_utf8("\xF4\x90\x80\x80") == 0u);  // beyond U+10FFFF
  CHECK(first_invalid_utf8("ab\xE2\x82") == 2u);        // truncated
}

TEST_CASE("escaped text is one printable line", "[sim][text]") {
  CHECK(escape_text("a\nb\tc\rd\x1b[31m\x01\x7f") == "a\\nb\\tc\\rd\\e[31m\\x01\\x7F");
  CHECK(escape_text("caf\xE9") == "caf\\xE9");
  CHECK(escape_text("\xC3\xA9t\xC3\xA9") == "\xC3\xA9t\xC3\xA9");
}

TEST_CASE("ids: letters, digits, '_', '-', '.', starting with a letter or digit", "[sim][text]") {
  for (const char* ok : {"a", "pv-ecole", "PV_2.b", "9lives", "menages-001"})
    CHECK_FALSE(identifier_problem(ok).has_value());
  CHECK(identifier_problem("") == "it is empty");
  CHECK(identifier_problem("pv/ecole") == "'/' at character 3");
  CHECK(identifier_problem("a b") == "' ' at character 2");
  CHECK(identifier_problem("a\nb") == "'\\n' at character 2");
  CHECK(identifier_problem("\xC3\xA9t\xC3\xA9") == "'\xC3\xA9' at character 1");
  CHECK(identifier_problem(".x") == "'.' at character 1 (not allowed first)");
  CHECK(identifier_problem("a:pv") == "':' at character 2");
}

namespace {
std::shared_ptr<ConfigContext> context() {
  return std::make_shared<ConfigContext>("s.yaml");
}
}  // namespace

TEST_CASE("ConfigNode refuses text that is not UTF-8 and invalid ids, located", "[sim][text]") {
  auto ctx = context();
  const ConfigNode root(
      load_yaml_document("a: \"x\xFF\"\nb: [ok, \"\xC3\"]\nid: \"p/q\"\n", "s.yaml"), "", ctx);
  check_text(root);
  REQUIRE(ctx->errors().size() == 2);
  CHECK(std::string(ctx->errors()[0].what()) ==
        "s.yaml:1:4: invalid UTF-8 in 'x\\xFF' (byte 2); save the file as UTF-8 (a)");
  CHECK(std::string(ctx->errors()[1].what()) ==
        "s.yaml:2:9: invalid UTF-8 in '\\xC3' (byte 1); save the file as UTF-8 (b[1])");
  // The invalid id is reported and still returned (references to it add no second error).
  CHECK(root.identifier("id") == "p/q");
  REQUIRE(ctx->errors().size() == 3);
  CHECK(std::string(ctx->errors()[2].what()) ==
        "s.yaml:3:5: invalid id 'p/q': '/' at character 2; an id uses letters, digits, '_', '-' "
        "and '.', starting with a letter or a digit (id)");
}

TEST_CASE("numbers: a physical limit per field and 1e12 for all", "[sim][text]") {
  auto ctx = context();
  const ConfigNode root(load_yaml_document("a: 2e6\nb: -1\nc: 1e13\nd: 1e12\n", "s.yaml"), "", ctx);
  CHECK(root.number("a", Range::positive().at_most(1e6)) == 0.0);  // fallback after the error
  CHECK(root.number("b", Range::positive().at_most(1e6)) == 0.0);
  CHECK(root.number("c") == 0.0);
  CHECK(root.number("d") == 1e12);
  REQUIRE(ctx->errors().size() == 3);
  CHECK(std::string(ctx->errors()[0].what()) ==
        "s.yaml:1:4: value 2e6 is out of range; expected a number <= 1e6 (a)");
  // Below the lower bound the message is the one it always was.
  CHECK(std::string(ctx->errors()[1].what()) ==
        "s.yaml:2:4: value -1 is out of range; expected a number > 0 (b)");
  CHECK(std::string(ctx->errors()[2].what()) ==
        "s.yaml:3:4: value 1e13 is out of range; no number accord reads may exceed 1e12 in "
        "magnitude (c)");
}

TEST_CASE("YAML nested beyond the reader's limit is named as such", "[sim][text]") {
  try {
    (void)load_yaml_document("a: " + std::string(5000, '['), "deep.yaml");
    FAIL("parsed");
  } catch (const accord::ConfigError& e) {
    const std::string what = e.what();
    CHECK_THAT(what, Catch::StartsWith("deep.yaml:1:") &&
                         Catch::Contains("invalid YAML: nesting reaches 500 levels, the YAML "
                                         "reader's limit"));
    CHECK(what.find("bad file") == std::string::npos);
  }
}
