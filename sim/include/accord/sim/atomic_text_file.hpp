#pragma once
// Writes a whole text file so that its path never holds a partial file (as the HDF5 writer
// does, accord/sim/h5/atomic_file.hpp): `<path>.tmp-<pid>` in the same folder, written,
// closed and renamed onto `path` (replacing a regular file there). The path is checked
// first (accord/sim/output_path.hpp), and the temporary is removed on any failure and on
// SIGINT/SIGTERM (accord/sim/temp_files.hpp).
#include <filesystem>
#include <string_view>

namespace accord::sim {

// Throws IoError "PATH: cannot ... (reason)" when the folder is missing or a write fails,
// OutputPathError when the path may not be replaced.
void write_text_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace accord::sim
