#pragma once
// Large arrays that are written once from end to end (the [T, N] ledgers of a run: 140 MB at
// 1,000 members over a year) spend much of their first pass in the kernel, one page fault per
// 4 KiB. On Linux, transparent huge pages in `madvise` mode (the Debian default) serve such
// an array with 2 MiB pages, 512 times fewer faults, if asked before it is first touched.
#include <cstddef>

namespace accord::sim {

// Asks for huge pages on the 2 MiB-aligned part of [data, data + bytes) (arrays under 4 MiB
// are left alone). Call it right after allocating, before writing. A hint: without THP, or
// on another system, it does nothing; the contents and results never depend on it.
void advise_huge_pages(void* data, std::size_t bytes) noexcept;

}  // namespace accord::sim
