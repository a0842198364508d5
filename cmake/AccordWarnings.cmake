# Per-target warnings (applied by accord_set_warnings), errors when ACCORD_WERROR is on.
function(accord_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
    -Wconversion -Wno-sign-conversion -Wnon-virtual-dtor -Wold-style-cast
    -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough
    # g++ 12 reports false -Wrestrict positives inside std::string at -O3 (GCC PR 105329).
    -Wno-restrict)
  if(ACCORD_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
