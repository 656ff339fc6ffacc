# ReDoc renders the OpenAPI document at /docs/spec for browsers. The page must work offline (no CDN),
# so the standalone bundle is embedded in the program. It is not committed: it is fetched once at
# configure time from the npm registry, checked against the registry's published sha512, kept in a
# per-user cache, and only the bundle and its licence texts are unpacked into the build tree.
#
#   set(REDOC_DIR <dir>)   # optional; default: ${CMAKE_CURRENT_BINARY_DIR}/vendor/redoc
#   include(Redoc)
#
# puts into REDOC_DIR:
#   redoc.standalone.js              the bundle (React, styled-components and the worker inlined)
#   redoc.standalone.js.LICENSE.txt  licences of what the bundle contains
#   redoc.LICENSE.txt                ReDoc's own licence (MIT)
# and sets REDOC_STANDALONE_JS and REDOC_LICENSE_FILES.
#
# Offline builds: -DREDOC_TARBALL=/path/to/redoc-2.5.4.tgz (`npm pack redoc@2.5.4` makes that file
# on any machine with the registry), or put the file into the cache directory. Either way it is
# verified.
#
# This is included, not called as a function, on purpose: a failing file(DOWNLOAD ... EXPECTED_HASH)
# ends the function it runs in before that function can say what to do, while at directory level
# processing goes on to the explanation below.

set(REDOC_VERSION 2.5.4)
# The npm integrity of redoc@2.5.4, sha512-M6jWhG1qoBnH6TFmzJnstyCZ87HmOY/UzDm78mHiYihEdlV/YcS9ogOo1
# NlElnJMeLsyxHFe2yFc4sNjHTrABQ== (`npm view redoc@2.5.4 dist.integrity`), in hex.
set(_redoc_sha512
    "33a8d6846d6aa019c7e93166cc99ecb72099f3b1e6398fd4cc39bbf261e262284476557f61c4bda203a8d4d94496724c78bb32c4715edb215ce2c3631d3ac005")
set(_redoc_url "https://registry.npmjs.org/redoc/-/redoc-${REDOC_VERSION}.tgz")

set(REDOC_TARBALL "" CACHE FILEPATH
    "A local redoc-${REDOC_VERSION}.tgz to use instead of downloading it (offline builds)")

if(NOT REDOC_DIR)
    set(REDOC_DIR "${CMAKE_CURRENT_BINARY_DIR}/vendor/redoc")
endif()
set(REDOC_STANDALONE_JS "${REDOC_DIR}/redoc.standalone.js")
set(REDOC_LICENSE_FILES "${REDOC_DIR}/redoc.standalone.js.LICENSE.txt"
                        "${REDOC_DIR}/redoc.LICENSE.txt")

function(_redoc_fail what)
    message(FATAL_ERROR
        "${what}\n"
        "The API page at /docs/spec needs the ReDoc ${REDOC_VERSION} standalone bundle, which is "
        "fetched at configure time from\n  ${_redoc_url}\n"
        "What to do:\n"
        "  - check that this machine reaches the npm registry (`npm view redoc@${REDOC_VERSION}` "
        "must work; CMake honours https_proxy), then configure again;\n"
        "  - or, offline: on a machine that has the registry run `npm pack redoc@${REDOC_VERSION}`, "
        "copy redoc-${REDOC_VERSION}.tgz here and configure with "
        "-DREDOC_TARBALL=/path/to/redoc-${REDOC_VERSION}.tgz\n"
        "The file is checked against the registry's sha512 either way.")
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

if(NOT _redoc_up_to_date)
    # 1. A verified tarball: REDOC_TARBALL if given, else the cached copy, downloaded when missing
    #    or wrong.
    if(REDOC_TARBALL)
        if(NOT EXISTS "${REDOC_TARBALL}")
            _redoc_fail("REDOC_TARBALL is set to '${REDOC_TARBALL}', which does not exist.")
        endif()
        file(SHA512 "${REDOC_TARBALL}" _redoc_actual)
        if(NOT _redoc_actual STREQUAL _redoc_sha512)
            _redoc_fail("REDOC_TARBALL '${REDOC_TARBALL}' is not redoc ${REDOC_VERSION} as "
                        "published on the npm registry (its sha512 is ${_redoc_actual}).")
        endif()
        set(_redoc_tarball "${REDOC_TARBALL}")
    else()
        # $XDG_CACHE_HOME/luna-sender, else ~/.cache/luna-sender; without a home, the build tree.
        if(NOT "$ENV{XDG_CACHE_HOME}" STREQUAL "")
            set(_redoc_cache "$ENV{XDG_CACHE_HOME}/luna-sender")
        elseif(NOT "$ENV{HOME}" STREQUAL "")
            set(_redoc_cache "$ENV{HOME}/.cache/luna-sender")
        else()
            set(_redoc_cache "${CMAKE_BINARY_DIR}/_downloads")
        endif()
        set(_redoc_tarball "${_redoc_cache}/redoc-${REDOC_VERSION}.tgz")
        if(EXISTS "${_redoc_tarball}")
            file(SHA512 "${_redoc_tarball}" _redoc_actual)
            if(NOT _redoc_actual STREQUAL _redoc_sha512)
                message(STATUS "ReDoc: the cached ${_redoc_tarball} does not match; downloading it again")
                file(REMOVE "${_redoc_tarball}")
            endif()
        endif()
        if(NOT EXISTS "${_redoc_tarball}")
            message(STATUS "ReDoc: downloading ${_redoc_url}")
            file(MAKE_DIRECTORY "${_redoc_cache}")
            # Into a .part file first, so that an interrupted or wrong download never sits in the
            # cache under the real name.
            set(_redoc_part "${_redoc_tarball}.part")
            file(DOWNLOAD "${_redoc_url}" "${_redoc_part}"
                EXPECTED_HASH SHA512=${_redoc_sha512}
                TLS_VERIFY ON
                INACTIVITY_TIMEOUT 60
                TIMEOUT 600
                STATUS _redoc_status)
            list(GET _redoc_status 0 _redoc_code)
            if(NOT _redoc_code EQUAL 0 OR NOT EXISTS "${_redoc_part}")
                file(REMOVE "${_redoc_part}")
                list(GET _redoc_status 1 _redoc_reason)
                _redoc_fail("Downloading ${_redoc_url} failed: ${_redoc_reason} (code ${_redoc_code}).")
            endif()
            file(SHA512 "${_redoc_part}" _redoc_actual)
            if(NOT _redoc_actual STREQUAL _redoc_sha512)
                file(REMOVE "${_redoc_part}")
                _redoc_fail("The file downloaded from ${_redoc_url} does not have the sha512 the "
                            "registry publishes for redoc@${REDOC_VERSION} (got ${_redoc_actual}).")
            endif()
            file(RENAME "${_redoc_part}" "${_redoc_tarball}")
            message(STATUS "ReDoc: cached ${_redoc_tarball}")
        endif()
    endif()

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
