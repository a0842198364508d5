#include "community_parser.hpp"

#include <algorithm>
#include <cmath>

namespace accord::models {

const char* pooling_mode_name(PoolingMode mode) {
  switch (mode) {
    case PoolingMode::kNone:
      return "none";
    case PoolingMode::kSurplus:
      return "surplus";
    case PoolingMode::kAll:
      return "all";
  }
  return "none";
}

namespace detail {

using sim::ConfigNode;
using sim::Range;

sharing::PmoCostSpec parse_pmo(const ConfigNode& n) {
  sharing::PmoCostSpec pmo = no_pmo_costs();
  if (!n.present() ||
      !n.expect_map({"fixed_eur_per_year", "software_eur_per_year", "staff_hours_per_year",
                     "staff_eur_per_hour", "fee_eur_per_member_year"}))
    return pmo;
  // Bounds are sanity limits (a small PMO runs on a few thousand EUR a year), not rules.
  pmo.fixed_eur_per_year = n.number_or("fixed_eur_per_year", 0, Range::between(0, 1e7));
  pmo.software_eur_per_year = n.number_or("software_eur_per_year", 0, Range::between(0, 1e7));
  pmo.staff_hours_per_year = n.number_or("staff_hours_per_year", 0, Range::between(0, 8784));
  pmo.staff_eur_per_hour = n.number_or("staff_eur_per_hour", 0, Range::between(0, 1000));
  pmo.fee_eur_per_member_year = n.number_or("fee_eur_per_member_year", 0, Range::between(0, 1e5));
  return pmo;
}

PoolingMode parse_pooling(const ConfigNode& n) {
  if (!n.present()) return PoolingMode::kNone;
  const auto name = n.as_choice({"none", "surplus", "all"});
  if (name == "surplus") return PoolingMode::kSurplus;
  if (name == "all") return PoolingMode::kAll;
  return PoolingMode::kNone;
}

namespace {

void parse_fund_common(const ConfigNode& n, FundSpec& f) {
  f.initial_eur = n.number_or("initial_eur", 0, Range::between(0, 1e9));
  f.interest_rate_per_year = n.number_or("interest_rate_per_year", 0, Range::between(-0.5, 1));
}

}  // namespace

CommunityFundsSpec parse_funds(const ConfigNode& n, const sim::TimeZone& zone) {
  CommunityFundsSpec funds;
  if (!n.present() || !n.expect_map({"solidarity_fund", "reinvestment_reserve"})) return funds;
  if (const ConfigNode s = n.optional("solidarity_fund");
      s.present() && s.expect_map({"initial_eur", "interest_rate_per_year", "payout"})) {
    parse_fund_common(s, funds.solidarity_fund);
    auto& payout = funds.solidarity_fund.payout;
    if (const ConfigNode p = s.optional("payout");
        p.present() && p.expect_map({"policy", "bill_share", "eur_per_member_year"})) {
      const std::string policy = p.choice("policy", {"none", "bill_share", "per_member"});
      payout.policy = policy == "bill_share"   ? sharing::SolidarityPolicy::kBillShare
                      : policy == "per_member" ? sharing::SolidarityPolicy::kPerMember
                                               : sharing::SolidarityPolicy::kNone;
      payout.bill_share = p.number_or("bill_share", payout.bill_share, Range::fraction());
      payout.eur_per_member_year =
          p.number_or("eur_per_member_year", payout.eur_per_member_year, Range::between(0, 1e5));
      if (payout.policy == sharing::SolidarityPolicy::kPerMember && !p.has("eur_per_member_year"))
        p.error("policy per_member needs eur_per_member_year");
    }
  }
  if (const ConfigNode r = n.optional("reinvestment_reserve");
      r.present() && r.expect_map({"initial_eur", "interest_rate_per_year", "spending"})) {
    parse_fund_common(r, funds.reinvestment_reserve);
    if (const ConfigNode list = r.optional("spending"); list.present() && list.expect_sequence()) {
      for (const auto& item : list.elements()) {
        if (!item.expect_map({"date", "eur", "purpose"})) continue;
        ReserveSpending spend;
        spend.at_utc = item.child("date").as_time_utc(zone).value_or(0);
        spend.eur = item.number("eur", Range::between(0, 1e9));
        spend.purpose =
            item.choice_or("purpose", {"inverter_replacement", "new_capacity", "other"}, "other");
        // A date outside the run is kept but never requested: shortening a run with
        // --set time.end must not invalidate the scenario.
        funds.reinvestment_reserve.spending.push_back(spend);
      }
      auto& v = funds.reinvestment_reserve.spending;
      std::stable_sort(v.begin(), v.end(), [](const ReserveSpending& a, const ReserveSpending& b) {
        return a.at_utc < b.at_utc;
      });
    }
  }
  return funds;
}

void apply_legacy_pmo(const ConfigNode& tariffs, const ConfigNode& community,
                      economics::TariffBook& book, sharing::PmoCostSpec& pmo,
                      std::vector<std::string>& warnings) {
  if (!tariffs.is_map() || !tariffs.has("pmo")) return;
  const ConfigNode legacy = tariffs.optional("pmo");
  const bool modern = community.present() && community.is_map() && community.has("pmo");
  if (modern) {
    legacy.error("tariffs.pmo is replaced by community.pmo; give the PMO costs only there");
    return;
  }
  // The flat monthly values become yearly ones, prorated by period length like the rest.
  pmo.fixed_eur_per_year = 12.0 * book.pmo_costs_eur_per_month;
  pmo.fee_eur_per_member_year = 12.0 * book.pmo_fee_eur_per_member_month;
  book.pmo_costs_eur_per_month = 0;
  book.pmo_fee_eur_per_member_month = 0;
  warnings.push_back("tariffs.pmo is deprecated: read as community.pmo {fixed_eur_per_year: " +
                     std::to_string(pmo.fixed_eur_per_year) + ", fee_eur_per_member_year: " +
                     std::to_string(pmo.fee_eur_per_member_year) + "}");
}

}  // namespace detail
}  // namespace accord::models
