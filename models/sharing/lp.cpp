#include "lp.hpp"

#include <cstddef>

namespace accord::models::sharing::detail {

LinearProgram::LinearProgram(int rows)
    : problem_(nullptr), index_(static_cast<std::size_t>(rows) + 1), value_(index_.size()) {
  glp_term_out(GLP_OFF);
  problem_ = glp_create_prob();
  glp_set_obj_dir(problem_, GLP_MAX);
  glp_add_rows(problem_, rows);
  for (int i = 1; i <= rows; ++i) glp_set_row_bnds(problem_, i, GLP_FX, 0.0, 0.0);
}

LinearProgram::~LinearProgram() {
  glp_delete_prob(problem_);
}

void LinearProgram::set_row_value(int row, double value) {
  glp_set_row_bnds(problem_, row + 1, GLP_FX, value, value);
}

void LinearProgram::add_column(double objective, bool nonnegative, const std::vector<int>& rows,
                               const std::vector<double>& coefs) {
  const int col = glp_add_cols(problem_, 1);
  glp_set_col_bnds(problem_, col, nonnegative ? GLP_LO : GLP_FR, 0.0, 0.0);
  glp_set_obj_coef(problem_, col, objective);
  const auto len = rows.size();
  for (std::size_t k = 0; k < len; ++k) {
    index_[k + 1] = rows[k] + 1;
    value_[k + 1] = coefs[k];
  }
  glp_set_mat_col(problem_, col, static_cast<int>(len), index_.data(), value_.data());
}

bool LinearProgram::solve() {
  glp_smcp params;
  glp_init_smcp(&params);
  params.msg_lev = GLP_MSG_OFF;
  glp_adv_basis(problem_, 0);
  if (glp_simplex(problem_, &params) != 0) {
    // Retry from the trivial basis: GLPK can fail to factorise an advanced basis.
    glp_std_basis(problem_);
    if (glp_simplex(problem_, &params) != 0) return false;
  }
  return glp_get_status(problem_) == GLP_OPT;
}

double LinearProgram::objective() const {
  return glp_get_obj_val(problem_);
}
double LinearProgram::column_value(int column) const {
  return glp_get_col_prim(problem_, column + 1);
}
double LinearProgram::row_dual(int row) const {
  return glp_get_row_dual(problem_, row + 1);
}

}  // namespace accord::models::sharing::detail
