#pragma once
// Writes a whole text file so that its path never holds a partial file (the project's habit,
// see accord/sim/h5/atomic_file.hpp): `<path>.tmp-<pid>` in the same folder, flushed,
// closed and renamed onto `path` (replacing any file there).
#include <filesystem>
#include <string_view>

namespace accord::report {

// Throws IoError (path, reason) when the folder is missing or the write fails; the
// temporary file is removed then.
void write_text_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace accord::report
