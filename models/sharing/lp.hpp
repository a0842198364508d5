#pragma once
// Thin RAII wrapper over a GLPK problem for the excess LPs of the least core and nucleolus
// (private to accord_models_sharing). Built column by column: the excess LPs have few
// variables and up to 2^n constraints, so the code solves their duals (n + 1 rows, one column
// per coalition), whose simplex bases are (n+1) x (n+1) instead of 2^n x 2^n.
#include <glpk.h>

#include <vector>

namespace accord::models::sharing::detail {

// A maximisation LP with equality rows. GLPK's terminal output is silenced on construction
// (it is a process-wide switch: GLPK prints nothing in accord).
class LinearProgram {
 public:
  explicit LinearProgram(int rows);
  ~LinearProgram();
  LinearProgram(const LinearProgram&) = delete;
  LinearProgram& operator=(const LinearProgram&) = delete;

  void set_row_value(int row, double value);  // row (0-based) = value
  // Adds a column with objective coefficient `objective`, bounded below by 0 when
  // `nonnegative`, else free; entries (rows 0-based, coefficients).
  void add_column(double objective, bool nonnegative, const std::vector<int>& rows,
                  const std::vector<double>& coefs);
  // Solves by the primal simplex; false when no optimum was found.
  bool solve();
  double objective() const;
  double column_value(int column) const;  // 0-based, in order of add_column
  double row_dual(int row) const;         // shadow price d(objective)/d(row value)

 private:
  glp_prob* problem_;
  std::vector<int> index_;  // 1-based scratch for glp_set_mat_col
  std::vector<double> value_;
};

}  // namespace accord::models::sharing::detail
