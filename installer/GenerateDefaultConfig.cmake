# cmake -DEXE=<luna-sender> -DOUT=<file> -P GenerateDefaultConfig.cmake
# The packaged /etc/luna-sender/luna-sender.conf is whatever the built program says its defaults
# are, so the file and the program cannot drift apart.
execute_process(COMMAND "${EXE}" --print-default-config
                OUTPUT_FILE "${OUT}.tmp"
                RESULT_VARIABLE result
                ERROR_VARIABLE errors)
if(NOT result EQUAL 0)
    file(REMOVE "${OUT}.tmp")
    message(FATAL_ERROR "${EXE} --print-default-config failed (${result}): ${errors}")
endif()
file(RENAME "${OUT}.tmp" "${OUT}")
