# Packaging: install into a prefix inside the build tree, then build two consumers against it.
set(stage ${PROJECT_BINARY_DIR}/stage)
add_test(NAME "package: install into a staging prefix"
         COMMAND ${CMAKE_COMMAND} --install ${PROJECT_BINARY_DIR} --prefix ${stage})
set_tests_properties("package: install into a staging prefix" PROPERTIES FIXTURES_SETUP fwsize_stage)

add_test(NAME "package: find_package consumer"
  COMMAND ${CMAKE_CTEST_COMMAND} --build-and-test
    ${PROJECT_SOURCE_DIR}/tests/consumer/find_package ${PROJECT_BINARY_DIR}/consumer_find_package
    --build-generator ${CMAKE_GENERATOR}
    --build-options -DCMAKE_PREFIX_PATH=${stage} -DCMAKE_BUILD_TYPE=Release
    --test-command consumer)
set_tests_properties("package: find_package consumer" PROPERTIES
  FIXTURES_REQUIRED fwsize_stage PASS_REGULAR_EXPRESSION "consumer ok: 2001:db8::1")

add_test(NAME "package: add_subdirectory consumer"
  COMMAND ${CMAKE_CTEST_COMMAND} --build-and-test
    ${PROJECT_SOURCE_DIR}/tests/consumer/add_subdirectory ${PROJECT_BINARY_DIR}/consumer_add_subdirectory
    --build-generator ${CMAKE_GENERATOR}
    --build-options -DFWSIZE_SOURCE_DIR=${PROJECT_SOURCE_DIR} -DCMAKE_BUILD_TYPE=Release
    --test-command consumer)
set_tests_properties("package: add_subdirectory consumer" PROPERTIES
  PASS_REGULAR_EXPRESSION "consumer ok: 2001:db8::1")

# Conan cannot be installed here: check that the recipe and its test_package at least parse, and that the
# recipe declares what conan-center's header-only template requires.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  add_test(NAME "package: conan recipe is well-formed"
    COMMAND ${Python3_EXECUTABLE} -c
      "import ast,sys; src=open(sys.argv[1]).read(); ast.parse(src); ast.parse(open(sys.argv[2]).read()); [sys.exit('missing '+k) for k in ('package_type = \"header-library\"','self.info.clear()','check_min_cppstd(self, 20)','cmake_target_name\", \"fwsize::fwsize\"') if k not in src]; print('conan recipe ok')"
      ${PROJECT_SOURCE_DIR}/conanfile.py ${PROJECT_SOURCE_DIR}/test_package/conanfile.py)
  set_tests_properties("package: conan recipe is well-formed" PROPERTIES PASS_REGULAR_EXPRESSION "conan recipe ok")
endif()
