# cmake -DSENDER_SOURCE_DIR=<src> -DWORK_DIR=<dir> -P check.cmake
# Configure without the ReDoc tarball (no REDOC_TARBALL, an empty search folder): the configure
# succeeds and its message says what is missing, what happens instead, and how to get it.
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}/nowhere")
execute_process(
    COMMAND "${CMAKE_COMMAND}" -S "${CMAKE_CURRENT_LIST_DIR}" -B "${WORK_DIR}/build"
            "-DSENDER_SOURCE_DIR=${SENDER_SOURCE_DIR}" "-DREDOC_SEARCH_DIRS=${WORK_DIR}/nowhere"
    RESULT_VARIABLE result
    OUTPUT_VARIABLE output
    ERROR_VARIABLE output)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "configure without the tarball failed (${result}):\n${output}")
endif()
# CMake wraps warnings: compare with the line breaks and indentation folded into single spaces.
string(REGEX REPLACE "[ \n]+" " " flat "${output}")
foreach(expected "not found (looked in ${WORK_DIR}/nowhere)"
                 "Building without the ReDoc bundle"
                 "shows where the OpenAPI YAML is"
                 "run installer/setup.sh"
                 "redoc-probe: configured without the bundle")
    string(FIND "${flat}" "${expected}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "the configure output does not say '${expected}':\n${output}")
    endif()
endforeach()
message(STATUS "configure without the ReDoc tarball: clear message, configure goes on")
