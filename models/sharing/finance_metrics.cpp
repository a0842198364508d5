// Cash-flow metrics (NPV, IRR, payback) and loan annuities.
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "accord/models/sharing/finance.hpp"

namespace accord::models::sharing {

double npv(double rate, const std::vector<double>& flows) {
  if (!(rate > -1.0)) throw std::invalid_argument("npv: rate must be > -1");
  // Horner in the discount factor, from the last flow back.
  const double x = 1.0 / (1.0 + rate);
  double sum = 0;
  for (auto it = flows.rbegin(); it != flows.rend(); ++it) sum = sum * x + *it;
  return sum;
}

IrrResult irr(const std::vector<double>& flows, double min_rate, double max_rate,
              double tolerance) {
  if (!(min_rate > -1.0) || !(max_rate > min_rate) || !(tolerance > 0.0))
    throw std::invalid_argument("irr: need -1 < min_rate < max_rate and tolerance > 0");
  IrrResult out;
  out.rate = std::numeric_limits<double>::quiet_NaN();
  const bool has_negative = std::any_of(flows.begin(), flows.end(), [](double f) { return f < 0; });
  const bool has_positive = std::any_of(flows.begin(), flows.end(), [](double f) { return f > 0; });
  if (!has_negative || !has_positive) {
    out.reason = "cash flows never change sign: no IRR";
    return out;
  }
  // Scan in u = ln(1 + r), which spreads the grid evenly over growth factors; 4000 cells find
  // roots closer than ~0.1 % apart in (1 + r).
  constexpr int kCells = 4000;
  const double u0 = std::log1p(min_rate), u1 = std::log1p(max_rate);
  auto rate_at = [&](int k) { return std::expm1(u0 + (u1 - u0) * k / kCells); };
  double a = rate_at(0);
  double fa = npv(a, flows);
  for (int k = 1; k <= kCells; ++k) {
    const double b = rate_at(k);
    const double fb = npv(b, flows);
    if (fa == 0.0) {
      out.roots.push_back(a);
    } else if (fb != 0.0 && (fa < 0) != (fb < 0)) {
      double lo = a, hi = b, flo = fa;
      while (hi - lo > tolerance * std::max(1.0, std::abs(lo))) {
        const double mid = 0.5 * (lo + hi);
        const double fm = npv(mid, flows);
        if (fm == 0.0) {
          lo = hi = mid;
          break;
        }
        if ((fm < 0) == (flo < 0)) {
          lo = mid;
          flo = fm;
        } else {
          hi = mid;
        }
      }
      out.roots.push_back(0.5 * (lo + hi));
    }
    a = b;
    fa = fb;
  }
  if (fa == 0.0) out.roots.push_back(a);
  if (out.roots.empty()) {
    out.reason = "no rate in [" + std::to_string(min_rate) + ", " + std::to_string(max_rate) +
                 "] makes the NPV zero";
    return out;
  }
  if (out.roots.size() == 1) {
    out.status = IrrStatus::kUnique;
    out.rate = out.roots[0];
    return out;
  }
  out.status = IrrStatus::kMultiple;
  out.rate = *std::min_element(out.roots.begin(), out.roots.end(),
                               [](double x, double y) { return std::abs(x) < std::abs(y); });
  out.reason = std::to_string(out.roots.size()) +
               " rates make the NPV zero (non-conventional cash flows); the one nearest 0 is "
               "reported";
  return out;
}

std::optional<double> payback_periods(const std::vector<double>& flows) {
  if (flows.empty()) return std::nullopt;
  std::vector<double> cumulative(flows.size());
  double sum = 0;
  for (size_t t = 0; t < flows.size(); ++t) cumulative[t] = sum += flows[t];
  // Last period that ends with a negative cumulative flow; payback comes after it for good.
  std::optional<size_t> last_negative;
  for (size_t t = 0; t < flows.size(); ++t)
    if (cumulative[t] < 0) last_negative = t;
  if (!last_negative) return 0.0;
  const size_t k = *last_negative;
  if (k + 1 >= flows.size()) return std::nullopt;
  return static_cast<double>(k) + (-cumulative[k]) / flows[k + 1];
}

std::optional<double> discounted_payback_periods(double rate, const std::vector<double>& flows) {
  if (!(rate > -1.0)) throw std::invalid_argument("discounted payback: rate must be > -1");
  std::vector<double> discounted(flows.size());
  double factor = 1.0;
  for (size_t t = 0; t < flows.size(); ++t) {
    discounted[t] = flows[t] * factor;
    factor /= 1.0 + rate;
  }
  return payback_periods(discounted);
}

CashFlowMetrics evaluate_cash_flows(const std::vector<double>& flows, double discount_rate) {
  CashFlowMetrics m;
  m.npv_eur = npv(discount_rate, flows);
  m.irr = irr(flows);
  m.payback_years = payback_periods(flows);
  m.discounted_payback_years = discounted_payback_periods(discount_rate, flows);
  for (double f : flows) (f < 0 ? m.invested_eur : m.received_eur) += std::abs(f);
  return m;
}

double annuity_payment(double principal, double rate, int years) {
  if (years < 1) throw std::invalid_argument("annuity: years must be >= 1");
  if (!(rate > -1.0)) throw std::invalid_argument("annuity: rate must be > -1");
  if (std::abs(rate) < 1e-14) return principal / years;
  return principal * rate / (1.0 - std::pow(1.0 + rate, -years));
}

LoanSchedule loan_schedule(double principal, double rate, int years) {
  const double a = annuity_payment(principal, rate, years);
  LoanSchedule s;
  double balance = principal;
  for (int y = 0; y < years; ++y) {
    const double interest = balance * rate;
    // The last payment clears the rounding residue.
    const double repaid = y + 1 == years ? balance : a - interest;
    balance -= repaid;
    s.payment.push_back(interest + repaid);
    s.interest.push_back(interest);
    s.principal.push_back(repaid);
    s.balance.push_back(balance);
  }
  return s;
}

}  // namespace accord::models::sharing
