#include "accord/models/dynamics/social_network.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <stdexcept>

namespace accord::models::dynamics {

namespace {

double unit(uint64_t word) {
  return static_cast<double>(word >> 11) * 0x1.0p-53;
}

int pick(uint64_t word, std::size_t count) {
  return static_cast<int>(
      std::min<double>(unit(word) * static_cast<double>(count), static_cast<double>(count - 1)));
}

bool tied(const std::vector<std::vector<int32_t>>& adjacency, int a, int b) {
  const auto& list = adjacency[a];
  return std::find(list.begin(), list.end(), b) != list.end();
}

void untie(std::vector<std::vector<int32_t>>& adjacency, int a, int b) {
  auto drop = [&](int from, int to) {
    auto& list = adjacency[from];
    list.erase(std::find(list.begin(), list.end(), to));
  };
  drop(a, b);
  drop(b, a);
}

void tie(std::vector<std::vector<int32_t>>& adjacency, int a, int b) {
  adjacency[a].push_back(b);
  adjacency[b].push_back(a);
}

}  // namespace

SocialNetwork::SocialNetwork(int nodes, const std::vector<std::pair<int, int>>& ties) {
  std::vector<std::vector<int32_t>> adjacency(static_cast<std::size_t>(nodes));
  for (const auto& [a, b] : ties) {
    if (a < 0 || b < 0 || a >= nodes || b >= nodes)
      throw std::invalid_argument("social network: tie to a node out of range");
    if (a == b) continue;
    adjacency[a].push_back(b);
    adjacency[b].push_back(a);
  }
  offsets_.assign(1, 0);
  for (auto& list : adjacency) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    neighbours_.insert(neighbours_.end(), list.begin(), list.end());
    offsets_.push_back(static_cast<int64_t>(neighbours_.size()));
  }
}

std::vector<std::pair<int, int>> SocialNetwork::ties() const {
  std::vector<std::pair<int, int>> out;
  out.reserve(static_cast<std::size_t>(tie_count()));
  for (int i = 0; i < size(); ++i)
    for (int32_t j : neighbours(i))
      if (i < j) out.emplace_back(i, j);
  return out;
}

SocialNetwork watts_strogatz(int nodes, const SmallWorldSpec& spec,
                             const std::vector<int>& node_class, const sim::RandomStream& stream) {
  if (nodes < 2) return SocialNetwork(std::max(nodes, 0), {});
  const int half = std::min(spec.neighbours / 2, (nodes - 1) / 2);
  std::vector<std::vector<int32_t>> adjacency(static_cast<std::size_t>(nodes));
  for (int i = 0; i < nodes; ++i)
    for (int j = 1; j <= half; ++j) tie(adjacency, i, (i + j) % nodes);

  // Members of each class, for homophilous rewiring.
  std::map<int, std::vector<int32_t>> by_class;
  if (spec.homophily > 0)
    for (int i = 0; i < nodes; ++i) by_class[node_class[i]].push_back(i);

  constexpr int kAttempts = 32;  // a node tied to nearly everyone keeps its ring tie
  for (int i = 0; i < nodes; ++i) {
    for (int j = 1; j <= half; ++j) {
      const int old_end = (i + j) % nodes;
      uint64_t words[4];
      stream.raw(static_cast<uint64_t>(i), static_cast<uint64_t>(j) * (kAttempts + 1), words);
      if (unit(words[0]) >= spec.rewiring || !tied(adjacency, i, old_end)) continue;
      const std::vector<int32_t>* pool = nullptr;
      if (spec.homophily > 0 && unit(words[1]) < spec.homophily) pool = &by_class[node_class[i]];
      for (int attempt = 1; attempt <= kAttempts; ++attempt) {
        stream.raw(static_cast<uint64_t>(i), static_cast<uint64_t>(j) * (kAttempts + 1) + attempt,
                   words);
        const int end = pool != nullptr ? (*pool)[pick(words[0], pool->size())]
                                        : pick(words[0], static_cast<std::size_t>(nodes));
        if (end == i || tied(adjacency, i, end)) continue;
        untie(adjacency, i, old_end);
        tie(adjacency, i, end);
        break;
      }
    }
  }
  std::vector<std::pair<int, int>> ties;
  for (int i = 0; i < nodes; ++i)
    for (int32_t j : adjacency[i])
      if (i < j) ties.emplace_back(i, j);
  return SocialNetwork(nodes, ties);
}

}  // namespace accord::models::dynamics
