# Fails when a translation falls behind the code: runs lupdate over the sources into a copy of
# the .ts file, then looks for messages that are new, unfinished or empty.
#   cmake -DLUPDATE=... -DTS=portico_ru.ts -DWORK=dir -DSOURCES="dir;dir" -P check-translations.cmake
get_filename_component(name "${TS}" NAME)
set(copy "${WORK}/${name}")
file(MAKE_DIRECTORY "${WORK}")
file(COPY_FILE "${TS}" "${copy}")
execute_process(COMMAND "${LUPDATE}" -no-obsolete -locations none -silent ${SOURCES} -ts "${copy}"
    RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "lupdate failed (${rc})")
endif()
file(READ "${copy}" content)
string(REGEX MATCHALL "<source>[^<]*</source>[^<]*<translation type=\"unfinished\"" missing "${content}")
list(LENGTH missing count)
if(count GREATER 0)
    foreach(item IN LISTS missing)
        string(REGEX REPLACE "<source>([^<]*)</source>.*" "\\1" text "${item}")
        message("untranslated: ${text}")
    endforeach()
    message(FATAL_ERROR "${name}: ${count} message(s) untranslated or not yet in the .ts file; "
        "run 'cmake --build --preset dev --target update_translations' and translate them")
endif()
message("${name}: complete")
