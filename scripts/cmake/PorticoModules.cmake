# Module boundaries enforced by the build.
#
# Linking decides what a library may call; these poison headers decide what it may include.
# Every public header of a Qt module includes that module's "<QtX/qtxglobal.h>" with angle
# brackets, so a directory placed first on a target's include path that holds a file of that name
# containing #error turns any include of the module, in any spelling, into a compile error.
#
#   portico_forbid_qt_modules(<target> <Module>...)   e.g. Gui Widgets Network Sql

function(portico_forbid_qt_modules target)
    set(dir "${CMAKE_BINARY_DIR}/forbid/${target}")
    foreach(module IN LISTS ARGN)
        string(TOLOWER "${module}" lower)
        file(WRITE "${dir}/Qt${module}/qt${lower}global.h"
            "#error \"${target} must not use Qt ${module}: see docs/ARCHITECTURE.md (module map)\"\n")
    endforeach()
    target_include_directories(${target} BEFORE PRIVATE "${dir}")
endfunction()

# portico_add_boundary_probe(<name> <target> <source>): an object library, excluded from the
# default build, compiled with <target>'s include path and usage requirements. The test
# "<name>" builds it and passes only when the build fails, proving the boundary holds.
function(portico_add_boundary_probe name target source)
    add_library(${name} OBJECT EXCLUDE_FROM_ALL "${source}")
    target_link_libraries(${name} PRIVATE ${target})
    get_target_property(dirs ${target} INCLUDE_DIRECTORIES)
    target_include_directories(${name} BEFORE PRIVATE ${dirs})
    set_target_properties(${name} PROPERTIES AUTOMOC OFF)
    if(PORTICO_BUILD_TESTS)
        add_test(NAME ${name}
            COMMAND ${CMAKE_COMMAND} --build ${CMAKE_BINARY_DIR} --target ${name})
        set_tests_properties(${name} PROPERTIES LABELS "build"
            PASS_REGULAR_EXPRESSION "must not use Qt [A-Za-z]+|fatal error: Q[A-Za-z/]+: No such file"
            FAIL_REGULAR_EXPRESSION "Linking|Built target")
    endif()
endfunction()
