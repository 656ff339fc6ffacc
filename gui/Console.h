#pragma once

namespace sender {

class Settings;

// Opens the monitoring console and runs the engine on its own thread until the window closes.
int runConsole(const Settings &settings);

} // namespace sender
