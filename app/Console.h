#pragma once

class QString;
class QUrl;

namespace sender {

class Settings;

// Opens the monitoring console and runs the engine on its own thread until the window closes.
int runConsole(const Settings &settings);

// Opens the console on a running service's monitoring port (luna-sender --attach URL): no local
// engine. Without a token, the keyring's for that service is used, if any.
int runAttachedConsole(const QUrl &service, const QString &token);

} // namespace sender
