#pragma once

#include <QStringList>

namespace sender {

// The monitoring addresses the console attached to, most recent first, kept in the console's own
// settings store (never the tokens: those live in the keyring, see TokenStore).
class RecentServices
{
public:
    static constexpr int kMax = 10;

    static QStringList load();
    // Moves (or adds) the address to the front and saves.
    static void remember(const QString &url);
    static void forget(const QString &url);
};

} // namespace sender
