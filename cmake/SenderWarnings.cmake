# Warnings on for every target of ours; -Werror is opt-in (CI turns it on).
add_compile_options(-Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor -Wcast-align
                    -Woverloaded-virtual -Wimplicit-fallthrough)
if(SENDER_WERROR)
    add_compile_options(-Werror)
endif()
