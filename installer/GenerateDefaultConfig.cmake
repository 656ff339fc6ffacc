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
# Two values differ from the program's defaults, and only these: where the package keeps the alert
# rules (its conffile /etc/luna-sender/alerts.json) and the alert log (the service's
# StateDirectory, /var/lib/luna-sender). tst_packagefiles checks that nothing else differs.
file(READ "${OUT}.tmp" conf)
foreach(pair "RULES_FILE = \n|RULES_FILE = /etc/luna-sender/alerts.json\n"
             "LOG_FILE = \n|LOG_FILE = /var/lib/luna-sender/alerts.log\n")
    string(REPLACE "|" ";" pair "${pair}")
    list(GET pair 0 from)
    list(GET pair 1 to)
    string(FIND "${conf}" "${from}" at)
    if(at EQUAL -1)
        file(REMOVE "${OUT}.tmp")
        message(FATAL_ERROR "the default configuration has no '${from}' line to set for the package")
    endif()
    string(REPLACE "${from}" "${to}" conf "${conf}")
endforeach()
file(WRITE "${OUT}" "${conf}")
file(REMOVE "${OUT}.tmp")
