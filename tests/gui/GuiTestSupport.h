#pragma once

// Shared by the console's tests: a real engine on port 0 and real WebSocket clients, and what the
// event stream shows.

#include "TestTimeouts.h"
#include "config/Settings.h"
#include "config/SettingsLoader.h"
#include "engine/EngineHost.h"
#include "events/EventMessage.h"
#include "gui/models/EventStreamModel.h"

#include <QNetworkRequest>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QWebSocket>

#include <memory>

namespace sender::testing {

inline const QByteArray kDemoAccount = "8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a";

// Keeps the tests away from the user's configuration and the console's stored preferences.
inline void isolateSettings()
{
    static QTemporaryDir home;
    qputenv("XDG_CONFIG_HOME", home.path().toLocal8Bit());
    QStandardPaths::setTestModeEnabled(true);
    // In test mode QSettings would use ~/.qttest, shared by every run: a choice one run saves
    // (the alert sound, a window layout) would leak into the next. This run's own directory.
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, home.path());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, home.path());
}

inline Settings engineSettings(bool demo = false, int demoRate = 2)
{
    Settings s;
    s.set(QStringLiteral("SERVER.HOST"), QStringLiteral("127.0.0.1"),
          Settings::Origin::CommandLine);
    s.set(QStringLiteral("SERVER.PORT"), 0, Settings::Origin::CommandLine);
    s.set(QStringLiteral("DEMO.ENABLED"), demo, Settings::Origin::CommandLine);
    s.set(QStringLiteral("DEMO.RATE"), demoRate, Settings::Origin::CommandLine);
    s.set(QStringLiteral("LOGGING.STATS_INTERVAL"), 0, Settings::Origin::CommandLine);
    return s;
}

// The engine settings with REDIS.URL on the redis-server at redisPort (as a configuration file
// would give it).
inline Settings withRedis(quint16 redisPort)
{
    Settings settings = engineSettings();
    QVariant url;
    QString why;
    const ConfigKey *key = ConfigSchema::find(QStringLiteral("REDIS.URL"));
    if (!key
        || !SettingsLoader::parseValue(*key, QStringLiteral("redis://127.0.0.1:%1").arg(redisPort),
                                       &url, &why))
        qFatal("REDIS.URL: %s", qPrintable(why));
    settings.set(QStringLiteral("REDIS.URL"), url, Settings::Origin::CommandLine);
    return settings;
}

inline quint16 portOf(const QString &listenAddress)
{
    return quint16(listenAddress.mid(listenAddress.lastIndexOf(u':') + 1).toUInt());
}

// Starts the host and returns its port (0 on failure).
inline quint16 startHost(EngineHost &host, const Settings &settings)
{
    QSignalSpy started(&host, &EngineHost::started);
    host.start(settings);
    // Not started.wait(): the signal comes from the engine thread and may arrive before wait()
    // counts what it already has. Generous: under valgrind on a loaded machine a start took
    // more than 10 s (it returns as soon as the engine has started).
    if (!QTest::qWaitFor([&] { return !started.isEmpty(); }, timeouts::kLongOperation))
        return 0;
    return portOf(started.first().first().toString());
}

// A connected client of the account with the query, or nullptr.
inline std::unique_ptr<QWebSocket> openClient(quint16 port, const QString &query = {},
                                              const QByteArray &account = kDemoAccount)
{
    auto socket = std::make_unique<QWebSocket>();
    QUrl url(QStringLiteral("ws://127.0.0.1:%1/2/ws").arg(port));
    if (!query.isEmpty())
        url.setQuery(query);
    QNetworkRequest request(url);
    request.setRawHeader("Luna-Account-Id", account);
    socket->open(request);
    if (!QTest::qWaitFor([&] { return socket->state() == QAbstractSocket::ConnectedState; },
                         timeouts::kRoundTrip))
        return nullptr;
    return socket;
}

// The event_id of an event stream's row.
inline QByteArray streamEventId(const EventStreamModel *model, int row)
{
    const EventSample &s = model->sampleAt(row);
    return s.message->attributes(s.index).eventId.toByteArray();
}

// Where each row of an event stream came from: 'h' the engine's history, 'l' the live stream.
inline QByteArray streamOrigins(const EventStreamModel *model)
{
    QByteArray out;
    for (int row = 0; row < model->rowCount(); ++row)
        out += model->isFromHistory(row) ? 'h' : 'l';
    return out;
}

// Empty when the stream shows no event twice and its rows are in order of arrival; else what is
// wrong.
inline QString streamOnceInOrder(const EventStreamModel *model)
{
    QSet<QByteArray> seen;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QByteArray id = streamEventId(model, row);
        if (seen.contains(id))
            return QStringLiteral("row %1: %2 shown twice").arg(row).arg(QString::fromLatin1(id));
        seen.insert(id);
        if (row > 0 && model->sampleAt(row).receivedAt < model->sampleAt(row - 1).receivedAt)
            return QStringLiteral("row %1 arrived before row %2").arg(row).arg(row - 1);
    }
    return {};
}

} // namespace sender::testing
