# ReDoc renders the OpenAPI document at /docs/spec for browsers. The page must work offline (no CDN),
# so the standalone bundle is embedded in the program. It is not committed, and configure never
# downloads it: installer/setup.sh fetches the npm package with npm's own client
# (`npm pack redoc@<version>`, honouring the user's npm configuration) into .deps/ of the checkout.
# Here it is checked against the sha512 the npm registry publishes, and only the bundle and its
# licence texts are unpacked into the build tree.
#
#   set(REDOC_DIR <dir>)   # optional; default: ${CMAKE_CURRENT_BINARY_DIR}/vendor/redoc
#   include(Redoc)
#
# Where the tarball is looked for, first found wins: -DREDOC_TARBALL=<file>; then
# redoc-<version>.tgz in REDOC_SEARCH_DIRS (default: <source>/.deps, then the per-user cache
# $XDG_CACHE_HOME/luna-sender or ~/.cache/luna-sender).
#
# With the tarball, puts into REDOC_DIR:
#   redoc.standalone.js              the bundle (React, styled-components and the worker inlined)
#   redoc.standalone.js.LICENSE.txt  licences of what the bundle contains
#   redoc.LICENSE.txt                ReDoc's own licence (MIT)
# and sets REDOC_FOUND TRUE, REDOC_STANDALONE_JS and REDOC_LICENSE_FILES. Without it, says what to
# do and sets REDOC_FOUND FALSE and both lists empty: the program builds without the bundle, and
# /docs/spec then tells the reader where the YAML document is. A tarball that is there but is not
# the pinned one is an error.
#
# This is included, not called as a function, on purpose: the variables it sets are the includer's.

set(REDOC_VERSION 2.5.4)
# The npm integrity of redoc@2.5.4, sha512-M6jWhG1qoBnH6TFmzJnstyCZ87HmOY/UzDm78mHiYihEdlV/YcS9ogOo1
# NlElnJMeLsyxHFe2yFc4sNjHTrABQ== (`npm view redoc@2.5.4 dist.integrity`), in hex.
set(_redoc_sha512
    "33a8d6846d6aa019c7e93166cc99ecb72099f3b1e6398fd4cc39bbf261e262284476557f61c4bda203a8d4d94496724c78bb32c4715edb215ce2c3631d3ac005")

set(REDOC_TARBALL "" CACHE FILEPATH
    "The redoc-${REDOC_VERSION}.tgz to use (default: found in REDOC_SEARCH_DIRS)")
if(NOT "$ENV{XDG_CACHE_HOME}" STREQUAL "")
    set(_redoc_user_cache "$ENV{XDG_CACHE_HOME}/luna-sender")
else()
    set(_redoc_user_cache "$ENV{HOME}/.cache/luna-sender")
endif()
set(REDOC_SEARCH_DIRS "${PROJECT_SOURCE_DIR}/.deps;${_redoc_user_cache}" CACHE STRING
    "Folders where installer/setup.sh may have put redoc-${REDOC_VERSION}.tgz")

if(NOT REDOC_DIR)
    set(REDOC_DIR "${CMAKE_CURRENT_BINARY_DIR}/vendor/redoc")
endif()
set(REDOC_STANDALONE_JS "${REDOC_DIR}/redoc.standalone.js")
set(REDOC_LICENSE_FILES "${REDOC_DIR}/redoc.standalone.js.LICENSE.txt"
                        "${REDOC_DIR}/redoc.LICENSE.txt")

function(_redoc_fail what)
    message(FATAL_ERROR
        "${what}\n"
        "The API page at /docs/spec embeds the ReDoc ${REDOC_VERSION} standalone bundle. Run "
        "installer/setup.sh, which fetches it with `npm pack redoc@${REDOC_VERSION}` into .deps/, "
        "or pass -DREDOC_TARBALL=/path/to/redoc-${REDOC_VERSION}.tgz made by that command. The "
        "file is checked against the sha512 the npm registry publishes for it.")
endfunction()

# Unpacked already from the same tarball: nothing to do (a reconfigure touches no file, so nothing
# is rebuilt).
set(_redoc_stamp "${REDOC_DIR}/redoc.stamp")
set(_redoc_up_to_date FALSE)
if(EXISTS "${_redoc_stamp}" AND EXISTS "${REDOC_STANDALONE_JS}")
    file(READ "${_redoc_stamp}" _redoc_stamped)
    if(_redoc_stamped STREQUAL "${REDOC_VERSION} ${_redoc_sha512}")
        set(_redoc_up_to_date TRUE)
    endif()
endif()

set(REDOC_FOUND TRUE)
if(NOT _redoc_up_to_date)
    # 1. The tarball: REDOC_TARBALL if given (it must exist), else the first in REDOC_SEARCH_DIRS.
    set(_redoc_tarball "")
    if(REDOC_TARBALL)
        if(NOT EXISTS "${REDOC_TARBALL}")
            _redoc_fail("REDOC_TARBALL is set to '${REDOC_TARBALL}', which does not exist.")
        endif()
        set(_redoc_tarball "${REDOC_TARBALL}")
    else()
        foreach(_redoc_dir IN LISTS REDOC_SEARCH_DIRS)
            if(EXISTS "${_redoc_dir}/redoc-${REDOC_VERSION}.tgz")
                set(_redoc_tarball "${_redoc_dir}/redoc-${REDOC_VERSION}.tgz")
                break()
            endif()
        endforeach()
    endif()
    if(_redoc_tarball)
        file(SHA512 "${_redoc_tarball}" _redoc_actual)
        if(NOT _redoc_actual STREQUAL _redoc_sha512)
            _redoc_fail("'${_redoc_tarball}' is not redoc ${REDOC_VERSION} as published on the "
                        "npm registry (its sha512 is ${_redoc_actual}).")
        endif()
    else()
        string(REPLACE ";" ", " _redoc_where "${REDOC_SEARCH_DIRS}")
        message(WARNING
            "ReDoc: redoc-${REDOC_VERSION}.tgz not found (looked in ${_redoc_where}). Building "
            "without the ReDoc bundle: /docs/spec then shows where the OpenAPI YAML is instead of "
            "rendering it. To embed the bundle, run installer/setup.sh (it runs "
            "`npm pack redoc@${REDOC_VERSION}` into .deps/) and configure again, or pass "
            "-DREDOC_TARBALL=/path/to/redoc-${REDOC_VERSION}.tgz.")
        set(REDOC_FOUND FALSE)
        set(REDOC_STANDALONE_JS "")
        set(REDOC_LICENSE_FILES "")
        file(REMOVE_RECURSE "${REDOC_DIR}")
    endif()
endif()

if(REDOC_FOUND AND NOT _redoc_up_to_date)
    # 2. Only the bundle and its licences, into REDOC_DIR.
    set(_redoc_unpack "${CMAKE_CURRENT_BINARY_DIR}/redoc-unpack")
    file(REMOVE_RECURSE "${_redoc_unpack}")
    file(ARCHIVE_EXTRACT INPUT "${_redoc_tarball}" DESTINATION "${_redoc_unpack}"
        PATTERNS package/bundles/redoc.standalone.js
                 package/bundles/redoc.standalone.js.LICENSE.txt
                 package/LICENSE)
    if(NOT EXISTS "${_redoc_unpack}/package/bundles/redoc.standalone.js")
        _redoc_fail("${_redoc_tarball} does not contain package/bundles/redoc.standalone.js.")
    endif()
    file(MAKE_DIRECTORY "${REDOC_DIR}")
    file(COPY_FILE "${_redoc_unpack}/package/bundles/redoc.standalone.js" "${REDOC_STANDALONE_JS}"
         ONLY_IF_DIFFERENT)
    file(COPY_FILE "${_redoc_unpack}/package/bundles/redoc.standalone.js.LICENSE.txt"
         "${REDOC_DIR}/redoc.standalone.js.LICENSE.txt" ONLY_IF_DIFFERENT)
    file(COPY_FILE "${_redoc_unpack}/package/LICENSE" "${REDOC_DIR}/redoc.LICENSE.txt"
         ONLY_IF_DIFFERENT)
    file(REMOVE_RECURSE "${_redoc_unpack}")
    file(WRITE "${_redoc_stamp}" "${REDOC_VERSION} ${_redoc_sha512}")
    message(STATUS "ReDoc: ${REDOC_VERSION} standalone bundle unpacked into ${REDOC_DIR}")
endif()
