// Tariff schedules: defaults and their dates, the ACC excise exemption, HP/HC and season
// classification on DST days, parse_tariffs and its errors.
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <memory>
#include <string>

#include "accord/models/economics/tariffs.hpp"
#include "accord/sim/time_grid.hpp"

using namespace accord;
using namespace accord::models::economics;
using Catch::Matchers::Contains;

namespace {

const sim::TimeZone& paris() {
  static const sim::TimeZone zone = sim::TimeZone::from_name("Europe/Paris");
  return zone;
}

int64_t local(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) {
  return paris().to_utc(y, mo, d, h, mi, s);
}

// Parses `text` (a document holding a `tariffs:` key) as file "scenario.yaml"; errors are
// collected on the returned context.
struct Parsed {
  TariffBook book;
  std::shared_ptr<sim::ConfigContext> ctx;
};
Parsed parse(const std::string& text) {
  auto ctx = std::make_shared<sim::ConfigContext>("scenario.yaml");
  const sim::ConfigNode root(YAML::Load(text), "", ctx);
  return Parsed{parse_tariffs(root.optional("tariffs"), paris()), ctx};
}

std::string errors_text(const Parsed& p) {
  try {
    p.ctx->throw_if_errors();
  } catch (const ConfigErrors& e) {
    return e.what();
  }
  return {};
}

}  // namespace

TEST_CASE("default TRVE schedule switches at local midnight of its dates", "[tariffs]") {
  const TariffBook b = TariffBook::defaults(paris());
  // Feb 2024 grid (domain/acc-france.md §3): Base 25.16, HP/HC 27.00/20.68 c/kWh.
  CHECK(b.retail.at(local(2025, 1, 31, 23, 59, 59)).base_eur_per_kwh == Approx(0.2516));
  CHECK(b.retail.at(local(2025, 1, 31, 23, 59, 59)).hc_eur_per_kwh == Approx(0.2068));
  // Feb 2025: 20.16, HP/HC 21.46/16.96.
  CHECK(b.retail.at(local(2025, 2, 1)).base_eur_per_kwh == Approx(0.2016));
  CHECK(b.retail.at(local(2025, 2, 1)).hp_eur_per_kwh == Approx(0.2146));
  CHECK(b.retail.at(local(2025, 7, 31, 23)).base_eur_per_kwh == Approx(0.2016));
  CHECK(b.retail.at(local(2025, 8, 1)).base_eur_per_kwh == Approx(0.1952));
  CHECK(b.retail.at(local(2026, 2, 1)).base_eur_per_kwh == Approx(0.1940));
  // Before the oldest entry, the oldest applies.
  CHECK(b.retail.at(local(2020, 1, 1)).base_eur_per_kwh == Approx(0.2516));
  // TURPE 6 -> TURPE 7 on 2025-02-01 (standard HPH 6.67 -> 7.50 c/kWh).
  CHECK(b.network.at(local(2025, 1, 31, 23, 30)).standard[0] == Approx(0.0667));
  CHECK(b.network.at(local(2025, 2, 1)).standard[0] == Approx(0.0750));
  CHECK(b.network.at(local(2025, 2, 1)).name == "TURPE 7");
  // Subscription: linear in kVA around the 6 kVA value (assumption, docs/tariffs.md).
  const RetailPrices& r = b.retail.at(local(2025, 3, 1));
  CHECK(r.subscription_eur_per_month(false, 6) == Approx(13.72));
  CHECK(r.subscription_eur_per_month(true, 6) == Approx(14.04));
  CHECK(r.subscription_eur_per_month(false, 9) == Approx(13.72 + 3 * 1.16));
}

TEST_CASE("TURPE 7 ACC option rates keep the TURPE 6 ratios (assumption)", "[tariffs]") {
  const TariffBook b = TariffBook::defaults(paris());
  const NetworkRates& n = b.network.at(local(2025, 6, 1));
  // autoproduite HPH = 7.50 * 1.64 / 6.67; alloproduite HCB = 1.00 * 0.86 / 0.88 (c/kWh).
  CHECK(n.autoproduite[0] == Approx(0.0750 * 0.0164 / 0.0667).epsilon(1e-12));
  CHECK(n.alloproduite[3] == Approx(0.0100 * 0.0086 / 0.0088).epsilon(1e-12));
}

TEST_CASE("excise on allocated kWh: exemption from 2025-03-01", "[tariffs]") {
  TariffBook b = TariffBook::defaults(paris());
  // 33.70 EUR/MWh from Feb 2025, 0 on ACC kWh from 1 Mar 2025 (finance law 2025, art. 75).
  CHECK(b.acc_excise_eur_per_kwh(local(2025, 2, 28, 23, 59)) == Approx(0.0337));
  CHECK(b.acc_excise_eur_per_kwh(local(2025, 3, 1)) == 0.0);
  CHECK(b.acc_excise_eur_per_kwh(local(2024, 6, 1)) == Approx(0.021));
  b.acc_excise_exemption = false;
  CHECK(b.acc_excise_eur_per_kwh(local(2025, 3, 1)) == Approx(0.0337));
  CHECK(b.acc_excise_eur_per_kwh(local(2025, 8, 1)) == Approx(0.02998));
}

TEST_CASE("price decomposition of supplied and allocated kWh", "[tariffs]") {
  TariffBook b = TariffBook::defaults(paris());
  const int64_t t = local(2024, 6, 1, 12);  // TURPE 6, Feb 2024 TRVE, low season
  // Supplied HP kWh with the ACC option: retail + (alloproduite - standard) * 1.2.
  CHECK(b.supplied_eur_per_kwh(true, TimeClass::kHpb, t) ==
        Approx(0.2700 + (0.0229 - 0.0143) * 1.2).epsilon(1e-12));
  CHECK(b.allocated_network_and_excise_eur_per_kwh(TimeClass::kHpb, t) ==
        Approx(0.0077 + 0.021).epsilon(1e-12));
  // Supplier part of a Base kWh: 0.2516 / 1.2 - 0.0143 - 0.021.
  CHECK(b.supplier_energy_eur_per_kwh(false, TimeClass::kHpb, t) ==
        Approx(0.2516 / 1.2 - 0.0143 - 0.021).epsilon(1e-12));
  // CTA: 21.93 % of the fixed network part.
  CHECK(b.cta_eur_per_month(t) == Approx(0.2193 * 8.25));
  b.turpe_acc_option = false;
  CHECK(b.supplied_eur_per_kwh(true, TimeClass::kHpb, t) == Approx(0.2700));
  CHECK(b.allocated_network_and_excise_eur_per_kwh(TimeClass::kHpb, t) ==
        Approx(0.0143 + 0.021).epsilon(1e-12));
}

namespace {
// Off-peak steps on the local day starting at `day_start` (30 min steps, 22:00-06:00).
int off_peak_steps_on_day(const TariffBook& b, int y, int m, int d) {
  const int64_t start = local(y, m, d);
  const int64_t end = local(y, m, d + 1);
  const auto grid = sim::TimeGrid::covering(start, end, 1800);
  const auto cal = sim::StepCalendar::build(grid, paris());
  int hc = 0;
  for (size_t t = 0; t < cal.local_hour.size(); ++t)
    hc += is_off_peak(b.time_class(cal.local_hour[t], cal.month[t])) ? 1 : 0;
  return hc;
}
}  // namespace

TEST_CASE("HP/HC classification around DST days", "[tariffs]") {
  const TariffBook b = TariffBook::defaults(paris());
  // 22:00-06:00 is 8 h = 16 half-hours on an ordinary day; on 2025-03-30 the local hour
  // 02:00-03:00 does not exist (7 h, 14 steps); on 2025-10-26 01:00-02:00... the hour
  // 02:00-03:00 happens twice (9 h, 18 steps).
  CHECK(off_peak_steps_on_day(b, 2025, 3, 29) == 16);
  CHECK(off_peak_steps_on_day(b, 2025, 3, 30) == 14);
  CHECK(off_peak_steps_on_day(b, 2025, 10, 26) == 18);

  const int64_t start = local(2025, 3, 30);
  const auto grid = sim::TimeGrid::covering(start, local(2025, 3, 31), 1800);
  const auto cal = sim::StepCalendar::build(grid, paris());
  REQUIRE(grid.steps == 46);
  // Step 4 starts at 03:00 local (the clock jumps from 02:00), still off-peak.
  CHECK(cal.local_hour[4] == Approx(3.25));
  CHECK(b.time_class(cal.local_hour[4], cal.month[4]) == TimeClass::kHch);
  // 05:30-06:00 off-peak, 06:00-06:30 peak; March is high season.
  CHECK(b.time_class(5.75, 3) == TimeClass::kHch);
  CHECK(b.time_class(6.25, 3) == TimeClass::kHph);
  CHECK(b.time_class(21.75, 4) == TimeClass::kHpb);
  CHECK(b.time_class(22.25, 4) == TimeClass::kHcb);
  CHECK(b.time_class(12.25, 11) == TimeClass::kHph);
}

TEST_CASE("missing tariffs section gives the defaults", "[tariffs][parse]") {
  const Parsed p = parse("name: x\n");
  CHECK_FALSE(p.ctx->has_errors());
  CHECK(p.book.retail.entries().size() == 4);
  CHECK(p.book.turpe_acc_option);
  CHECK(p.book.acc_excise_exemption);
  CHECK(p.book.surplus_eur_per_kwh.at(local(2025, 6, 1)) == Approx(0.04));
  CHECK(p.book.surplus_eur_per_kwh.at(local(2025, 1, 1)) == Approx(0.1269));
}

TEST_CASE("parse_tariffs reads every section", "[tariffs][parse]") {
  const Parsed p = parse(R"(
tariffs:
  retail:
    schedule: custom
    prices:
      - {from: 2025-06-01, base_eur_per_kwh: 0.25}
      - {from: 2025-01-01, base_eur_per_kwh: 0.20, hp_eur_per_kwh: 0.22, hc_eur_per_kwh: 0.16,
         base_subscription_6kva_eur_per_month: 12, subscription_eur_per_kva_month: 1}
  network:
    turpe_acc_option: false
    versions:
      - from: 2025-01-01
        standard_eur_per_kwh: {hph: 0.08, hch: 0.06, hpb: 0.04, hcb: 0.02}
  excise: {acc_exemption: false, rates: [{from: 2025-01-01, eur_per_kwh: 0.03}]}
  cta: {rates: [{from: 2025-01-01, rate: 0.2}]}
  hc_windows: ["12:00-14:00", "23:00-07:00"]
  high_season_months: [12, 1, 2]
  surplus_eur_per_kwh: 0.05
  vat_rate: 0.2
  local_vat_rate: 0.055
  pmo: {fee_eur_per_member_month: 2, costs_eur_per_month: 50}
)");
  INFO(errors_text(p));
  REQUIRE_FALSE(p.ctx->has_errors());
  const TariffBook& b = p.book;
  REQUIRE(b.retail.entries().size() == 2);
  // Entries are sorted by date; the June entry inherits HP/HC and subscriptions from January.
  CHECK(b.retail.at(local(2025, 3, 1)).base_eur_per_kwh == 0.20);
  CHECK(b.retail.at(local(2025, 7, 1)).base_eur_per_kwh == 0.25);
  CHECK(b.retail.at(local(2025, 7, 1)).hc_eur_per_kwh == 0.16);
  CHECK(b.retail.at(local(2025, 7, 1)).base_subscription_6kva_eur_per_month == 12);
  // The custom first entry takes the TRVE subscription for fields it does not give.
  CHECK(b.retail.at(local(2025, 3, 1)).hphc_subscription_6kva_eur_per_month == Approx(12.94));
  CHECK_FALSE(b.turpe_acc_option);
  // Merged with the defaults: TURPE 7 (2025-02-01) still follows the custom January entry.
  CHECK(b.network.at(local(2025, 1, 15)).standard[2] == 0.04);
  CHECK(b.network.at(local(2025, 1, 15)).autoproduite[2] ==
        Approx(0.04 * 0.0077 / 0.0143).epsilon(1e-12));
  CHECK(b.network.at(local(2025, 3, 1)).standard[2] == Approx(0.0160));
  CHECK_FALSE(b.acc_excise_exemption);
  CHECK(b.excise_eur_per_kwh.at(local(2025, 1, 15)) == 0.03);
  CHECK(b.cta_rate.at(local(2025, 1, 15)) == 0.2);
  CHECK(b.is_off_peak_hour(13.0));
  CHECK(b.is_off_peak_hour(6.5));
  CHECK_FALSE(b.is_off_peak_hour(7.25));
  CHECK_FALSE(b.is_off_peak_hour(22.5));
  CHECK(b.is_high_season(12));
  CHECK_FALSE(b.is_high_season(3));
  CHECK(b.surplus_eur_per_kwh.at(local(2024, 1, 1)) == 0.05);
  CHECK(b.local_vat_rate == 0.055);
  CHECK(b.pmo_fee_eur_per_member_month == 2);
  CHECK(b.pmo_costs_eur_per_month == 50);
}

TEST_CASE("parse_tariffs: a dated surplus list is merged into the default", "[tariffs][parse]") {
  const Parsed p =
      parse("tariffs:\n  surplus_eur_per_kwh: [{from: 2025-09-01, eur_per_kwh: 0.03}]\n");
  REQUIRE_FALSE(p.ctx->has_errors());
  CHECK(p.book.surplus_eur_per_kwh.at(local(2025, 6, 1)) == Approx(0.04));
  CHECK(p.book.surplus_eur_per_kwh.at(local(2025, 9, 1)) == Approx(0.03));
}

TEST_CASE("parse_tariffs errors carry file:line:col and key path", "[tariffs][parse]") {
  SECTION("unknown key with did-you-mean") {
    const Parsed p = parse("tariffs:\n  vat_rat: 0.2\n");
    const std::string e = errors_text(p);
    CHECK_THAT(e, Contains("scenario.yaml:2:3: unknown key 'vat_rat'; did you mean 'vat_rate'?"));
    CHECK_THAT(e, Contains("(tariffs.vat_rat)"));
  }
  SECTION("negative price") {
    const Parsed p = parse(
        "tariffs:\n  retail:\n    prices:\n      - {from: 2025-02-01, base_eur_per_kwh: -0.1}\n");
    const std::string e = errors_text(p);
    CHECK_THAT(e,
               Contains("scenario.yaml:4:46: value -0.1 is out of range; expected a number >= 0"));
    CHECK_THAT(e, Contains("(tariffs.retail.prices[0].base_eur_per_kwh)"));
  }
  SECTION("unknown key inside a nested entry") {
    const Parsed p = parse("tariffs:\n  pmo:\n    fee_eur_per_member_mont: 1\n");
    const std::string e = errors_text(p);
    CHECK_THAT(e, Contains("scenario.yaml:3:5: unknown key 'fee_eur_per_member_mont'; did you "
                           "mean 'fee_eur_per_member_month'?"));
    CHECK_THAT(e, Contains("(tariffs.pmo.fee_eur_per_member_mont)"));
  }
  SECTION("bad schedule name, bad window, bad month, fraction out of range") {
    const Parsed p = parse(R"(tariffs:
  retail: {schedule: trv}
  hc_windows: ["22h-6h"]
  high_season_months: [13]
  vat_rate: 1.5
)");
    const std::string e = errors_text(p);
    CHECK_THAT(e, Contains("scenario.yaml:2:22: unknown value 'trv'; did you mean 'trve'?"));
    CHECK_THAT(e, Contains("(tariffs.retail.schedule)"));
    CHECK_THAT(e, Contains("scenario.yaml:3:16: expected an off-peak window"));
    CHECK_THAT(e, Contains("(tariffs.hc_windows[0])"));
    CHECK_THAT(e, Contains("(tariffs.high_season_months[0])"));
    CHECK_THAT(e, Contains("scenario.yaml:5:13: value 1.5 is out of range"));
  }
  SECTION("custom schedule needs energy prices; duplicate dates") {
    const Parsed p = parse(R"(tariffs:
  retail:
    schedule: custom
    prices:
      - {from: 2025-01-01, hp_eur_per_kwh: 0.2}
  excise:
    rates: [{from: 2025-01-01, eur_per_kwh: 0.01}, {from: 2025-01-01, eur_per_kwh: 0.02}]
)");
    const std::string e = errors_text(p);
    CHECK_THAT(e, Contains("missing required key 'base_eur_per_kwh' (tariffs.retail.prices[0])"));
    CHECK_THAT(e, Contains("two entries have the same 'from' date (tariffs.excise.rates[1].from)"));
  }
  SECTION("a mapping where a list is expected") {
    const Parsed p = parse("tariffs:\n  network:\n    versions: {from: 2025-01-01}\n");
    CHECK_THAT(errors_text(p),
               Contains("expected a list, got a mapping (tariffs.network.versions)"));
  }
}

TEST_CASE("escalation scales what is in force in each run year", "[tariffs][years]") {
  // Run from 2025-03-01 for three years, retail +3 %/yr, network +2 %/yr, surplus -1 %/yr.
  const Parsed p = parse(
      "tariffs: {escalation: {retail_per_year: 0.03, network_per_year: 0.02, "
      "surplus_per_year: -0.01}}");
  REQUIRE(errors_text(p).empty());
  const TariffBook book = p.book;
  const TariffBook e = escalate(book, local(2025, 3, 1), local(2028, 3, 1), paris());
  auto base = [](const TariffBook& b, int64_t t) { return b.retail.at(t).base_eur_per_kwh; };
  // Year 0: untouched, to the bit (including the dated change of 2025-08-01).
  CHECK(base(e, local(2025, 3, 1)) == base(book, local(2025, 3, 1)));
  CHECK(base(e, local(2025, 8, 1)) == base(book, local(2025, 8, 1)));
  CHECK(base(e, local(2026, 2, 28, 23)) == base(book, local(2026, 2, 28, 23)));
  // Year 1 from the anniversary: the value in force x 1.03; year 2 x 1.03^2 (tolerance 1e-12).
  CHECK(base(e, local(2026, 3, 1)) == Approx(base(book, local(2026, 3, 1)) * 1.03).epsilon(1e-12));
  CHECK(base(e, local(2027, 6, 1)) ==
        Approx(base(book, local(2027, 6, 1)) * 1.03 * 1.03).epsilon(1e-12));
  CHECK(e.retail.at(local(2026, 3, 1)).subscription_eur_per_kva_month ==
        Approx(book.retail.at(local(2026, 3, 1)).subscription_eur_per_kva_month * 1.03)
            .epsilon(1e-12));
  CHECK(e.network.at(local(2026, 6, 1)).autoproduite[0] ==
        Approx(book.network.at(local(2026, 6, 1)).autoproduite[0] * 1.02).epsilon(1e-12));
  CHECK(e.surplus_eur_per_kwh.at(local(2027, 3, 1)) ==
        Approx(book.surplus_eur_per_kwh.at(local(2027, 3, 1)) * 0.99 * 0.99).epsilon(1e-12));
  // Excise is set by law: unchanged.
  CHECK(e.excise_eur_per_kwh.at(local(2027, 3, 1)) ==
        book.excise_eur_per_kwh.at(local(2027, 3, 1)));
  // Without escalation the book is returned as it is.
  const TariffBook same =
      escalate(TariffBook::defaults(paris()), local(2025, 1, 1), local(2030, 1, 1), paris());
  CHECK(same.retail.entries().size() == TariffBook::defaults(paris()).retail.entries().size());
  CHECK(errors_text(parse("tariffs: {escalation: {retail_per_year: 2}}")).find("retail_per_year") !=
        std::string::npos);
}
