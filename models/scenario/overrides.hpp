#pragma once
// --set key.path=value: applied to the YAML document before validation, so overridden values
// go through exactly the same checks as values written in the file.
#include <yaml-cpp/yaml.h>

#include <string>

#include "accord/sim/config_node.hpp"

namespace accord::models::detail {

// Applies one "key.path=value" override to `root`. Path segments are separated by dots;
// list items are selected by index `participants[3]` or by field `participants[id=ecole]`,
// `participants[group=menages]`. Records a ConfigError on `ctx` when the text is malformed
// or the path does not exist; marks the resolved path so later errors point at the option.
void apply_override(YAML::Node& root, const std::string& text, sim::ConfigContext& ctx);

}  // namespace accord::models::detail
