#pragma once
// Ownership of one HDF5 identifier (file, group, dataset, dataspace, datatype, property
// list, attribute). Move-only; the destructor closes it. The HDF5 headers stay out of the
// public API: an identifier is an int64_t, as hid_t is in HDF5 1.10.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace accord::sim::h5 {

using Id = int64_t;                  // hid_t
using Dims = std::vector<uint64_t>;  // dataset shape, slowest dimension first

class Handle {
 public:
  Handle() = default;
  explicit Handle(Id id) : id_(id) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, -1)) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, -1);
    }
    return *this;
  }
  ~Handle() { reset(); }

  Id get() const { return id_; }
  bool valid() const { return id_ >= 0; }
  // Closes the identifier (if any); failures are ignored, as in a destructor.
  void reset() noexcept;
  // Closes the identifier and reports whether HDF5 accepted it.
  bool close() noexcept;
  // Gives up ownership without closing.
  Id release() noexcept { return std::exchange(id_, -1); }

 private:
  Id id_ = -1;
};

// Turns off HDF5's automatic printing of its error stack (errors become IoError instead).
// Idempotent; called by every File constructor.
void silence_error_stack();

// True once closing a file failed (a full disk, a write error). HDF5 1.10 then keeps a
// half-closed file that crashes its own clean-up at exit (SIGSEGV in H5F__close_cb), so the
// process must end without running the library's atexit handler (std::_Exit after flushing
// the standard streams; see app/main.cpp).
bool file_close_failed();

}  // namespace accord::sim::h5
