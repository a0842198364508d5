# Every dependency comes from a Debian package (scripts/install-deps.sh installs them).
find_package(Eigen3 3.4 REQUIRED NO_MODULE)
find_package(yaml-cpp REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(HDF5 REQUIRED COMPONENTS C HL)
find_package(nlohmann_json 3 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(Threads REQUIRED)
find_package(OpenSSL REQUIRED COMPONENTS Crypto)  # SHA-256 of the resolved scenario
find_package(date REQUIRED)  # IANA time zones (date/tz on the system tzdata)

# Random123 is header-only and ships no CMake config.
find_path(RANDOM123_INCLUDE_DIR Random123/philox.h REQUIRED)
add_library(accord_random123 INTERFACE)
target_include_directories(accord_random123 SYSTEM INTERFACE ${RANDOM123_INCLUDE_DIR})

add_library(accord_hdf5 INTERFACE)
target_include_directories(accord_hdf5 SYSTEM INTERFACE ${HDF5_INCLUDE_DIRS})
target_link_libraries(accord_hdf5 INTERFACE ${HDF5_C_LIBRARIES} ${HDF5_HL_LIBRARIES})
target_compile_definitions(accord_hdf5 INTERFACE ${HDF5_DEFINITIONS})

# GLPK (linear programs: nucleolus, least core); header + library, no CMake config shipped.
find_path(GLPK_INCLUDE_DIR glpk.h REQUIRED)
find_library(GLPK_LIBRARY glpk REQUIRED)
add_library(accord_glpk INTERFACE)
target_include_directories(accord_glpk SYSTEM INTERFACE ${GLPK_INCLUDE_DIR})
target_link_libraries(accord_glpk INTERFACE ${GLPK_LIBRARY})

# libdeflate (zlib-format chunks for HDF5's deflate filter, compressed off the HDF5 lock and
# in parallel: sim/h5/chunk_encoder); header + library, no CMake config shipped.
find_path(LIBDEFLATE_INCLUDE_DIR libdeflate.h REQUIRED)
find_library(LIBDEFLATE_LIBRARY deflate REQUIRED)
add_library(accord_libdeflate INTERFACE)
target_include_directories(accord_libdeflate SYSTEM INTERFACE ${LIBDEFLATE_INCLUDE_DIR})
target_link_libraries(accord_libdeflate INTERFACE ${LIBDEFLATE_LIBRARY})
