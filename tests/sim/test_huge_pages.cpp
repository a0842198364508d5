// advise_huge_pages is a hint: an array advised before its first write holds what is written,
// whatever its alignment and size, and calls on small or empty ranges do nothing.
#include <catch2/catch.hpp>
#include <cstdint>
#include <numeric>
#include <vector>

#include "accord/sim/huge_pages.hpp"

TEST_CASE("huge pages: an advised array keeps its contents", "[sim]") {
  for (const size_t n : {size_t{0}, size_t{100}, size_t{1} << 20, (size_t{3} << 20) + 7}) {
    std::vector<double> v(n);
    // Misaligned on purpose: from the second element.
    accord::sim::advise_huge_pages(n > 1 ? v.data() + 1 : v.data(), n > 1 ? (n - 1) * 8 : 0);
    std::iota(v.begin(), v.end(), 0.5);
    double sum = 0;
    for (const double x : v) sum += x;
    const auto d = static_cast<double>(n);
    CHECK(sum == Approx(d * d / 2).epsilon(1e-12));
  }
  accord::sim::advise_huge_pages(nullptr, size_t{1} << 30);  // nothing to advise
}
