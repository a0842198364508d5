#include "finite_check.hpp"

#include <fmt/format.h>

#include <cmath>

#include "accord/sim/error.hpp"

namespace accord::models::output {

namespace {

class Checker {
 public:
  Checker(const RunResult& run, std::string path) : path_(std::move(path)) {
    for (const auto& p : run.participants) participants_.push_back(p.id);
    for (const auto& p : run.producers) producers_.push_back(p.id);
  }

  // `rows_are`: "step" or "period".
  void matrix(const char* dataset, const RowMatrix& m, const char* rows_are, bool per_participant,
              const char* units) const {
    const auto& ids = per_participant ? participants_ : producers_;
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
      for (Eigen::Index c = 0; c < m.cols(); ++c) {
        const double v = m(r, c);
        if (std::isfinite(v)) continue;
        const auto col = static_cast<size_t>(c);
        fail(
            dataset, v,
            fmt::format("{} {}, {} '{}'", rows_are, r, per_participant ? "participant" : "producer",
                        col < ids.size() ? ids[col] : std::to_string(c)),
            units);
      }
    }
  }

  void vector(const char* dataset, const Eigen::VectorXd& v, const char* units) const {
    for (Eigen::Index r = 0; r < v.size(); ++r)
      if (!std::isfinite(v[r])) fail(dataset, v[r], fmt::format("period {}", r), units);
  }

 private:
  [[noreturn]] void fail(const std::string& dataset, double value, const std::string& where,
                         const char* units) const {
    throw IoError(fmt::format(
        "{}: not written: {} has a non-finite value ({}) at {} (expected a finite number of {}: "
        "check the magnitudes of the scenario's inputs)",
        path_, dataset, value, where, units));
  }

  std::string path_;
  std::vector<std::string> participants_;
  std::vector<std::string> producers_;
};

}  // namespace

void check_finite(const RunResult& run, const PeriodEnergy& energy, const std::string& path) {
  const Checker check(run, path);
  check.matrix("/energy/consumption", run.consumption, "step", true, "kWh");
  check.matrix("/energy/allocated", run.allocated, "step", true, "kWh");
  check.matrix("/energy/supplied", run.supplied, "step", true, "kWh");
  check.matrix("/energy/production", run.production, "step", false, "kWh");
  check.matrix("/energy/autoprod", run.autoprod, "step", false, "kWh");
  check.matrix("/energy/surplus", run.surplus, "step", false, "kWh");
  check.matrix("/periods/consumption", energy.consumption, "period", true, "kWh");
  check.matrix("/periods/allocated", energy.allocated, "period", true, "kWh");
  check.matrix("/periods/supplied", energy.supplied, "period", true, "kWh");
  check.matrix("/periods/production", energy.production, "period", false, "kWh");
  check.matrix("/periods/surplus", energy.surplus, "period", false, "kWh");
  const auto& a = run.accounts;
  check.matrix("/periods/bill_reference", a.bill_reference, "period", true, "EUR");
  check.matrix("/periods/bill", a.bill, "period", true, "EUR");
  check.matrix("/periods/benefit", a.benefit, "period", true, "EUR");
  check.matrix("/periods/internal_purchase", a.internal_purchase, "period", true, "EUR");
  check.matrix("/periods/producer_internal_revenue", a.producer_internal_revenue, "period", false,
               "EUR");
  check.matrix("/periods/producer_surplus_revenue", a.producer_surplus_revenue, "period", false,
               "EUR");
  check.vector("/periods/pmo_costs", a.pmo_costs, "EUR");
  check.vector("/periods/pmo_fees", a.pmo_fees, "EUR");
  const auto& sh = run.sharing;
  check.vector("/sharing/community_benefit", sh.community_benefit, "EUR");
  check.vector("/sharing/member_savings", sh.member_savings, "EUR");
  check.vector("/sharing/pooled_producer_revenue", sh.pooled_producer_revenue, "EUR");
  for (const auto& r : sh.rules) {
    const std::string name = "/sharing/" + r.name;
    check.matrix((name + "/benefit").c_str(), r.benefit, "period", true, "EUR");
    check.vector((name + "/distributed").c_str(), r.distributed, "EUR");
  }
}

}  // namespace accord::models::output
