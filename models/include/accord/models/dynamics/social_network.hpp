#pragma once
// Who talks to whom among members and candidates: an undirected graph in compressed rows
// (neighbours of node i are neighbours[offsets[i], offsets[i+1]), sorted), built once per run.
//
// Watts & Strogatz (1998, Nature 393:440): a ring where each node is tied to its k nearest
// nodes (k/2 on each side), then each tie (i, i+j) is rewired with probability beta to a node
// drawn at random (no self-tie, no double tie). Homophily (an extension, docs/dynamics.md):
// the new end is drawn among the nodes of i's class (kind or income decile) with probability h,
// among all nodes otherwise; with beta = 1 the graph is random and the share of ties within a
// class is about h + (1 - h) x that class's share of the nodes.
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "accord/sim/rng.hpp"

namespace accord::models::dynamics {

class SocialNetwork {
 public:
  SocialNetwork() = default;
  // From undirected ties between nodes 0..n-1 (self-ties and repeated ties dropped).
  SocialNetwork(int nodes, const std::vector<std::pair<int, int>>& ties);

  int size() const { return static_cast<int>(offsets_.size()) - 1; }
  int64_t tie_count() const { return static_cast<int64_t>(neighbours_.size()) / 2; }
  std::span<const int32_t> neighbours(int node) const {
    return {neighbours_.data() + offsets_[node],
            static_cast<std::size_t>(offsets_[node + 1] - offsets_[node])};
  }
  // The ties as (i, j) with i < j, sorted: what the output records.
  std::vector<std::pair<int, int>> ties() const;

 private:
  std::vector<int64_t> offsets_{0};
  std::vector<int32_t> neighbours_;
};

struct SmallWorldSpec {
  int neighbours = 6;     // k: ties of each node on the ring (even, < nodes)
  double rewiring = 0.1;  // beta in [0, 1]
  double homophily = 0;   // h in [0, 1]: share of rewired ends drawn within the node's class
};

// `node_class` [n] groups the nodes for homophily (ignored when h = 0). Draws keyed by (node,
// tie, attempt) on `stream`, so the graph depends on the seed and the node order only.
SocialNetwork watts_strogatz(int nodes, const SmallWorldSpec& spec,
                             const std::vector<int>& node_class, const sim::RandomStream& stream);

}  // namespace accord::models::dynamics
