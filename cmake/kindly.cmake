# Helpers so that every layer is declared the same way.
include(GoogleTest)

# kindly_library(NAME SOURCES a.cpp b.cpp DEPS other libs)
function(kindly_library name)
  cmake_parse_arguments(K "" "" "SOURCES;DEPS" ${ARGN})
  add_library(kindly_${name} STATIC ${K_SOURCES})
  target_include_directories(kindly_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(kindly_${name} PUBLIC ${K_DEPS})
  target_compile_options(kindly_${name} PRIVATE ${KINDLY_WARNINGS})
endfunction()

# kindly_test(NAME SOURCES a_test.cpp DEPS kindly_core): one gtest binary per layer.
function(kindly_test name)
  cmake_parse_arguments(K "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${K_SOURCES})
  target_link_libraries(${name} PRIVATE ${K_DEPS} GTest::gtest GTest::gtest_main)
  target_compile_options(${name} PRIVATE ${KINDLY_WARNINGS})
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST
    PROPERTIES ENVIRONMENT "KINDLY_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
endfunction()
