#include "accord/sim/temp_files.hpp"

#include <unistd.h>

#include <array>
#include <atomic>
#include <csignal>
#include <cstring>

namespace accord::sim {

namespace {

// Fixed storage, no allocation: the signal handler may only read it and call unlink().
// A slot is free, being filled (skipped by the handler) or ready.
constexpr int kSlots = 128;
constexpr std::size_t kPathBytes = 4096;
enum SlotState : int { kFree = 0, kFilling = 1, kReady = 2 };

struct Slot {
  std::atomic<int> state{kFree};
  std::array<char, kPathBytes> path{};
};

std::array<Slot, kSlots>& slots() {
  static std::array<Slot, kSlots> table;
  return table;
}

static_assert(std::atomic<int>::is_always_lock_free, "the handler reads the slots lock-free");

extern "C" void remove_and_reraise(int signal_number) {
  remove_registered_temp_files();
  // SA_RESETHAND restored the default action: raised again, the signal ends the process
  // once this handler returns.
  std::raise(signal_number);
}

void install(int signal_number) {
  struct sigaction current {};
  if (::sigaction(signal_number, nullptr, &current) != 0) return;
  if (current.sa_handler == SIG_IGN) return;  // e.g. nohup: stay deaf to SIGHUP
  struct sigaction action {};
  action.sa_handler = remove_and_reraise;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;
  ::sigaction(signal_number, &action, nullptr);
}

}  // namespace

void remove_registered_temp_files() noexcept {
  for (auto& slot : slots()) {
    if (slot.state.load(std::memory_order_acquire) == kReady) ::unlink(slot.path.data());
  }
}

void remove_temp_files_on_signals() {
  static const bool installed = [] {
    slots();  // the table exists before any handler can run
    for (const int s : {SIGINT, SIGTERM, SIGHUP}) install(s);
    return true;
  }();
  static_cast<void>(installed);
}

TempFileRegistration::TempFileRegistration(const std::string& path) {
  if (path.size() >= kPathBytes) return;
  auto& table = slots();
  for (int i = 0; i < kSlots; ++i) {
    Slot& slot = table[static_cast<std::size_t>(i)];
    int expected = kFree;
    if (!slot.state.compare_exchange_strong(expected, kFilling, std::memory_order_acq_rel))
      continue;
    std::memcpy(slot.path.data(), path.c_str(), path.size() + 1);
    slot.state.store(kReady, std::memory_order_release);
    slot_ = i;
    return;
  }
}

void TempFileRegistration::release() noexcept {
  if (slot_ < 0) return;
  slots()[static_cast<std::size_t>(slot_)].state.store(kFree, std::memory_order_release);
  slot_ = -1;
}

}  // namespace accord::sim
