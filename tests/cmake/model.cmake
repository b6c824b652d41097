# model extras: `fwsize fit` with its defaults must meet every convergence criterion for all five
# arrival series and both holding-time models, on the two bundled captures (K = 2: the hard case
# for the machine level, refit at adapt_delta 0.99 allowed) and on the four shared workstation
# captures (K = 4); bad tables are input errors (exit 2).
set(_fit_all_pass
    "PASS.*holding time tcp \\([0-9]+ sessions.*PASS.*holding time udp \\([0-9]+ sessions.*PASS.*rc=0")
add_test(NAME "model: fwsize fit, defaults, 2 bundled captures: every series and holding time PASS"
         COMMAND sh -c "\"$0\" fit \"$@\"; rc=$?; echo rc=$rc; test $rc -eq 0" $<TARGET_FILE:fwsize_cli>
                 ${PROJECT_SOURCE_DIR}/examples/data/http-browsing-2011.pcap ${PROJECT_SOURCE_DIR}/examples/data/vpn-vm.pcap
                 --threads 2 --out ${CMAKE_CURRENT_BINARY_DIR}/fit-bundled)
set_tests_properties("model: fwsize fit, defaults, 2 bundled captures: every series and holding time PASS" PROPERTIES
  LABELS model
  PASS_REGULAR_EXPRESSION "tcp_new \\(2 machines.*PASS.*udp_new \\(1 machines.*PASS.*tcp_end \\(2 machines.*PASS.*udp_end \\(1 machines.*PASS.*new \\(1 machines.*${_fit_all_pass}")
set(_ws ${FWSIZE_SHARED_DIR}/data/workstations)
if(EXISTS ${_ws}/vpn-vm.pcap)
  add_test(NAME "model: fwsize fit, defaults, 4 shared workstations: every series PASS"
           COMMAND sh -c "\"$0\" fit \"$@\"; rc=$?; echo rc=$rc; test $rc -eq 0" $<TARGET_FILE:fwsize_cli>
                   ${_ws}/http-browsing-2011.pcap ${_ws}/vpn-vm.pcap ${_ws}/wechat-66min.pcap
                   ${_ws}/win11-browsing.pcapng --threads 2 --out ${CMAKE_CURRENT_BINARY_DIR}/fit-workstations)
  set_tests_properties("model: fwsize fit, defaults, 4 shared workstations: every series PASS" PROPERTIES
    LABELS model
    PASS_REGULAR_EXPRESSION "tcp_new \\(4 machines.*PASS.*udp_new \\(3 machines.*PASS.*tcp_end \\(4 machines.*PASS.*udp_end \\(3 machines.*PASS.*new \\(3 machines.*${_fit_all_pass}")
else()
  message(STATUS "model: ${_ws} absent: the shared-capture fit test is SKIPPED (not registered)")
endif()
add_test(NAME "model: fwsize fit of a broken per-second table is an input error (exit 2)"
         COMMAND sh -c "\"$0\" fit \"$@\"; rc=$?; echo rc=$rc; test $rc -eq 2" $<TARGET_FILE:fwsize_cli>
                 ${PROJECT_SOURCE_DIR}/tests/data/model/bad_cps.csv --out ${CMAKE_CURRENT_BINARY_DIR}/fit-bad)
set_tests_properties("model: fwsize fit of a broken per-second table is an input error (exit 2)" PROPERTIES
  LABELS model PASS_REGULAR_EXPRESSION "bad_cps.csv:3: expected a non-negative integer count, got 'x'.*rc=2")
