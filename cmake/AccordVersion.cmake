# Version and git SHA baked into the binary for provenance (recorded in every output file).
execute_process(COMMAND git rev-parse --short=12 HEAD
  WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}
  OUTPUT_VARIABLE ACCORD_GIT_SHA OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT ACCORD_GIT_SHA)
  set(ACCORD_GIT_SHA "unknown")
endif()
