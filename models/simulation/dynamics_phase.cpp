#include "dynamics_phase.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "accord/models/agents/intermediaries.hpp"
#include "accord/models/dynamics/bush_mosteller.hpp"
#include "accord/models/dynamics/opinion_dynamics.hpp"

namespace accord::models {

namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

LivedPeriod zero_lived(Eigen::Index n) {
  LivedPeriod l;
  for (Eigen::ArrayXd* a :
       {&l.money_eur, &l.reference_eur, &l.procedural, &l.procedural_n, &l.aid_kept,
        &l.aid_promised, &l.municipal_side, &l.municipal_n, &l.text_side, &l.text_n})
    a->setZero(n);
  return l;
}

// The class of each person for homophily: its kind, or its income decile (0 unknown).
std::vector<int> homophily_classes(const std::vector<const Participant*>& person,
                                   const std::string& by) {
  std::vector<int> out;
  std::map<std::string, int> kinds;
  for (const Participant* p : person) {
    if (by == "income_decile") {
      out.push_back(p->income_decile);
    } else {
      const auto it = kinds.emplace(p->kind, static_cast<int>(kinds.size())).first;
      out.push_back(it->second);
    }
  }
  return out;
}

}  // namespace

LivedPeriod lived_period(int64_t period, const Scenario& scenario,
                         const economics::PeriodAccounts& accounts,
                         const output::SharingRecord& sharing,
                         const output::GovernanceRecord& governance,
                         const std::vector<int>& owner_of_producer) {
  const auto m = static_cast<Eigen::Index>(period);
  const auto N = static_cast<Eigen::Index>(scenario.participants.size());
  LivedPeriod l = zero_lived(N);
  l.money_eur = accounts.benefit.row(m).transpose().array();
  l.reference_eur = accounts.bill_reference.row(m).transpose().array();
  for (size_t p = 0; p < owner_of_producer.size(); ++p) {
    if (owner_of_producer[p] < 0) continue;
    const auto col = static_cast<Eigen::Index>(p);
    l.money_eur(owner_of_producer[p]) +=
        accounts.producer_internal_revenue(m, col) + accounts.producer_surplus_revenue(m, col);
  }
  // Solidarity aid: money, and a promise kept in the share it was paid (pro-rata rationing
  // pays every eligible member the same share of its request).
  if (!sharing.funds.empty() && sharing.funds[0].paid_to_member.rows() > m) {
    const output::FundRecord& fund = sharing.funds[0];
    l.money_eur += fund.paid_to_member.row(m).transpose().array();
    if (fund.requested(m) > 0) {
      const double kept = 2.0 * std::clamp(fund.paid(m) / fund.requested(m), 0.0, 1.0) - 1.0;
      for (Eigen::Index i = 0; i < N; ++i)
        if (scenario.participants[static_cast<size_t>(i)].low_income) {
          l.aid_promised(i) = 1;
          l.aid_kept(i) = kept;
        }
    }
  }
  // Procedural experience: an assembly vote taken part in and won (+1) or lost (-1); a vote
  // without quorum decided nothing.
  // Rows are appended round by round: this period's are at the end.
  for (auto it = governance.rows.rbegin(); it != governance.rows.rend() && it->period >= period;
       ++it) {
    const output::GovernanceRow& row = *it;
    if (row.period != period) continue;
    // A decree of the municipality or a mediator's text: was it the member's best option?
    const bool decree = row.decided_by == "municipality", text = row.decided_by == "mediator";
    if ((decree || text) && row.utility.rows() == N && row.utility.cols() > 1) {
      Eigen::ArrayXd& side = decree ? l.municipal_side : l.text_side;
      Eigen::ArrayXd& count = decree ? l.municipal_n : l.text_n;
      for (Eigen::Index i = 0; i < N; ++i) {
        if (!row.utility.row(i).allFinite()) continue;
        const bool best = row.utility(i, row.chosen) >= row.utility.row(i).maxCoeff() - 1e-12;
        side(i) += best ? 1.0 : -1.0;
        count(i) += 1;
      }
    }
    if (row.protocol != "vote" || row.decided_by != "assembly" || !row.quorum_reached) continue;
    for (Eigen::Index i = 0; i < N; ++i) {
      const int16_t ballot = row.ballot[static_cast<size_t>(i)];
      if (ballot < 0) continue;
      l.procedural(i) += ballot == row.chosen ? 1.0 : -1.0;
      l.procedural_n(i) += 1;
    }
  }
  return l;
}

DynamicsPhase::DynamicsPhase(const Scenario& scenario, const sim::TimeGrid& grid,
                             const sim::StepCalendar& calendar)
    : scenario_(scenario),
      grid_(grid),
      calendar_(calendar),
      spec_(scenario.dynamics),
      meeting_stream_(scenario.seed, scenario.replicate, sim::Purpose::kDynamics,
                      sim::entity_key(std::string("word_of_mouth"))),
      outreach_stream_(scenario.seed, scenario.replicate, sim::Purpose::kDynamics,
                       sim::entity_key(std::string("outreach"))) {
  members_ = static_cast<int>(scenario.participants.size());
  for (const auto& p : scenario.participants) person_.push_back(&p);
  for (const auto& c : spec_.candidates) person_.push_back(&c);
  for (const Participant* p : person_) person_key_.push_back(sim::entity_key(p->id));
  const auto persons = static_cast<Eigen::Index>(person_.size());
  const auto N = static_cast<Eigen::Index>(members_);

  satisfaction_.setConstant(N, spec_.satisfaction.initial);
  aspiration_.setConstant(N, spec_.aspiration.initial);
  // Initial attitudes: uniform in the members' or the candidates' range, keyed by id.
  const sim::RandomStream initial(scenario.seed, scenario.replicate, sim::Purpose::kDynamics,
                                  sim::entity_key(std::string("initial_attitude")));
  attitude_.resize(persons);
  uncertainty_.resize(persons);
  for (Eigen::Index i = 0; i < persons; ++i) {
    const bool member = i < N && person_[static_cast<size_t>(i)]->member_at_start;
    const InitialAttitude& start = member ? spec_.attitude.members : spec_.attitude.candidates;
    attitude_(i) =
        start.low + (start.high - start.low) * initial.uniform(person_key_[static_cast<size_t>(i)]);
    uncertainty_(i) = start.uncertainty;
  }

  // The network: the file's ties, or a small world on a ring in a keyed random order (the
  // ring stands for who lives near whom; file order would tie members to members).
  if (spec_.network.type == "csv") {
    network_ = dynamics::SocialNetwork(static_cast<int>(persons), spec_.network.ties);
  } else {
    const sim::RandomStream ring(scenario.seed, scenario.replicate, sim::Purpose::kDynamics,
                                 sim::entity_key(std::string("ring_order")));
    std::vector<std::pair<double, int>> order;
    for (int i = 0; i < static_cast<int>(persons); ++i)
      order.emplace_back(ring.uniform(person_key_[static_cast<size_t>(i)]), i);
    std::sort(order.begin(), order.end());
    std::vector<const Participant*> on_ring;
    for (const auto& o : order) on_ring.push_back(person_[o.second]);
    const sim::RandomStream rewiring(scenario.seed, scenario.replicate, sim::Purpose::kDynamics,
                                     sim::entity_key(std::string("network")));
    const dynamics::SmallWorldSpec sw{spec_.network.neighbours, spec_.network.rewiring,
                                      spec_.network.homophily};
    const auto ring_graph =
        dynamics::watts_strogatz(static_cast<int>(persons), sw,
                                 homophily_classes(on_ring, spec_.network.homophily_by), rewiring);
    std::vector<std::pair<int, int>> ties;
    for (const auto& [a, b] : ring_graph.ties())
      ties.emplace_back(order[static_cast<size_t>(a)].second, order[static_cast<size_t>(b)].second);
    network_ = dynamics::SocialNetwork(static_cast<int>(persons), ties);
  }
  since_ = zero_lived(N);
  trust_municipality_.setConstant(persons, spec_.trust.municipality_initial);
  trust_intermediary_.assign(scenario.actors.intermediaries.size(),
                             Eigen::ArrayXd::Constant(persons, spec_.trust.intermediaries_initial));

  const auto M = calendar.periods();
  record_.enabled = true;
  record_.attitude_model = spec_.attitude.model;
  record_.candidates = spec_.candidates;
  record_.satisfaction.setConstant(M, N, kNan);
  record_.aspiration.setConstant(M, N, kNan);
  record_.attitude.setConstant(M, persons, kNan);
  if (spec_.attitude.model == "relative_agreement")
    record_.attitude_uncertainty.setConstant(M, persons, kNan);
  record_.ties = network_.ties();
  if (scenario.actors.municipality.present)
    record_.trust_municipality.setConstant(M, persons, kNan);
  for (const auto& im : scenario.actors.intermediaries) {
    record_.intermediary_ids.push_back(im.id);
    record_.trust_intermediaries.emplace_back(output::RowMatrix::Constant(M, persons, kNan));
  }
}

void DynamicsPhase::after_period(int64_t period, const LivedPeriod& lived,
                                 Eigen::VectorXd& trust_pmo, const Eigen::ArrayXd& member) {
  since_.money_eur += lived.money_eur;
  since_.reference_eur += lived.reference_eur;
  since_.procedural += lived.procedural;
  since_.procedural_n += lived.procedural_n;
  since_.aid_kept += lived.aid_kept;
  since_.aid_promised += lived.aid_promised;
  since_.municipal_side += lived.municipal_side;
  since_.municipal_n += lived.municipal_n;
  since_.text_side += lived.text_side;
  since_.text_n += lived.text_n;
  if (updates_after(period)) {
    update(period, trust_pmo, member);
    since_ = zero_lived(members_);
  }
  renew_trust_at_elections(period);
  // Satisfaction and aspiration are a member's: NaN for those who were not one.
  const auto m = static_cast<Eigen::Index>(period);
  record_.satisfaction.row(m) = (member > 0).select(satisfaction_, kNan).matrix().transpose();
  record_.aspiration.row(m) = (member > 0).select(aspiration_, kNan).matrix().transpose();
  record_.attitude.row(m) = attitude_.matrix().transpose();
  if (record_.attitude_uncertainty.size() > 0)
    record_.attitude_uncertainty.row(m) = uncertainty_.matrix().transpose();
  if (record_.trust_municipality.size() > 0)
    record_.trust_municipality.row(m) = trust_municipality_.matrix().transpose();
  for (size_t k = 0; k < trust_intermediary_.size(); ++k)
    record_.trust_intermediaries[k].row(m) = trust_intermediary_[k].matrix().transpose();
}

void DynamicsPhase::update(int64_t period, Eigen::VectorXd& trust_pmo,
                           const Eigen::ArrayXd& member) {
  const auto in = member > 0;
  // 1. Appraisal: money against aspiration, and the procedural experience.
  const Eigen::ArrayXd money = since_.money_eur / since_.reference_eur.max(1.0);
  const Eigen::ArrayXd scale = Eigen::ArrayXd::Constant(members_, spec_.aspiration.scale);
  const Eigen::ArrayXd s = dynamics::stimulus(money, aspiration_, scale);
  // Procedural stimulus: the mean of the votes' and the aid's signals, where there were any.
  const Eigen::ArrayXd aid_n = (since_.aid_promised > 0).cast<double>();
  const Eigen::ArrayXd aid = since_.aid_kept / since_.aid_promised.max(1.0);
  const Eigen::ArrayXd signals = since_.procedural_n + aid_n;
  const Eigen::ArrayXd q = (since_.procedural + aid) / signals.max(1.0);
  const double w = spec_.satisfaction.procedural_weight;
  const Eigen::ArrayXd combined = (signals > 0).select((1 - w) * s + w * q, s);

  // 2. Learning: satisfaction and trust by reinforcement, aspiration by habituation.
  satisfaction_ =
      in.select(dynamics::reinforce(satisfaction_, combined, spec_.satisfaction.learning_rate),
                satisfaction_);
  const Eigen::ArrayXd trust_stimulus = (aid_n > 0).select((s + aid) / 2, s);
  trust_pmo =
      in.select(dynamics::reinforce(trust_pmo.array(), trust_stimulus, spec_.trust.learning_rate),
                trust_pmo.array())
          .matrix();
  // Members get used to what they gain, never to losing: leaving gives the reference bill, so
  // the aspiration stays at or above 0 (the outside option; docs/dynamics.md).
  aspiration_ = in.select(
      dynamics::habituate(aspiration_, money, spec_.aspiration.habituation).max(0.0), aspiration_);

  const auto next = std::min<int64_t>(period + 1, calendar_.periods() - 1);
  const int64_t t_next = grid_.step_start(calendar_.period_first_step[static_cast<size_t>(next)]);
  learn_trust(t_next, s, in);

  // 3. Members speak of the operation as they live it.
  const double k = spec_.attitude.experience_weight;
  attitude_.head(members_) =
      in.select((1 - k) * attitude_.head(members_) + k * satisfaction_, attitude_.head(members_));

  // 4-5. Outreach, then word of mouth, both dated at the start of the next period.
  reach_out(period, t_next);
  word_of_mouth(period);
}

// Trust in the municipality and the intermediaries (members only, like trust in the PMO):
// Bush–Mosteller on the decrees and mediated texts on or against the member's side, and, for
// an engaged expert, on the money stimulus: members judge a design by what it gives them.
void DynamicsPhase::learn_trust(int64_t t_utc, const Eigen::ArrayXd& money_stimulus,
                                const Eigen::Array<bool, Eigen::Dynamic, 1>& in) {
  const double l = spec_.trust.learning_rate;
  const auto N = static_cast<Eigen::Index>(members_);
  auto learn = [&](Eigen::ArrayXd& trust, const Eigen::ArrayXd& stimulus,
                   const Eigen::Array<bool, Eigen::Dynamic, 1>& where) {
    trust.head(N) = where.select(dynamics::reinforce(trust.head(N), stimulus, l), trust.head(N));
  };
  if (scenario_.actors.municipality.present)
    learn(trust_municipality_, since_.municipal_side / since_.municipal_n.max(1.0),
          in && since_.municipal_n > 0);
  for (size_t k = 0; k < trust_intermediary_.size(); ++k) {
    const IntermediarySpec& im = scenario_.actors.intermediaries[k];
    if (!im.engaged_at(t_utc)) continue;
    if (im.mediation)
      learn(trust_intermediary_[k], since_.text_side / since_.text_n.max(1.0),
            in && since_.text_n > 0);
    if (im.expertise) learn(trust_intermediary_[k], money_stimulus, in);
  }
}

// A municipal election dated within period m moves everyone's trust in the municipality back
// towards its initial value, after m (a new council is partly new people).
void DynamicsPhase::renew_trust_at_elections(int64_t period) {
  const auto& municipality = scenario_.actors.municipality;
  if (!municipality.present) return;
  const auto m = static_cast<size_t>(period);
  const int64_t from = calendar_.period_start_utc[m], to = calendar_.period_start_utc[m + 1];
  const double r = spec_.trust.election_renewal, initial = spec_.trust.municipality_initial;
  for (const auto& e : municipality.elections)
    if (e.at_utc >= from && e.at_utc < to)
      trust_municipality_ += r * (initial - trust_municipality_);
}

void DynamicsPhase::meet_actor(int person, double position, double uncertainty, double trust) {
  // One-sided: the actor acts on the person and is not moved. Trust scales how convincing
  // the actor is: at 0.5 as declared; a trusted actor speaks with less uncertainty (relative
  // agreement) or moves the person further (bounded confidence), a distrusted one the reverse.
  const double mu = spec_.attitude.convergence;
  const double weight = std::max(trust, 0.05) / 0.5;
  if (spec_.attitude.model == "bounded_confidence")
    dynamics::bounded_confidence_influence(position, attitude_(person), spec_.attitude.confidence,
                                           std::min(0.5, mu * weight));
  else
    dynamics::relative_agreement_influence(position, std::min(1.0, uncertainty / weight),
                                           attitude_(person), uncertainty_(person), mu);
}

void DynamicsPhase::reach_out(int64_t period, int64_t t_utc) {
  // A person met is heard: its trust in the actor rises (stimulus +1), after the meeting.
  auto meet = [&](uint64_t actor_key, int contacts, Eigen::ArrayXd& trust,
                  const std::function<bool(size_t)>& eligible) {
    for (size_t i : agents::chosen_contacts(person_key_, eligible, actor_key, outreach_stream_,
                                            period, static_cast<size_t>(contacts))) {
      const auto p = static_cast<Eigen::Index>(i);
      meet_actor(static_cast<int>(i), spec_.outreach.position, spec_.outreach.uncertainty,
                 trust(p));
      trust(p) += spec_.trust.learning_rate * (1 - trust(p));
    }
  };
  for (size_t k = 0; k < scenario_.actors.intermediaries.size(); ++k) {
    const IntermediarySpec& im = scenario_.actors.intermediaries[k];
    const MediationSpec& med = im.mediation_params;
    if (im.mediation && im.engaged_at(t_utc) && med.recruitment_contacts_per_period > 0)
      meet(sim::entity_key(im.id), med.recruitment_contacts_per_period, trust_intermediary_[k],
           [&](size_t i) {
             return agents::outreach_targets(med, person_[i]->kind, person_[i]->income_decile);
           });
  }
  if (scenario_.actors.municipality.present && spec_.outreach.municipality_contacts_per_period > 0)
    meet(sim::entity_key(std::string("municipality")),
         spec_.outreach.municipality_contacts_per_period, trust_municipality_,
         [](size_t) { return true; });
}

void DynamicsPhase::word_of_mouth(int64_t period) {
  const dynamics::Meetings meetings{
      &network_, static_cast<int64_t>(std::llround(spec_.attitude.meetings_per_person * persons())),
      static_cast<uint64_t>(period)};
  if (spec_.attitude.model == "bounded_confidence")
    dynamics::bounded_confidence(attitude_, spec_.attitude.confidence, spec_.attitude.convergence,
                                 meetings, meeting_stream_);
  else
    dynamics::relative_agreement(attitude_, uncertainty_, spec_.attitude.convergence, meetings,
                                 meeting_stream_);
}

output::DynamicsRecord DynamicsPhase::take_record() {
  return std::move(record_);
}

}  // namespace accord::models
