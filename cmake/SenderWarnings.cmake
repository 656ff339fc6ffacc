# Warnings on for every target of ours; -Werror is opt-in (CI turns it on).
add_compile_options(-Wall -Wextra -Wpedantic -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
                    -Wimplicit-fallthrough)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    add_compile_options($<$<COMPILE_LANGUAGE:CXX>:-Wshadow=local>)
else()
    # clang has no -Wshadow=local; -Wshadow-uncaptured-local is its closest equivalent.
    add_compile_options($<$<COMPILE_LANGUAGE:CXX>:-Wshadow-uncaptured-local>)
endif()
if(SENDER_WERROR)
    add_compile_options(-Werror)
endif()
