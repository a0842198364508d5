#pragma once
// The `dynamics:` section: how members' satisfaction, aspiration and trust follow what they
// live, and how attitudes towards the operation spread among members and the candidates
// around them (docs/dynamics.md gives each rule, its source and why each default).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "accord/models/scenario/specs.hpp"

namespace accord::models {

// Satisfaction as the propensity to stay, learnt by Bush–Mosteller reinforcement (Macy &
// Flache 2002) from a stimulus mixing money against aspiration and the procedural experience.
struct SatisfactionSpec {
  double initial = 0.7;            // [0, 1] at the start (assumption)
  double learning_rate = 0.3;      // l of the Bush–Mosteller update, [0, 1]
  double procedural_weight = 0.3;  // weight of the procedural stimulus, [0, 1]
};

// What members expect, in normalised money (payoff / reference bill of the period).
struct AspirationSpec {
  double initial = 0.05;     // expected share of the reference bill gained (assumption)
  double habituation = 0.2;  // h: A <- (1 - h) A + h x each dynamics period, [0, 1]
  double scale = 0.1;        // sup |x - A|: the stimulus is (x - A) / scale, clamped
};

// Trust in the PMO beyond the governance rounds' procedural update: money and kept promises;
// trust in the municipality and in each intermediary: decisions on one's side or against it,
// being heard, and (experts) the results of the design they advised.
struct TrustDynamicsSpec {
  double learning_rate = 0.1;           // Bush–Mosteller rate of every trust update
  double municipality_initial = 0.5;    // [0, 1] (0.5: actors' outreach as declared)
  double intermediaries_initial = 0.5;  // [0, 1]
  // At a municipal election, trust in the municipality moves this share of the way back to
  // municipality_initial: a new council is partly new people (docs/dynamics.md §3).
  double election_renewal = 0.5;
};

struct NetworkSpec {
  std::string type = "small_world";      // small_world | csv
  int neighbours = 6;                    // k (even)
  double rewiring = 0.1;                 // beta
  double homophily = 0.0;                // h
  std::string homophily_by = "kind";     // kind | income_decile
  std::optional<std::string> ties_file;  // csv: two columns of person ids (members, candidates)
  // The file's ties as person indices (participants, then candidates), read at load.
  std::vector<std::pair<int, int>> ties;
};

// Where a population starts: attitudes uniform in [low, high], and (relative agreement) how
// unsure they are. Members know the operation; candidates mostly have heard of it.
struct InitialAttitude {
  double low = 0;
  double high = 1;
  double uncertainty = 0.3;
};

struct AttitudeSpec {
  std::string model = "relative_agreement";  // relative_agreement | bounded_confidence
  double convergence = 0.3;                  // mu, (0, 0.5]
  double confidence = 0.3;                   // d of bounded confidence, (0, 1]
  double meetings_per_person = 1.0;          // meetings per person and dynamics period
  double experience_weight = 0.5;  // a member's attitude is pulled towards its satisfaction
  InitialAttitude members{0.6, 0.9, 0.3};
  InitialAttitude candidates{0.1, 0.6, 0.5};
};

// Outreach of mediation intermediaries and the municipality: each contact is a meeting with
// an actor whose attitude is `position` and uncertainty `uncertainty`.
struct OutreachSpec {
  double position = 0.9;
  double uncertainty = 0.2;
  int municipality_contacts_per_period = 0;
};

// Who joins and who leaves (docs/dynamics.md, "Membership"). When enabled, the candidates
// become participants of the run that are not members at the start (/periods/member 0).
struct MembershipSpec {
  bool enabled = false;               // a `membership:` subsection is present
  double application_attitude = 0.7;  // a candidate applies when its attitude reaches it
  // automatic | pmo (surplus rule) | assembly | board (a vote at the next governance round),
  // docs/dynamics.md §7b
  std::string admission = "automatic";
  bool admission_by_vote() const { return admission == "assembly" || admission == "board"; }
  int max_members = 0;             // cap on members, 0 = none
  double max_subscribed_kva = 0;   // cap on the members' subscribed power, 0 = none
  double exit_satisfaction = 0.3;  // a member gives notice when satisfaction stays below
  int exit_after_updates = 3;      // ... for this many consecutive dynamics updates
  int loss_window_periods = 12;    // or lost money over this many periods (0 = not checked)
  double loss_tolerance = 0;       // ... more than this share of its reference bill over them
  int notice_periods = 1;          // periods between notice and leaving
};

struct DynamicsSpec {
  bool enabled = false;  // a `dynamics:` section is present
  int every_periods = 1;
  SatisfactionSpec satisfaction;
  AspirationSpec aspiration;
  TrustDynamicsSpec trust;
  NetworkSpec network;
  AttitudeSpec attitude;
  OutreachSpec outreach;
  MembershipSpec membership;
  // People inside the perimeter who are not members (yet): generated like participants.
  std::vector<Participant> candidates;
};

}  // namespace accord::models
