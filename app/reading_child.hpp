#pragma once
// Commands that read a file someone else wrote (`analyze`, `report`) run in a child process.
//
// libhdf5 1.10 (Debian 12) is not safe on damaged files: fuzzing the run reader found
// heap-buffer-overflows, use-after-free and overlapping memcpy inside H5HG_read and friends,
// which kill a Release build with SIGSEGV (docs/fuzzing.md). Nothing accord checks beforehand
// can rule them out, so the read is contained: the command runs in a forked child and the
// parent turns the child's death by a fault into one line naming the file, exit status 1.
// The endless loops of the same library are the read watchdog's (sim/src/h5_read_watchdog.cpp).
#include <functional>
#include <string>

namespace accord::app {

// Runs `command` (already guarded: errors are printed and mapped to an exit status) in a child
// process and returns its exit status. A child killed by SIGSEGV, SIGBUS, SIGABRT, SIGFPE or
// SIGILL is reported as a damaged `file`; one killed by SIGKILL as killed (out of memory, or by
// someone); SIGINT, SIGTERM, SIGHUP and SIGPIPE end this process the same way. The child's
// standard error is passed on when it ends, except after a fault (the C library's own message,
// "free(): invalid pointer", would make it two lines). When the system cannot fork, the
// command runs here, unprotected.
int run_in_reading_child(const std::string& file, const std::function<int()>& command);

}  // namespace accord::app
