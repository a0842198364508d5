# `accord report` end to end: pages generated from the fixtures in tests/report/data and
# from real runs, opened in headless Debian Chromium (every chart drawn, no error, no
# network request), and the Python example figures. Chromium missing makes the test FAIL.
find_program(ACCORD_REPORT_PYTHON NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT ACCORD_REPORT_PYTHON)
  set(ACCORD_REPORT_PYTHON python3)
endif()
add_test(NAME "report: pages render in headless Chromium"
  COMMAND ${ACCORD_REPORT_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/report/check_reports.py
          --accord $<TARGET_FILE:accord> --source ${PROJECT_SOURCE_DIR}
          --work ${CMAKE_CURRENT_BINARY_DIR}/report-pages)
set_tests_properties("report: pages render in headless Chromium" PROPERTIES TIMEOUT 600)
add_test(NAME "report: Python example figures on a real run"
  COMMAND ${ACCORD_REPORT_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/report/check_example_figures.py
          $<TARGET_FILE:accord> ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/report-figures)
