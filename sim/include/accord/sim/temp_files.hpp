#pragma once
// The temporary files this process is writing (`<path>.tmp-<pid>` of the atomic writers),
// removed when the process is stopped by SIGINT, SIGTERM or SIGHUP: a killed run leaves
// neither a partial final file (the writers rename only complete files) nor its temporary.
// SIGKILL cannot be caught; `accord sweep --resume` removes what such a kill left.
#include <string>

namespace accord::sim {

// Installs the handlers (once; a signal the parent set to be ignored stays ignored). The
// handler unlinks every registered path, then re-raises the signal with its default action,
// so the exit status still says which signal stopped the process.
void remove_temp_files_on_signals();

// Unlinks every registered temporary now (async-signal-safe): for a process about to end
// without unwinding (std::_Exit), such as the HDF5 watchdog's.
void remove_registered_temp_files() noexcept;

// Registers a temporary path for the lifetime of the object (a fixed table of slots: when it
// is full the path is simply not cleaned up on a signal). release() ends the registration
// early, once the file was renamed or removed.
class TempFileRegistration {
 public:
  explicit TempFileRegistration(const std::string& path);
  TempFileRegistration(const TempFileRegistration&) = delete;
  TempFileRegistration& operator=(const TempFileRegistration&) = delete;
  ~TempFileRegistration() { release(); }
  void release() noexcept;

 private:
  int slot_ = -1;
};

}  // namespace accord::sim
