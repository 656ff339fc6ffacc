# ReDoc renders the OpenAPI document at /docs/spec for browsers. The page must work offline (no CDN),
# so the standalone bundle is embedded in the program. It is not committed: it is fetched once at
# configure time from the npm registry, checked against the registry's published sha512, kept in a
# per-user cache, and only the bundle and its licence texts are unpacked into the build tree.
#
#   sender_vendor_redoc(<dir>)
#
# puts into <dir>:
#   redoc.standalone.js              the bundle (React, styled-components and the worker inlined)
#   redoc.standalone.js.LICENSE.txt  licences of what the bundle contains
#   redoc.LICENSE.txt                ReDoc's own licence (MIT)
# and sets REDOC_STANDALONE_JS and REDOC_LICENSE_FILES in the caller's scope.
#
# Offline builds: -DREDOC_TARBALL=/path/to/redoc-2.5.4.tgz (the same file, `npm pack redoc@2.5.4`
# makes it), or put it into the cache directory as redoc-2.5.4.tgz. Either way it is verified.

set(REDOC_VERSION 2.5.4)
# The npm integrity of redoc@2.5.4 (sha512-M6jWhG1qoBnH6TFmzJnstyCZ87HmOY/UzDm78mHiYihEdlV/YcS9ogOo1NlE
# lnJMeLsyxHFe2yFc4sNjHTrABQ==), in hex: `npm view redoc@2.5.4 dist.integrity` shows the base64 form.
set(_redoc_sha512
    "33a8d6846d6aa019c7e93166cc99ecb72099f3b1e6398fd4cc39bbf261e262284476557f61c4bda203a8d4d94496724c78bb32c4715edb215ce2c3631d3ac005")
set(_redoc_url "https://registry.npmjs.org/redoc/-/redoc-${REDOC_VERSION}.tgz")

set(REDOC_TARBALL "" CACHE FILEPATH
    "A local redoc-${REDOC_VERSION}.tgz to use instead of downloading it (offline builds)")

# $XDG_CACHE_HOME/luna-sender, else ~/.cache/luna-sender; a build without a home keeps it in the
# build tree.
function(_redoc_cache_dir out)
    if(NOT "$ENV{XDG_CACHE_HOME}" STREQUAL "")
        set(dir "$ENV{XDG_CACHE_HOME}/luna-sender")
    elseif(NOT "$ENV{HOME}" STREQUAL "")
        set(dir "$ENV{HOME}/.cache/luna-sender")
    else()
        set(dir "${CMAKE_BINARY_DIR}/_downloads")
    endif()
    set(${out} "${dir}" PARENT_SCOPE)
endfunction()

function(_redoc_fail what)
    message(FATAL_ERROR
        "${what}\n"
        "The API page at /docs/spec needs the ReDoc ${REDOC_VERSION} standalone bundle, which is "
        "fetched at configure time from\n  ${_redoc_url}\n"
        "What to do:\n"
        "  - check that this machine reaches the npm registry (`npm view redoc@${REDOC_VERSION}` "
        "must work, including through any proxy: CMake honours https_proxy), then configure again;\n"
        "  - or, offline: on a machine that has the registry run `npm pack redoc@${REDOC_VERSION}`, "
        "copy redoc-${REDOC_VERSION}.tgz here and configure with "
        "-DREDOC_TARBALL=/path/to/redoc-${REDOC_VERSION}.tgz\n"
        "The file is checked against the registry's sha512 either way.")
endfunction()

# Sets <out> to a verified tarball: REDOC_TARBALL if given, else the cached copy, downloading it
# when it is missing or does not match.
function(_redoc_tarball out)
    if(REDOC_TARBALL)
        if(NOT EXISTS "${REDOC_TARBALL}")
            _redoc_fail("REDOC_TARBALL is set to '${REDOC_TARBALL}', which does not exist.")
        endif()
        file(SHA512 "${REDOC_TARBALL}" actual)
        if(NOT actual STREQUAL _redoc_sha512)
            _redoc_fail("REDOC_TARBALL '${REDOC_TARBALL}' is not redoc ${REDOC_VERSION} as "
                        "published on the npm registry (its sha512 is ${actual}).")
        endif()
        set(${out} "${REDOC_TARBALL}" PARENT_SCOPE)
        return()
    endif()

    _redoc_cache_dir(cache)
    set(tarball "${cache}/redoc-${REDOC_VERSION}.tgz")
    if(EXISTS "${tarball}")
        file(SHA512 "${tarball}" actual)
        if(actual STREQUAL _redoc_sha512)
            set(${out} "${tarball}" PARENT_SCOPE)
            return()
        endif()
        message(STATUS "ReDoc: the cached ${tarball} does not match; downloading it again")
        file(REMOVE "${tarball}")
    endif()

    message(STATUS "ReDoc: downloading ${_redoc_url}")
    file(MAKE_DIRECTORY "${cache}")
    # Into a .part file first, so that an interrupted or wrong download never sits in the cache
    # under the real name.
    set(part "${tarball}.part")
    file(DOWNLOAD "${_redoc_url}" "${part}"
        EXPECTED_HASH SHA512=${_redoc_sha512}
        TLS_VERIFY ON
        INACTIVITY_TIMEOUT 60
        TIMEOUT 600
        STATUS status)
    list(GET status 0 code)
    if(NOT code EQUAL 0)
        file(REMOVE "${part}")
        list(GET status 1 reason)
        _redoc_fail("Downloading ${_redoc_url} failed: ${reason} (curl code ${code}).")
    endif()
    file(SHA512 "${part}" actual)
    if(NOT actual STREQUAL _redoc_sha512)
        # file(DOWNLOAD) has already reported the mismatch; say what to do about it.
        file(REMOVE "${part}")
        _redoc_fail("The file downloaded from ${_redoc_url} does not have the sha512 the registry "
                    "publishes for redoc@${REDOC_VERSION} (got ${actual}).")
    endif()
    file(RENAME "${part}" "${tarball}")
    message(STATUS "ReDoc: cached ${tarball}")
    set(${out} "${tarball}" PARENT_SCOPE)
endfunction()

function(sender_vendor_redoc dir)
    set(js "${dir}/redoc.standalone.js")
    set(licenses "${dir}/redoc.standalone.js.LICENSE.txt" "${dir}/redoc.LICENSE.txt")
    set(stamp "${dir}/redoc.stamp")

    # Unpacked already from the same tarball: nothing to do (a reconfigure touches no file, so
    # nothing is rebuilt).
    set(up_to_date FALSE)
    if(EXISTS "${stamp}" AND EXISTS "${js}")
        file(READ "${stamp}" stamped)
        if(stamped STREQUAL "${REDOC_VERSION} ${_redoc_sha512}")
            set(up_to_date TRUE)
        endif()
    endif()

    if(NOT up_to_date)
        _redoc_tarball(tarball)
        set(unpack "${CMAKE_CURRENT_BINARY_DIR}/redoc-unpack")
        file(REMOVE_RECURSE "${unpack}")
        file(ARCHIVE_EXTRACT INPUT "${tarball}" DESTINATION "${unpack}"
            PATTERNS package/bundles/redoc.standalone.js
                     package/bundles/redoc.standalone.js.LICENSE.txt
                     package/LICENSE)
        if(NOT EXISTS "${unpack}/package/bundles/redoc.standalone.js")
            _redoc_fail("${tarball} does not contain package/bundles/redoc.standalone.js.")
        endif()
        file(MAKE_DIRECTORY "${dir}")
        file(COPY_FILE "${unpack}/package/bundles/redoc.standalone.js" "${js}" ONLY_IF_DIFFERENT)
        file(COPY_FILE "${unpack}/package/bundles/redoc.standalone.js.LICENSE.txt"
             "${dir}/redoc.standalone.js.LICENSE.txt" ONLY_IF_DIFFERENT)
        file(COPY_FILE "${unpack}/package/LICENSE" "${dir}/redoc.LICENSE.txt" ONLY_IF_DIFFERENT)
        file(REMOVE_RECURSE "${unpack}")
        file(WRITE "${stamp}" "${REDOC_VERSION} ${_redoc_sha512}")
        message(STATUS "ReDoc: ${REDOC_VERSION} standalone bundle unpacked into ${dir}")
    endif()

    set(REDOC_STANDALONE_JS "${js}" PARENT_SCOPE)
    set(REDOC_LICENSE_FILES ${licenses} PARENT_SCOPE)
endfunction()
