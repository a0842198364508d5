#include "regulatory_checks.hpp"

#include "accord/models/economics/regulation.hpp"

namespace accord::models::detail {

namespace {
// Production power counted against the cap: PV peak power in kWc. A CSV series has no rated
// power in the file; its peak average power is used instead (read at simulation time), so it
// is not counted here (documented in docs/scenario-reference.md).
double rated_kw(const Producer& p) {
  if (const auto* pv = std::get_if<PvSpec>(&p.production.source)) return pv->kwp;
  return 0;
}
}  // namespace

void check_regulation(const sim::ConfigNode& root, Scenario& s) {
  const auto pcase = economics::perimeter_case_from_name(s.regulation.perimeter);
  if (!pcase) return;  // already reported by the choice check
  const sim::ConfigNode reg = root.optional("regulation");
  const sim::ConfigNode where = reg.present() ? reg : root.optional("participants");

  auto report = [&](const std::string& message) {
    if (s.regulation.derogation)
      s.warnings.push_back(message + " (derogation declared)");
    else
      where.error(message + "; declare regulation.derogation: true if the operation has one");
  };

  std::vector<GeoPoint> points;
  std::vector<std::string> ids;
  for (const auto& p : s.participants) {
    points.push_back(p.location);
    ids.push_back(p.id);
  }
  for (const auto& p : s.producers) {
    if (!p.behind_meter_of.empty()) continue;  // same place as its participant
    points.push_back(p.location);
    ids.push_back(p.id);
  }
  const auto perimeter = economics::check_perimeter(points, ids, *pcase);
  if (!perimeter.ok) report(perimeter.message);
  // Candidates live inside the perimeter: they may join. Checked once the operation itself
  // fits, so that the message names the candidate that does not.
  if (perimeter.ok && !s.dynamics.candidates.empty()) {
    for (const auto& c : s.dynamics.candidates) {
      points.push_back(c.location);
      ids.push_back(c.id);
    }
    const auto with_candidates = economics::check_perimeter(points, ids, *pcase);
    const sim::ConfigNode candidates = root.optional("dynamics").optional("candidates");
    if (!with_candidates.ok)
      candidates.error("a candidate lies outside the operation's perimeter: " +
                       with_candidates.message + " (candidates must be able to join)");
  }

  double total_kw = 0;
  for (const auto& p : s.producers) total_kw += rated_kw(p);
  const auto cap = economics::check_power_cap(total_kw, *pcase, s.time.start_utc);
  if (!cap.ok) report(cap.message);
}

}  // namespace accord::models::detail
