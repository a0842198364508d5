#pragma once
// SALib interchange (Herman & Usher 2017, SALib's command-line files): the problem file, one
// "name lower upper" line per parameter (what `salib sample ... -p problem.txt` and
// `salib analyze ... -p problem.txt` read), and the sample matrix, one space-delimited row
// per design point, no header (as numpy.savetxt / numpy.loadtxt). Morris rows stay in
// trajectory order (SALib's layout too); Saltelli rows are reordered to SALib's
// first-order layout (per base sample j: A_j, A_B^(1)_j, ..., A_B^(k)_j, B_j, so
// `salib analyze sobol --max-order 1`); a points file maps each row to its design point.
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "accord/sim/sweep/design.hpp"
#include "accord/sim/sweep/spec.hpp"

namespace accord::sim::sweep {

// Design point of each SALib row: the identity, except Saltelli (see above).
std::vector<int64_t> salib_row_order(const Design& design);

// The problem file. Bounds: [a, b] of a uniform parameter; the smallest and largest value
// of the other numeric ones (levels, or the design's values when the design was imported).
// A normal parameter is written "name mean sd name norm" (SALib's group and distribution
// columns; each parameter its own group). DataError for a non-numeric parameter or a name
// with blanks (SALib could not read them).
void write_salib_problem(const SweepSpec& spec, const Design& design, std::ostream& out);

// The sample matrix, rows in `order`, values as the runs got them (shortest exact text).
void write_salib_sample(const Design& design, const std::vector<int64_t>& order, std::ostream& out);

// Writes PREFIX.problem.txt, PREFIX.sample.txt and PREFIX.points.txt (the design point of
// each sample row, one per line); returns the three paths.
std::vector<std::string> export_salib(const SweepSpec& spec, const Design& design,
                                      const std::string& prefix);

// True when `file` holds a SALib/numpy sample: its first line that is neither blank nor a
// `#` comment is numbers separated by blanks (a design CSV starts with a header instead).
bool is_salib_sample(const std::string& file);

// Reads a SALib sample as design points; `columns` names its columns in order (the sweep's
// parameters, in the problem file's order). DataError with file and line on a bad row.
Design read_salib_sample(const std::string& file, const std::vector<std::string>& columns);

}  // namespace accord::sim::sweep
