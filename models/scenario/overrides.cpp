#include "overrides.hpp"

#include <yaml-cpp/depthguard.h>

#include <charconv>

#include "accord/sim/text.hpp"

namespace accord::models::detail {

namespace {

struct Segment {
  std::string key;  // mapping key (may be empty when the segment is only an index)
  bool has_index = false;
  size_t index = 0;   // list index, or
  std::string field;  // selector field (id, group) with
  std::string value;  // its value
};

bool parse_path(const std::string& path, std::vector<Segment>& out) {
  size_t i = 0;
  while (i < path.size()) {
    Segment seg;
    while (i < path.size() && path[i] != '.' && path[i] != '[') seg.key += path[i++];
    if (seg.key.empty()) return false;
    while (i < path.size() && path[i] == '[') {
      const size_t close = path.find(']', i);
      if (close == std::string::npos) return false;
      const std::string inside = path.substr(i + 1, close - i - 1);
      const size_t eq = inside.find('=');
      Segment item;
      item.has_index = true;
      if (eq == std::string::npos) {
        auto r = std::from_chars(inside.data(), inside.data() + inside.size(), item.index);
        if (r.ec != std::errc() || r.ptr != inside.data() + inside.size()) return false;
      } else {
        item.field = inside.substr(0, eq);
        item.value = inside.substr(eq + 1);
        if (item.field.empty() || item.value.empty()) return false;
      }
      if (!seg.key.empty()) {
        out.push_back(seg);
        seg = Segment{};
      }
      out.push_back(item);
      i = close + 1;
    }
    if (!seg.key.empty()) out.push_back(seg);
    if (i < path.size()) {
      if (path[i] != '.') return false;
      ++i;
      if (i == path.size()) return false;
    }
  }
  return !out.empty();
}

}  // namespace

void apply_override(YAML::Node& root, const std::string& text, sim::ConfigContext& ctx) {
  // The option names the errors' place: escaped, so that the line stays valid UTF-8.
  const std::string option = "--set " + sim::escape_text(text);
  // The first '=' outside [...] selectors separates the path from the value.
  size_t eq = std::string::npos;
  for (size_t i = 0, depth = 0; i < text.size(); ++i) {
    if (text[i] == '[') ++depth;
    if (text[i] == ']' && depth > 0) --depth;
    if (text[i] == '=' && depth == 0) {
      eq = i;
      break;
    }
  }
  std::vector<Segment> segs;
  if (eq == std::string::npos || eq == 0 || !parse_path(text.substr(0, eq), segs)) {
    ctx.add_error(SourceLocation{option, 0, 0},
                  "expected --set key.path=value (e.g. community.sharing_key.type=static)", "");
    return;
  }
  YAML::Node value;
  try {
    value = YAML::Load(text.substr(eq + 1));
  } catch (const YAML::DeepRecursion& e) {
    ctx.add_error(SourceLocation{option, 0, 0},
                  "value is not valid YAML: nesting reaches " + std::to_string(e.depth()) +
                      " levels, the YAML reader's limit",
                  "");
    return;
  } catch (const YAML::Exception& e) {
    ctx.add_error(SourceLocation{option, 0, 0}, "value is not valid YAML: " + e.msg, "");
    return;
  }

  std::string resolved;  // canonical path (indices, no selectors) for error attribution
  // The first key the option adds to the document: errors about it or anything under it
  // (`--set foo.bar=1`: unknown key 'foo') belong to the option, not to the file.
  std::string created;
  YAML::Node node = root;
  for (size_t s = 0; s < segs.size(); ++s) {
    const Segment& seg = segs[s];
    const bool last = s + 1 == segs.size();
    if (seg.has_index) {
      if (!node.IsSequence()) {
        ctx.add_error(SourceLocation{option, 0, 0}, "'" + resolved + "' is not a list", resolved);
        return;
      }
      size_t idx = seg.index;
      if (!seg.field.empty()) {
        idx = node.size();
        for (size_t k = 0; k < node.size(); ++k) {
          const YAML::Node item = node[k];
          if (item.IsMap() && item[seg.field] && item[seg.field].IsScalar() &&
              item[seg.field].Scalar() == seg.value) {
            idx = k;
            break;
          }
        }
      }
      if (idx >= node.size()) {
        ctx.add_error(
            SourceLocation{option, 0, 0},
            "no list item " +
                (seg.field.empty() ? std::to_string(seg.index) : seg.field + "=" + seg.value) +
                " in '" + resolved + "'",
            resolved);
        return;
      }
      resolved += "[" + std::to_string(idx) + "]";
      if (last) {
        node[idx] = value;
      } else {
        node.reset(node[idx]);
      }
    } else {
      if (!node.IsMap() && !(node.IsNull() || !node.IsDefined())) {
        ctx.add_error(SourceLocation{option, 0, 0}, "'" + resolved + "' is not a mapping",
                      resolved);
        return;
      }
      resolved += (resolved.empty() ? "" : ".") + seg.key;
      const YAML::Node& existing = node;
      if (created.empty() && !(existing.IsMap() && existing[seg.key].IsDefined()))
        created = resolved;
      if (last) {
        node[seg.key] = value;
      } else {
        YAML::Node next = node[seg.key];
        node.reset(next);
      }
    }
  }
  ctx.mark_override(created.empty() ? resolved : created, option);
}

}  // namespace accord::models::detail
