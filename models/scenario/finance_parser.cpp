#include "finance_parser.hpp"

#include <set>

#include "accord/sim/text.hpp"

namespace accord::models::detail {

using sim::ConfigNode;
using sim::Range;

namespace {

void parse_equity(const ConfigNode& n, sharing::PvInvestmentSpec& spec) {
  if (!n.present() || !n.expect_map({"municipality", "citizens_cooperative", "private_investor",
                                     "third_party_investor"}))
    return;
  const char* names[] = {"municipality", "citizens_cooperative", "private_investor",
                         "third_party_investor"};
  double sum = 0;
  for (int k = 0; k < sharing::kInvestors; ++k) {
    spec.equity_shares[static_cast<size_t>(k)] = n.number_or(names[k], 0, Range::fraction());
    sum += spec.equity_shares[static_cast<size_t>(k)];
  }
  if (std::abs(sum - 1.0) > 1e-9) n.error("equity shares must sum to 1");
}

}  // namespace

std::vector<PlantFinance> parse_finance(const ConfigNode& n,
                                        const std::vector<Producer>& producers) {
  std::vector<PlantFinance> out;
  if (!n.present() || !n.expect_map({"discount_rate", "pv"})) return out;
  const double discount = n.number_or("discount_rate", 0.04, Range::between(-0.5, 1));
  const ConfigNode list = n.child("pv");
  if (!list.expect_sequence()) return out;
  std::set<std::string> seen;
  for (const auto& item : list.elements()) {
    if (!item.expect_map({"producer", "capex_eur_per_kwp", "subsidies_eur", "om_eur_per_kwp_year",
                          "om_escalation", "inverter_replacement", "lifetime_years",
                          "equity_shares", "loan"}))
      continue;
    PlantFinance plant;
    plant.producer = item.string("producer");
    const Producer* producer = nullptr;
    for (const auto& p : producers)
      if (p.id == plant.producer) producer = &p;
    const auto* pv = producer ? std::get_if<PvSpec>(&producer->production.source) : nullptr;
    if (!plant.producer.empty() && !pv) {
      item.optional("producer")
          .error("no PV producer '" + sim::escape_text(plant.producer) +
                 "' (finance needs a producer with pv: {kwp})");
      continue;
    }
    if (!seen.insert(plant.producer).second)
      item.error("producer '" + sim::escape_text(plant.producer) + "' twice");
    auto& s = plant.investment;
    s.kwp = pv ? pv->kwp : 0;
    s.discount_rate = discount;
    s.capex_eur_per_kwp =
        item.number_or("capex_eur_per_kwp", s.capex_eur_per_kwp, Range::non_negative());
    s.subsidies_eur = item.number_or("subsidies_eur", s.subsidies_eur, Range::non_negative());
    s.om_eur_per_kwp_year =
        item.number_or("om_eur_per_kwp_year", s.om_eur_per_kwp_year, Range::non_negative());
    s.om_escalation = item.number_or("om_escalation", s.om_escalation, Range::between(-0.5, 1));
    if (const ConfigNode inv = item.optional("inverter_replacement");
        inv.present() && inv.expect_map({"eur_per_kwp", "year"})) {
      s.inverter_replacement_eur_per_kwp =
          inv.number_or("eur_per_kwp", s.inverter_replacement_eur_per_kwp, Range::non_negative());
      s.inverter_replacement_year = static_cast<int>(
          inv.integer_or("year", s.inverter_replacement_year, Range::between(0, 60)));
    }
    s.lifetime_years = static_cast<int>(
        item.integer_or("lifetime_years", s.lifetime_years, Range::between(1, 60)));
    parse_equity(item.optional("equity_shares"), s);
    if (const ConfigNode loan = item.optional("loan");
        loan.present() && loan.expect_map({"fraction", "rate", "years"})) {
      s.loan_fraction = loan.number_or("fraction", s.loan_fraction, Range::fraction());
      s.loan_rate = loan.number_or("rate", s.loan_rate, Range::between(0, 1));
      s.loan_years =
          static_cast<int>(loan.integer_or("years", s.loan_years, Range::between(1, 60)));
    }
    try {
      sharing::validate_pv_investment(s);
    } catch (const ConfigError& e) {
      item.error(e.message());
    }
    out.push_back(std::move(plant));
  }
  return out;
}

}  // namespace accord::models::detail
