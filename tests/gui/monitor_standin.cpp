// A real engine with demo events and subscribers behind MonitorStandIn, for looking at an attached
// console by hand (luna-sender --attach http://127.0.0.1:<port> --token-file <file>) until the
// real monitoring port is merged. Usage: monitor_standin <monitor-port> <token>
#include "GuiTestSupport.h"
#include "MonitorStandIn.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    using namespace sender;
    using namespace sender::testing;
    if (argc < 3)
        return 2;
    EngineHost host;
    MonitorStandIn monitor(&host, QByteArray(argv[2]));
    const quint16 port = startHost(host, engineSettings(true, 25));
    if (!port || !monitor.listen(quint16(QByteArray(argv[1]).toUInt())))
        return 1;
    std::vector<std::unique_ptr<QWebSocket>> clients;
    for (const char *query : {"age__gte=30", "gender=1", "age__gte=30", "", "liveness=spoof"})
        clients.push_back(openClient(port, QString::fromLatin1(query)));
    std::printf("sender %u monitor %u\n", port, monitor.port());
    std::fflush(stdout);
    return QCoreApplication::exec();
}
