#include "accord/models/simulation/benefit_distribution.hpp"

#include <stdexcept>

namespace accord::models {

void distribute_benefit(const BenefitRuleSpec& rule, const economics::RowMatrix& consumption,
                        int64_t first_step, int64_t last_step, economics::PeriodAccounts& acc) {
  const Eigen::RowVectorXd savings = acc.bill_reference.row(0) - acc.bill.row(0);
  const double pot = savings.sum();
  const auto n = savings.size();
  if (rule.type == "individual_savings") {
    acc.benefit.row(0) = savings;
  } else if (rule.type == "equal") {
    acc.benefit.row(0).setConstant(n > 0 ? pot / static_cast<double>(n) : 0.0);
  } else if (rule.type == "proportional_consumption") {
    const Eigen::RowVectorXd c =
        consumption.middleRows(first_step, last_step - first_step).colwise().sum();
    const double total = c.sum();
    if (total > 0)
      acc.benefit.row(0) = pot * c / total;
    else
      acc.benefit.row(0).setConstant(n > 0 ? pot / static_cast<double>(n) : 0.0);
  } else {
    throw std::invalid_argument("unknown benefit rule '" + rule.type + "'");
  }
}

}  // namespace accord::models
