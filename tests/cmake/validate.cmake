# validate extras: `fwsize validate` on the two bundled captures (short chains) writes validate.json
# with exactly the schema of issue 6 (checked by parsing it with CMake's string(JSON)); bad input
# is exit 2. The full run on the shared captures is a recorded measurement (docs/validation.md).
set(_vdata ${PROJECT_SOURCE_DIR}/examples/data)
set(_vout ${CMAKE_CURRENT_BINARY_DIR}/validate-bundled)
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/check_validate_json.cmake [==[
# cmake -DFILE=validate.json -P check_validate_json.cmake: exact keys, types and ranges.
file(READ ${FILE} j)
string(JSON top LENGTH "${j}")
if(NOT top EQUAL 2)
  message(FATAL_ERROR "validate.json: expected 2 top-level members, got ${top}")
endif()
foreach(section leave_one_out superposition)
  string(JSON type TYPE "${j}" ${section})
  if(NOT type STREQUAL "ARRAY")
    message(FATAL_ERROR "validate.json: ${section} is ${type}, expected an array")
  endif()
  string(JSON n LENGTH "${j}" ${section})
  if(n EQUAL 0)
    message(FATAL_ERROR "validate.json: ${section} is empty")
  endif()
  if(section STREQUAL "leave_one_out")
    set(keys machine series coverage50 coverage90 pit_ks_p)
    set(types STRING STRING NUMBER NUMBER NUMBER)
  else()
    set(keys users series coverage50 coverage90 pit_ks_p)
    set(types NUMBER STRING NUMBER NUMBER NUMBER)
  endif()
  math(EXPR last "${n} - 1")
  foreach(i RANGE ${last})
    string(JSON m LENGTH "${j}" ${section} ${i})
    if(NOT m EQUAL 5)
      message(FATAL_ERROR "validate.json: ${section}[${i}] has ${m} members, expected 5")
    endif()
    foreach(k IN ZIP_LISTS keys types)
      string(JSON t TYPE "${j}" ${section} ${i} ${k_0})
      if(NOT t STREQUAL k_1)
        message(FATAL_ERROR "validate.json: ${section}[${i}].${k_0} is ${t}, expected ${k_1}")
      endif()
      if(k_0 MATCHES "^(coverage|pit)")
        string(JSON v GET "${j}" ${section} ${i} ${k_0})
        if(v LESS 0 OR v GREATER 1)
          message(FATAL_ERROR "validate.json: ${section}[${i}].${k_0} = ${v} outside [0, 1]")
        endif()
      endif()
    endforeach()
  endforeach()
  message(STATUS "${section}: ${n} entries")
endforeach()
string(JSON users GET "${j}" superposition 0 users)
message(STATUS "validate.json ok (first superposition: ${users} users)")
]==])
add_test(NAME "validate: fwsize validate on the bundled captures writes validate.json with the exact schema"
         COMMAND sh -c "rm -rf \"$1\" && \"$0\" validate \"$2\" \"$3\" --out \"$1\" --chains 2 --warmup 200 --draws 200 --predictive-draws 100 --threads 2 && \"$4\" -DFILE=\"$1/validate.json\" -P \"$5\""
                 $<TARGET_FILE:fwsize_cli> ${_vout} ${_vdata}/vpn-vm.pcap ${_vdata}/http-browsing-2011.pcap
                 ${CMAKE_COMMAND} ${CMAKE_CURRENT_BINARY_DIR}/check_validate_json.cmake)
set_tests_properties("validate: fwsize validate on the bundled captures writes validate.json with the exact schema" PROPERTIES
  LABELS "predict;cli" PASS_REGULAR_EXPRESSION "Leave one out.*vpn-vm +tcp_new +9 .*Superposition.*leave_one_out: [0-9]+ entries.*validate.json ok \\(first superposition: 2 users\\)")
add_test(NAME "validate: fwsize validate of a missing capture is an input error (exit 2)"
         COMMAND sh -c "\"$0\" validate \"$@\"; rc=$?; echo rc=$rc; test $rc -eq 2" $<TARGET_FILE:fwsize_cli>
                 ${_vdata}/no-such-capture.pcap ${_vdata}/vpn-vm.pcap --json ${CMAKE_CURRENT_BINARY_DIR}/validate-missing.json)
set_tests_properties("validate: fwsize validate of a missing capture is an input error (exit 2)" PROPERTIES
  LABELS "predict;cli" PASS_REGULAR_EXPRESSION "no-such-capture.pcap: no such file.*rc=2")
add_test(NAME "validate: fwsize validate of one machine has nothing to hold out (exit 2)"
         COMMAND sh -c "\"$0\" validate \"$@\"; rc=$?; echo rc=$rc; test $rc -eq 2" $<TARGET_FILE:fwsize_cli>
                 ${_vdata}/vpn-vm.pcap --json ${CMAKE_CURRENT_BINARY_DIR}/validate-one.json --chains 1 --warmup 10 --draws 10)
set_tests_properties("validate: fwsize validate of one machine has nothing to hold out (exit 2)" PROPERTIES
  LABELS "predict;cli" PASS_REGULAR_EXPRESSION "nothing to validate.*rc=2")
# The checker itself must reject a near miss (an extra member), or the schema test proves nothing.
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/validate-near-miss.json
  [==[{"leave_one_out": [{"machine": "a", "series": "new", "coverage50": 0.5, "coverage90": 0.9, "pit_ks_p": 0.3, "minutes": 9}],
  "superposition": [{"users": 2, "series": "new", "coverage50": 0.5, "coverage90": 0.9, "pit_ks_p": 0.3}]}]==])
add_test(NAME "validate: the validate.json checker rejects an extra member"
         COMMAND ${CMAKE_COMMAND} -DFILE=${CMAKE_CURRENT_BINARY_DIR}/validate-near-miss.json
                 -P ${CMAKE_CURRENT_BINARY_DIR}/check_validate_json.cmake)
set_tests_properties("validate: the validate.json checker rejects an extra member" PROPERTIES
  LABELS predict PASS_REGULAR_EXPRESSION "leave_one_out\\[0\\] has 6 members, expected 5")
