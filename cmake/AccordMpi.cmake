# Optional MPI backend of `accord sweep` (runs spread over the ranks of `mpirun -n K`).
# ACCORD_WITH_MPI: AUTO (default: built when an MPI C library is found), ON (required) or OFF.
# Only the C API is used, so any MPI (Open MPI, MPICH) will do; Debian: libopenmpi-dev.
set(ACCORD_WITH_MPI AUTO CACHE STRING "Build the MPI sweep backend: AUTO, ON or OFF")
set_property(CACHE ACCORD_WITH_MPI PROPERTY STRINGS AUTO ON OFF)

set(ACCORD_MPI_ENABLED OFF)
if(ACCORD_WITH_MPI STREQUAL "ON")
  find_package(MPI REQUIRED COMPONENTS C)
  set(ACCORD_MPI_ENABLED ON)
elseif(ACCORD_WITH_MPI STREQUAL "AUTO")
  find_package(MPI QUIET COMPONENTS C)
  if(MPI_C_FOUND)
    set(ACCORD_MPI_ENABLED ON)
  endif()
elseif(NOT ACCORD_WITH_MPI STREQUAL "OFF")
  message(FATAL_ERROR "ACCORD_WITH_MPI must be AUTO, ON or OFF (got '${ACCORD_WITH_MPI}')")
endif()

if(ACCORD_MPI_ENABLED)
  # The launcher the MPI tests use (mpirun/mpiexec next to the library found).
  message(STATUS "accord: MPI sweep backend ON (MPI ${MPI_C_VERSION}, ${MPIEXEC_EXECUTABLE})")
else()
  message(STATUS "accord: MPI sweep backend OFF (ACCORD_WITH_MPI=${ACCORD_WITH_MPI})")
endif()
