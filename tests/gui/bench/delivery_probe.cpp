// Opens N WebSocket clients of the demo account to a running luna-sender, counts what they
// receive for a while and how late it arrives (now minus the event's create_time, on every 16th
// frame), then prints one summary line. Used by compare_delivery.sh to compare delivery with and
// without the console on the same machine in the same run.
//
//   delivery_probe <port> <clients> <seconds> [query]

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

#include <algorithm>
#include <cstdio>
#include <vector>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 4) {
        std::fprintf(stderr, "usage: delivery_probe <port> <clients> <seconds> [query]\n");
        return 2;
    }
    const int port = args[1].toInt();
    const int count = args[2].toInt();
    const int seconds = args[3].toInt();
    const QString query = args.size() > 4 ? args[4] : QString();

    std::vector<quint64> received(size_t(count), 0);
    std::vector<qint64> latenciesMs;
    int connected = 0;
    bool measuring = false;
    QElapsedTimer clock;
    std::vector<QWebSocket *> sockets;
    for (int i = 0; i < count; ++i) {
        auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, &app);
        QUrl url(QStringLiteral("ws://127.0.0.1:%1/2/ws").arg(port));
        if (!query.isEmpty())
            url.setQuery(query);
        QNetworkRequest request(url);
        request.setRawHeader("Luna-Account-Id", "8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a");
        QObject::connect(socket, &QWebSocket::connected, &app, [&] { ++connected; });
        QObject::connect(
            socket, &QWebSocket::textMessageReceived, &app, [&, i](const QString &frame) {
                if (!measuring)
                    return;
                const quint64 n = ++received[size_t(i)];
                if (n % 16)
                    return;
                const qsizetype at = frame.indexOf(QLatin1StringView("\"create_time\": \""));
                if (at < 0)
                    return;
                const QDateTime created =
                    QDateTime::fromString(frame.mid(at + 16, 24), Qt::ISODateWithMs);
                if (created.isValid())
                    latenciesMs.push_back(created.msecsTo(QDateTime::currentDateTimeUtc()));
            });
        socket->open(request);
        sockets.push_back(socket);
    }
    // Measure once everyone is connected (and after a second to settle).
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &app, [&] {
        if (connected < count)
            return;
        poll.stop();
        QTimer::singleShot(1000, &app, [&] {
            measuring = true;
            clock.start();
            QTimer::singleShot(seconds * 1000, &app, [&] {
                measuring = false;
                const double elapsed = double(clock.elapsed()) / 1000.0;
                quint64 total = 0;
                for (quint64 n : received)
                    total += n;
                const auto [low, high] = std::minmax_element(received.begin(), received.end());
                std::sort(latenciesMs.begin(), latenciesMs.end());
                auto pct = [&](double p) {
                    return latenciesMs.empty()
                        ? -1
                        : latenciesMs[size_t(p * double(latenciesMs.size() - 1))];
                };
                std::printf("clients %d  seconds %.1f  frames %llu  frames/s %.0f  per-client "
                            "min %llu max %llu  latency ms p50 %lld p99 %lld max %lld\n",
                            count, elapsed, total, double(total) / elapsed, *low, *high, pct(0.5),
                            pct(0.99), pct(1.0));
                std::fflush(stdout);
                app.quit();
            });
        });
    });
    poll.start(50);
    return app.exec();
}
