#include "accord/sim/h5/handle.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>

#include "accord/sim/error.hpp"
#include "accord/sim/h5/library.hpp"
#include "h5_detail.hpp"

namespace accord::sim::h5 {

bool Handle::close() noexcept {
  if (id_ < 0) return true;
  const hid_t id = std::exchange(id_, -1);
  herr_t status = -1;
  switch (H5Iget_type(id)) {
    case H5I_FILE:
      status = H5Fclose(id);
      if (status < 0) detail::note_file_close_failed();
      break;
    case H5I_GROUP:
      status = H5Gclose(id);
      break;
    case H5I_DATASET:
      status = H5Dclose(id);
      break;
    case H5I_DATASPACE:
      status = H5Sclose(id);
      break;
    case H5I_DATATYPE:
      status = H5Tclose(id);
      break;
    case H5I_ATTR:
      status = H5Aclose(id);
      break;
    case H5I_GENPROP_LST:
      status = H5Pclose(id);
      break;
    case H5I_BADID:
      status = -1;
      break;  // already closed with its file (strong close)
    default:
      status = H5Idec_ref(id) < 0 ? -1 : 0;
      break;
  }
  return status >= 0;
}

void Handle::reset() noexcept {
  static_cast<void>(close());
}

void silence_error_stack() {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  // Once per process: HDF5's free lists keep what they free for reuse, without the default
  // caps. The metadata cache of every file HDF5 opens is a block of about 1 MiB; under the
  // default caps it went back to the system on close and was faulted in again (and zeroed)
  // for the next file, a third of a sweep run's time inside the HDF5 lock at detail summary.
  static const bool unlimited = H5set_free_list_limits(-1, -1, -1, -1, -1, -1) >= 0;
  static_cast<void>(unlimited);
}

namespace {
std::atomic<bool> close_failed{false};
}  // namespace

bool file_close_failed() {
  return close_failed.load();
}

bool library_threadsafe() {
  static const bool threadsafe = [] {
    hbool_t yes = 0;
    return H5is_library_threadsafe(&yes) >= 0 && yes != 0;
  }();
  return threadsafe;
}

namespace detail {
void note_file_close_failed() {
  close_failed.store(true);
}

std::mutex& high_level_mutex() {
  static std::mutex m;
  return m;
}

}  // namespace detail

namespace detail {

hid_t memory_type(Type type) {
  switch (type) {
    case Type::kFloat64:
      return H5T_NATIVE_DOUBLE;
    case Type::kFloat32:
      return H5T_NATIVE_FLOAT;
    case Type::kInt64:
      return H5T_NATIVE_INT64;
    case Type::kInt32:
      return H5T_NATIVE_INT32;
    case Type::kUint8:
      return H5T_NATIVE_UINT8;
  }
  return H5T_NATIVE_DOUBLE;
}

hid_t file_type(Type type) {
  switch (type) {
    case Type::kFloat64:
      return H5T_IEEE_F64LE;
    case Type::kFloat32:
      return H5T_IEEE_F32LE;
    case Type::kInt64:
      return H5T_STD_I64LE;
    case Type::kInt32:
      return H5T_STD_I32LE;
    case Type::kUint8:
      return H5T_STD_U8LE;
  }
  return H5T_IEEE_F64LE;
}

size_t type_size(Type type) {
  switch (type) {
    case Type::kFloat64:
      return 8;
    case Type::kFloat32:
      return 4;
    case Type::kInt64:
      return 8;
    case Type::kInt32:
      return 4;
    case Type::kUint8:
      return 1;
  }
  return 8;
}

Handle string_transfer(size_t elements) {
  // Up to 16 bytes per element on either side of the conversion (a file's vlen reference).
  constexpr size_t kMaxBytes = 1 << 20;
  const size_t bytes = std::clamp<size_t>(elements * 16, 64, kMaxBytes);
  Handle plist(H5Pcreate(H5P_DATASET_XFER));
  if (plist.valid() && H5Pset_buffer(plist.get(), bytes, nullptr, nullptr) < 0) plist.reset();
  return plist;
}

Handle vlen_string_type(H5T_cset_t cset) {
  Handle type(H5Tcopy(H5T_C_S1));
  if (!type.valid() || H5Tset_size(type.get(), H5T_VARIABLE) < 0 ||
      H5Tset_cset(type.get(), cset) < 0) {
    throw_error("cannot make a string type for", "", "");
  }
  return type;
}

namespace {
herr_t innermost(unsigned n, const H5E_error2_t* error, void* data) {
  if (n == 0 && error != nullptr && error->desc != nullptr) {
    *static_cast<std::string*>(data) = error->desc;
  }
  return 0;
}
}  // namespace

// HDF5's descriptions can span lines (the POSIX driver's "file write failed: time = ...\n,
// filename = ..., errno = 28, error message = 'No space left on device', ..."): the cause
// of an operating-system failure is its error text; anything else becomes one line.
std::string one_line_cause(std::string desc) {
  const std::string key = "error message = '";
  if (const auto at = desc.find(key); at != std::string::npos) {
    const auto begin = at + key.size();
    const auto end = desc.find('\'', begin);
    if (end != std::string::npos) return desc.substr(begin, end - begin);
  }
  std::string out;
  bool space = false;
  for (const char c : desc) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string error_message() {
  std::string message;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, innermost, &message);
  return one_line_cause(std::move(message));
}

void throw_error(std::string_view what, std::string_view object, std::string_view file) {
  const std::string cause = error_message();
  std::string message = fmt::format("HDF5: {}", what);
  if (!object.empty()) message += fmt::format(" '{}'", object);
  if (!file.empty()) message += fmt::format(" in {}", file);
  if (!cause.empty()) message += ": " + cause;
  throw IoError(message);
}

}  // namespace detail
}  // namespace accord::sim::h5
