# ASan + UBSan for the whole build when ACCORD_SANITIZE is on (CI runs all tests this way).
if(ACCORD_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
