// The fleet of an attached console: GET /monitor/v1/instances, what the attached service last read
// from its Redis (the console never reaches the other instances itself).
#include "engine/SnapshotCodec.h"
#include "gui/link/RemoteEngineView.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace sender {

void RemoteEngineView::fleet(FleetDone done)
{
    QNetworkReply *reply = m_http->get(request(QStringLiteral("/monitor/v1/instances")));
    connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done)] {
        reply->deleteLater();
        const QByteArray body = reply->read(kMaxMessage);
        const QJsonDocument document = QJsonDocument::fromJson(body);
        // A service from before the fleet (404), or one that cannot answer: nothing to show.
        if (reply->error() != QNetworkReply::NoError || !document.isObject()) {
            done(std::nullopt);
            return;
        }
        done(SnapshotCodec::decodeFleet(document.object()));
    });
}

} // namespace sender
