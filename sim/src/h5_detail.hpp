#pragma once
// Private helpers of the HDF5 layer: type mapping and error reporting. Only the h5_*.cpp
// files include the HDF5 headers.
#include <hdf5.h>
#include <hdf5_hl.h>

#include <mutex>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "accord/sim/h5/dataset.hpp"
#include "accord/sim/h5/handle.hpp"

namespace accord::sim::h5::detail {

static_assert(std::is_same_v<hid_t, Id>, "accord::sim::h5::Id must be hid_t");
static_assert(sizeof(hsize_t) == sizeof(uint64_t));

hid_t memory_type(Type type);  // native type
hid_t file_type(Type type);    // little-endian standard type stored in files
size_t type_size(Type type);
// `value` as the bytes of one element of `type` (fill values).
void fill_bytes(Type type, double value, unsigned char* out);

// A variable-length string type with the given character set (UTF-8 by default).
Handle vlen_string_type(H5T_cset_t cset = H5T_CSET_UTF8);

// The innermost description on HDF5's error stack of this thread, as one line ("" if none). Must be
// called before any other HDF5 call, which would clear the stack.
std::string error_message();

// One line from an HDF5 error description: the operating system's error text when there is
// one ("No space left on device"), else the description with its line breaks removed.
std::string one_line_cause(std::string desc);

// Records that H5Fclose failed (see file_close_failed()).
void note_file_close_failed();

// Throws IoError "HDF5: <what> '<object>' in <file>: <error_message()>".
[[noreturn]] void throw_error(std::string_view what, std::string_view object,
                              std::string_view file);

// Transfer properties for string datasets of `elements` values. HDF5's default conversion
// buffer is 1 MiB, allocated zeroed (and faulted in) on every string read or write, even for
// one scalar: a run file's provenance YAML cost 2 MiB of memset each, inside the sweep's
// HDF5 lock. Strings convert through a buffer sized for the elements (HDF5 strip-mines larger
// transfers through it).
Handle string_transfer(size_t elements);

// Held around the high-level dimension-scale calls (H5DS*): a thread-safe libhdf5 serialises
// each call of its core API, not the sequences of core calls an H5DS function makes.
std::mutex& high_level_mutex();

// Held for the duration of a read through the library (h5_read_watchdog.cpp): a read that
// does not return within ACCORD_HDF5_READ_TIMEOUT seconds ends the process with one line.
class ReadGuard {
 public:
  explicit ReadGuard(std::string_view file);
  ~ReadGuard();
  ReadGuard(const ReadGuard&) = delete;
  ReadGuard& operator=(const ReadGuard&) = delete;
};

inline std::vector<hsize_t> to_hsize(const Dims& dims) {
  return std::vector<hsize_t>(dims.begin(), dims.end());
}

}  // namespace accord::sim::h5::detail
