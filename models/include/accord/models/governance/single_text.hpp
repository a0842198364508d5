#pragma once
// Mediated single negotiation text (Raiffa 1982, "The Art and Science of Negotiation"; Klein,
// Faratin, Sayama & Bar-Yam 2003, "Protocols for negotiating complex contracts", IEEE
// Intelligent Systems 18(6)): one draft holds an option for every item (sharing key, benefit
// rule, price, ...); a mediator proposes one change at a time and keeps it only when every
// party accepts. Parties vote truthfully; any annealing (keeping changes some reject, to escape
// local optima, which reaches better welfare) is done by the mediator, since each party is
// tempted not to anneal itself (Klein, Faratin & Bar-Yam 2002). The mediator can return to the
// best text seen (domain/governance-and-fabrique.md §2-3).
#include <cstdint>
#include <functional>
#include <vector>

#include <Eigen/Dense>

#include "accord/sim/rng.hpp"

namespace accord::models::governance {

// Utility of every party for a whole text (one option index per item). In the simulation it
// re-simulates past periods, hence the cache below. Must return the same number of finite
// values for every text.
using TextUtility = std::function<Eigen::VectorXd(const std::vector<int>& text)>;

struct SingleTextParams {
  int max_rounds = 50;             // proposals at most, >= 0
  double initial_temperature = 0;  // mediator's annealing, >= 0: 0 = keep only unanimous changes
  double cooling = 0.9;            // temperature factor per round, in [0, 1]
};

struct SingleTextOutcome {
  std::vector<int> text;  // the returned text (status quo = all zeros)
  int rounds = 0;         // proposals made
  int changes_kept = 0;   // changes the mediator kept (unanimous or annealed)
  int evaluations = 0;    // calls of the utility callback (distinct texts evaluated)
  bool improved = false;  // text differs from the status quo
};

// Protocol. Start from the status-quo text (all zeros). Each round the mediator proposes one
// change, an item and a different option for it, drawn uniformly among the changes of the
// current text not yet rejected at that text (stream.uniform(round_key, counter), the counter
// counting every draw of the call). Party j accepts when u_j(new) >= u_j(current) (relative
// rounding tolerance 1e-12, so that a change irrelevant to j is not rejected on rounding noise);
// all accept -> the change is kept. Otherwise, with temperature T > 0, the mediator still keeps it
// with probability exp(-(L / |W|) / T), L = sum over the rejecting parties of their utility loss,
// W = sum of utilities of the current text (when |W| is ~0, e.g. utilities measured over the
// status quo, the sum of all parties' absolute utility changes replaces it). T *= cooling after
// every round. Stops when every change of the current text has been proposed and rejected
// there, or after max_rounds. Returns the best text the negotiation passed through (the status
// quo and every kept text), by sum of utilities, among those every party weakly prefers to the
// status quo (the status quo if none beats it; earlier text on ties). Utilities are cached by
// text. options_per_item: options of each item, >= 1. Throws std::invalid_argument on invalid
// parameters or callback results.
SingleTextOutcome single_negotiation_text(const std::vector<int>& options_per_item,
                                          const TextUtility& utility,
                                          const SingleTextParams& params,
                                          const sim::RandomStream& stream, uint64_t round_key);

}  // namespace accord::models::governance
