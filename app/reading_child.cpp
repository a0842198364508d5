#include "reading_child.hpp"

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>

#include "process_exit.hpp"

namespace accord::app {

namespace {

bool is_fault(int signal_number) {
  return signal_number == SIGSEGV || signal_number == SIGBUS || signal_number == SIGABRT ||
         signal_number == SIGFPE || signal_number == SIGILL;
}

bool is_stop_request(int signal_number) {
  return signal_number == SIGINT || signal_number == SIGTERM || signal_number == SIGHUP ||
         signal_number == SIGPIPE;
}

// HDF5's format signature at the start of the file (accord writes no user block).
bool looks_like_hdf5(const std::string& file) {
  static constexpr char signature[8] = {'\x89', 'H', 'D', 'F', '\r', '\n', '\x1a', '\n'};
  char head[8] = {};
  std::ifstream in(file, std::ios::binary);
  return in.read(head, sizeof head) && std::memcmp(head, signature, sizeof head) == 0;
}

// Everything the child writes to its standard error, read until the child closes it.
std::string drain(int fd) {
  std::string text;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n > 0) {
      text.append(buffer, static_cast<size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  ::close(fd);
  return text;
}

[[noreturn]] void run_child(pid_t parent, int error_pipe, const std::function<int()>& command) {
  // The child must not outlive a parent stopped by SIGTERM (it would go on writing alone).
  ::prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (::getppid() != parent) std::_Exit(1);  // the parent ended before prctl took effect
  if (error_pipe >= 0) ::dup2(error_pipe, STDERR_FILENO), ::close(error_pipe);
  // std::exit, not _exit: static destructors and the sanitizers' leak check run as they would
  // have in a single process.
  std::exit(finish(command()));
}

}  // namespace

int run_in_reading_child(const std::string& file, const std::function<int()>& command) {
  // Buffered output would otherwise be written twice, once by each process.
  std::cout.flush();
  std::fflush(nullptr);
  const pid_t parent = ::getpid();
  // The child's standard error goes through a pipe: what it said is passed on when it ends
  // normally, and replaced by one line when it dies of a fault (glibc's "free(): invalid
  // pointer" and the like are not accord's messages).
  int error_pipe[2] = {-1, -1};
  const bool captured = ::pipe2(error_pipe, O_CLOEXEC) == 0;
  const pid_t child = ::fork();
  if (child < 0) {
    if (captured) ::close(error_pipe[0]), ::close(error_pipe[1]);
    return command();
  }
  if (child == 0) {
    if (captured) ::close(error_pipe[0]);
    run_child(parent, captured ? error_pipe[1] : -1, command);
  }
  std::string child_errors;
  if (captured) {
    ::close(error_pipe[1]);
    child_errors = drain(error_pipe[0]);
  }

  int wait_status = 0;
  while (::waitpid(child, &wait_status, 0) < 0) {
    if (errno == EINTR) continue;
    std::cerr << "accord: error: lost the process reading " << file << ": " << std::strerror(errno)
              << "\n";
    return 1;
  }
  const int signal_number = WIFSIGNALED(wait_status) ? WTERMSIG(wait_status) : 0;
  if (!is_fault(signal_number)) std::cerr << child_errors << std::flush;
  if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
  if (is_stop_request(signal_number)) {
    std::signal(signal_number, SIG_DFL);
    std::raise(signal_number);
  }
  const char* name = ::sigabbrev_np(signal_number);
  const std::string signal_name = name != nullptr ? std::string("SIG") + name : "a signal";
  if (is_fault(signal_number) && looks_like_hdf5(file)) {
    std::cerr << "accord: error: " << file << ": the HDF5 library crashed reading the file ("
              << signal_name << "); it is damaged (libhdf5 1.10 fails on some damaged files, "
              << "so accord reads them in a separate process): check it with h5dump, or make "
                 "it again\n";
  } else if (is_fault(signal_number)) {
    std::cerr << "accord: error: accord crashed reading " << file << " (" << signal_name
              << "): a defect of accord; please report it with the file\n";
  } else {
    std::cerr << "accord: error: the process reading " << file << " was killed (" << signal_name
              << "): out of memory, or stopped by someone\n";
  }
  return 1;
}

}  // namespace accord::app
