# size: `fwsize size` end to end on the bundled captures (short chains, so the area stays fast):
# exit 0 with sizing.csv of exactly the 16 columns and 3 quantities x N rows; the same seed gives a
# byte-identical sizing.csv with 1 and 2 threads; bad input (missing file, not a capture, a CSV
# without a column) is exit 2 naming the file and leaves no output directory; a truncated capture
# is a warning (issue 3) that reaches stderr and the report.
set(_sdata ${PROJECT_SOURCE_DIR}/examples/data)
set(_sdir ${CMAKE_CURRENT_BINARY_DIR}/size-runs)
set(_sfast --users 1,10,50,100 --chains 2 --warmup 150 --draws 150 --max-draws 60 --simulation-draws 30 --shock-draws 10)
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/check_sizing_csv.cmake [==[
# cmake -DFILE=sizing.csv -DUSERS=1,10,50,100 -P check_sizing_csv.cmake
string(REPLACE "," ";" USERS "${USERS}")
file(STRINGS ${FILE} lines)
list(LENGTH lines n)
list(GET lines 0 header)
set(expected "quantity,users,pooled_mean,pooled_p50,pooled_p95,pooled_p99,pooled_p999,p95_median,p95_lo,p95_hi,p99_median,p99_lo,p99_hi,peak_hour_median,peak_hour_lo,peak_hour_hi")
if(NOT header STREQUAL expected)
  message(FATAL_ERROR "sizing.csv header is\n  ${header}\nexpected\n  ${expected}")
endif()
list(LENGTH USERS nu)
math(EXPR want "3 * ${nu} + 1")
if(NOT n EQUAL want)
  message(FATAL_ERROR "sizing.csv has ${n} lines, expected ${want} (header + 3 quantities x ${nu} N)")
endif()
set(i 1)
foreach(q new_per_second log_lines_per_minute concurrent_sessions)
  foreach(u IN LISTS USERS)
    list(GET lines ${i} row)
    string(REPLACE "," ";" cells "${row}")
    list(LENGTH cells nc)
    if(NOT nc EQUAL 16)
      message(FATAL_ERROR "sizing.csv line ${i} has ${nc} cells: ${row}")
    endif()
    list(GET cells 0 rq)
    list(GET cells 1 ru)
    if(NOT rq STREQUAL q OR NOT ru STREQUAL u)
      message(FATAL_ERROR "sizing.csv line ${i} is ${rq},${ru}; expected ${q},${u}")
    endif()
    foreach(c RANGE 2 15)
      list(GET cells ${c} v)
      if(NOT v MATCHES "^[0-9]+(\\.[0-9]+)?(e[-+]?[0-9]+)?$")
        message(FATAL_ERROR "sizing.csv line ${i} column ${c} is not a non-negative number: '${v}'")
      endif()
    endforeach()
    math(EXPR i "${i} + 1")
  endforeach()
endforeach()
message(STATUS "sizing.csv ok: 16 columns, ${n} lines")
]==])

string(REPLACE ";" " " _sfast_sh "${_sfast}")
add_test(NAME "size: fwsize size on the bundled captures writes sizing.csv (16 columns, 3 quantities x N)"
         COMMAND sh -c "rm -rf \"$1\" && \"$0\" size \"$2\" \"$3\" --out \"$1\" --threads 2 ${_sfast_sh} && test -f \"$1/index.html\" && \"$4\" -DFILE=\"$1/sizing.csv\" -DUSERS=1,10,50,100 -P \"$5\""
                 $<TARGET_FILE:fwsize_cli> ${_sdir}/a ${_sdata}/vpn-vm.pcap ${_sdata}/http-browsing-2011.pcap
                 ${CMAKE_COMMAND} ${CMAKE_CURRENT_BINARY_DIR}/check_sizing_csv.cmake)
set_tests_properties("size: fwsize size on the bundled captures writes sizing.csv (16 columns, 3 quantities x N)" PROPERTIES
  LABELS "cli;predict" FIXTURES_SETUP size_run_a TIMEOUT 600
  PASS_REGULAR_EXPRESSION "replaying.*vpn-vm.*fitting.*predicting.*done in.*sizing.csv ok: 16 columns, 13 lines")

add_test(NAME "size: same seed, 1 thread vs 2 threads: byte-identical sizing.csv"
         COMMAND sh -c "rm -rf \"$1\" && \"$0\" size \"$2\" \"$3\" --out \"$1\" --threads 1 ${_sfast_sh} && cmp \"$1/sizing.csv\" \"$4/sizing.csv\" && echo identical"
                 $<TARGET_FILE:fwsize_cli> ${_sdir}/b ${_sdata}/vpn-vm.pcap ${_sdata}/http-browsing-2011.pcap ${_sdir}/a)
set_tests_properties("size: same seed, 1 thread vs 2 threads: byte-identical sizing.csv" PROPERTIES
  LABELS "cli;predict" FIXTURES_REQUIRED size_run_a TIMEOUT 600 PASS_REGULAR_EXPRESSION "identical")

add_test(NAME "size: a missing capture is exit 2 and leaves no output directory"
         COMMAND sh -c "rm -rf \"$1\"; \"$0\" size \"$2\" \"$3\" --out \"$1\"; rc=$?; echo rc=$rc; test $rc -eq 2 && test ! -e \"$1\" && echo no-dir"
                 $<TARGET_FILE:fwsize_cli> ${_sdir}/missing ${_sdata}/no-such-capture.pcap ${_sdata}/vpn-vm.pcap)
set_tests_properties("size: a missing capture is exit 2 and leaves no output directory" PROPERTIES
  LABELS cli PASS_REGULAR_EXPRESSION "no-such-capture.pcap: no such file.*rc=2.*no-dir")

# Not a capture: an unknown magic number is read as seed CSV, whose header then lacks its columns
# (io/capture_reader.hpp); either way exit 2 naming the file and line, and no output directory.
add_test(NAME "size: a file that is not a capture (bad magic) is exit 2 naming it, no output directory"
         COMMAND sh -c "rm -rf \"$1\" && mkdir -p \"$2\" && { printf '\\336\\255\\276\\357'; head -c 100 /dev/zero; } > \"$2/badmagic.pcap\"; \"$0\" size \"$2/badmagic.pcap\" --out \"$1\"; rc=$?; echo rc=$rc; test $rc -eq 2 && test ! -e \"$1\" && echo no-dir"
                 $<TARGET_FILE:fwsize_cli> ${_sdir}/badmagic ${_sdir}/in)
set_tests_properties("size: a file that is not a capture (bad magic) is exit 2 naming it, no output directory" PROPERTIES
  LABELS cli PASS_REGULAR_EXPRESSION "badmagic.pcap:1: missing column.*rc=2.*no-dir")

add_test(NAME "size: a seed CSV without the tcp_completeness column is exit 2 naming it, no output directory"
         COMMAND sh -c "rm -rf \"$1\" && mkdir -p \"$2\" && printf 'id,timestamp,protocol,ip_version,src_ip,dst_ip,src_port,dst_port,tcp_time_relative\\n1,0.5,TCP,4,10.0.0.1,10.0.0.2,1000,80,0\\n' > \"$2/nocol.csv\"; \"$0\" size \"$2/nocol.csv\" \"$3\" --out \"$1\"; rc=$?; echo rc=$rc; test $rc -eq 2 && test ! -e \"$1\" && echo no-dir"
                 $<TARGET_FILE:fwsize_cli> ${_sdir}/nocol ${_sdir}/in ${_sdata}/vpn-vm.pcap)
set_tests_properties("size: a seed CSV without the tcp_completeness column is exit 2 naming it, no output directory" PROPERTIES
  LABELS cli PASS_REGULAR_EXPRESSION "nocol.csv:1: missing column 'tcp_completeness'.*rc=2.*no-dir")

# A capture cut off in the middle of a packet record (issue 3): every complete packet is kept and
# the cut is a warning naming the byte offset — on stderr and among the report's warnings — not an
# error. One machine, two office sizes: the shortest run that goes end to end.
add_test(NAME "size: a truncated capture is sized, its byte-offset warning on stderr and in the report"
         COMMAND sh -c "rm -rf \"$1\" && mkdir -p \"$2\" && head -c 1000003 \"$3\" > \"$2/cut.pcap\" && \"$0\" size \"$2/cut.pcap\" --out \"$1\" --threads 2 --users 1,10 --chains 2 --warmup 150 --draws 150 --max-draws 60 --simulation-draws 20 --shock-draws 10 && grep -c 'cut.pcap: byte 999543: last record cut short' \"$1/sizing.json\" \"$1/index.html\""
                 $<TARGET_FILE:fwsize_cli> ${_sdir}/truncated ${_sdir}/in ${_sdata}/vpn-vm.pcap)
set_tests_properties("size: a truncated capture is sized, its byte-offset warning on stderr and in the report" PROPERTIES
  LABELS "cli;predict" TIMEOUT 300
  PASS_REGULAR_EXPRESSION "warning: [^\n]*cut.pcap: byte 999543: last record cut short.*sizing.json:[1-9].*index.html:[1-9]")

# Lower bounds ("at least": a quantile beyond a PMF window, a cut draw) are marked the same way in
# every format that can show them: sizing.json's at_least, "≥ " in sizing.md, the note under the
# table in index.html; none of them when nothing is a lower bound. sizing.csv keeps plain numbers.
add_test(NAME "size: lower bounds are marked alike in sizing.json, sizing.md and index.html"
         COMMAND sh -c "j=$(grep -c '\"at_least\"' \"$0/sizing.json\"); m=$(grep -c '≥ ' \"$0/sizing.md\"); h=$(grep -c 'means at least x' \"$0/index.html\"); echo json=$j md=$m html=$h; if [ $j -gt 0 ]; then [ $m -gt 0 ] && [ $h -eq 1 ]; else [ $m -eq 0 ] && [ $h -eq 0 ]; fi && echo consistent"
                 ${_sdir}/a)
set_tests_properties("size: lower bounds are marked alike in sizing.json, sizing.md and index.html" PROPERTIES
  LABELS "cli;predict" FIXTURES_REQUIRED size_run_a PASS_REGULAR_EXPRESSION "consistent")
