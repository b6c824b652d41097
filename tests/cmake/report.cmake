# report: the sample report writer and the headless-Chromium check that index.html opens without
# console errors and every plot loads (skips loudly, exit 77, when chromium is absent).
add_executable(report_write_sample ${CMAKE_CURRENT_SOURCE_DIR}/runtime/report/write_sample.cpp)
target_link_libraries(report_write_sample PRIVATE fwsize::fwsize fwsize_warnings)

add_test(NAME "report: index.html opens in headless chromium without console errors"
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/runtime/report/chromium_check.sh
                 $<TARGET_FILE:report_write_sample> ${CMAKE_CURRENT_BINARY_DIR}/report-chromium)
set_tests_properties("report: index.html opens in headless chromium without console errors"
                     PROPERTIES LABELS report SKIP_RETURN_CODE 77 TIMEOUT 120)
