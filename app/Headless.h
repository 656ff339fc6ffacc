#pragma once

#include "app/CommandLine.h"

namespace sender {

// Runs the engine on the main thread with no GUI at all: SIGTERM/SIGINT stop it gracefully
// (clients get 1001, Redis is unsubscribed, exit 0), SIGHUP reloads the configuration file.
int runHeadless(const Settings &settings, const CommandLine &commandLine);

// Loads the configuration the command line points at; prints every problem to stderr.
std::optional<Settings> loadSettings(const CommandLine &commandLine);

} // namespace sender
