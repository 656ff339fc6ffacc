#pragma once

#include <QString>

class QSettings;

namespace sender {

// What the console itself remembers (not the server's configuration): kept in its own
// QSettings file, console.conf beside the server's luna-sender.conf, so the two never mix.
struct ConsolePreferences
{
    static constexpr int kDefaultEventCap = 10000;
    static constexpr int kMinEventCap = 100;
    static constexpr int kMaxEventCap = 1000000;

    QString language; // empty: follow the system locale; else "en", "ru"
    int eventCap = kDefaultEventCap; // rows the event stream and the playground keep
    bool closeToTray = true; // closing the window keeps the server running in the tray
    bool demoClients = true; // in demo mode, connect a few real WebSocket clients

    static ConsolePreferences load();
    void save() const;
    friend bool operator==(const ConsolePreferences &, const ConsolePreferences &) = default;
};

// The console's own settings store (window layout, preferences).
QSettings *consoleSettingsStore();

} // namespace sender
