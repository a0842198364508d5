#pragma once
// The report is written like every other output: accord/sim/atomic_text_file.hpp.
#include "accord/sim/atomic_text_file.hpp"

namespace accord::report {

using sim::write_text_file_atomically;

}  // namespace accord::report
