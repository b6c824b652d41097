# mcmc extras: `fwsize summary` exit statuses on CmdStan's files (pass), on a centred eight-schools
# run that diverges (fail = 1), and on unreadable input (2).
set(_mcmc_data ${PROJECT_SOURCE_DIR}/tests/data/mcmc)
set(_bern ${FWSIZE_SHARED_DIR}/reference/diagnostics)
if(EXISTS ${_bern}/bern1.csv)
  add_test(NAME "mcmc: fwsize summary of CmdStan's bern1..4 passes (exit 0)"
           COMMAND fwsize_cli summary ${_bern}/bern1.csv ${_bern}/bern2.csv ${_bern}/bern3.csv ${_bern}/bern4.csv)
  set_tests_properties("mcmc: fwsize summary of CmdStan's bern1..4 passes (exit 0)" PROPERTIES
    LABELS mcmc PASS_REGULAR_EXPRESSION "theta +0\\.25 .* 1408 +1292 +1\\.007.*Verdict: PASS")
else()
  message(STATUS "mcmc: ${_bern} absent: the bern summary CLI test is not registered")
endif()
add_test(NAME "mcmc: fwsize summary of a diverging run fails (exit 1)"
         COMMAND sh -c "\"$0\" summary \"$@\"; rc=$?; echo rc=$rc; test $rc -eq 1" $<TARGET_FILE:fwsize_cli>
                 ${_mcmc_data}/eight_schools_centered_1.csv ${_mcmc_data}/eight_schools_centered_2.csv)
set_tests_properties("mcmc: fwsize summary of a diverging run fails (exit 1)" PROPERTIES
  LABELS mcmc PASS_REGULAR_EXPRESSION "Verdict: FAIL.*divergent transitions.*rc=1")
add_test(NAME "mcmc: fwsize summary of a broken CSV is an input error (exit 2)"
         COMMAND sh -c "\"$0\" summary \"$@\"; rc=$?; echo rc=$rc; test $rc -eq 2" $<TARGET_FILE:fwsize_cli>
                 ${PROJECT_SOURCE_DIR}/tests/r/read_stan_csv.R)
set_tests_properties("mcmc: fwsize summary of a broken CSV is an input error (exit 2)" PROPERTIES
  LABELS mcmc PASS_REGULAR_EXPRESSION "read_stan_csv.R:[0-9]+: .*rc=2")
