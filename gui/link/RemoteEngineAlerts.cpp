// The alert resources of an attached console: GET /monitor/v1/alerts, POST /alerts/{id}/ack, GET
// and PUT /alert-rules, answered through the feed's alert signals.
#include "gui/link/RemoteEngineView.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace sender {

QNetworkRequest RemoteEngineView::jsonRequest(const QString &path) const
{
    QNetworkRequest post = request(path);
    post.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    return post;
}

void RemoteEngineView::onJsonReply(QNetworkReply *reply, const QString &what,
                                   std::function<void(const QJsonObject &)> done)
{
    connect(reply, &QNetworkReply::finished, this, [this, reply, what, done = std::move(done)] {
        reply->deleteLater();
        const QByteArray body = reply->read(kMaxMessage);
        const QJsonDocument document = QJsonDocument::fromJson(body);
        if (reply->error() != QNetworkReply::NoError || !document.isObject()) {
            Q_EMIT alertError(tr("%1: %2").arg(what, replyError(reply, body)));
            return;
        }
        done(document.object());
    });
}

void RemoteEngineView::acknowledgeAlert(quint64 id, const QString &by, const QString &comment)
{
    const QJsonObject body {{QStringLiteral("by"), by}, {QStringLiteral("comment"), comment}};
    QNetworkReply *reply =
        m_http->post(jsonRequest(QStringLiteral("/monitor/v1/alerts/%1/ack").arg(id)),
                     QJsonDocument(body).toJson(QJsonDocument::Compact));
    onJsonReply(reply, tr("Could not acknowledge alert %1").arg(id),
                [this](const QJsonObject &answer) {
                    const std::optional<AlertSnapshot> alert = AlertSnapshot::fromJson(answer);
                    if (alert)
                        Q_EMIT alertAcknowledged(*alert);
                });
}

void RemoteEngineView::requestAlerts(int limit)
{
    QNetworkRequest get = request(QStringLiteral("/monitor/v1/alerts"));
    QUrl url = get.url();
    url.setQuery(QStringLiteral("limit=%1").arg(limit));
    get.setUrl(url);
    QNetworkReply *reply = m_http->get(get);
    onJsonReply(
        reply, tr("Could not read the service's alerts"), [this](const QJsonObject &answer) {
            QList<AlertSnapshot> alerts;
            quint64 unacknowledged = 0;
            for (const QJsonValue &item : answer.value(QStringLiteral("alerts")).toArray()) {
                std::optional<AlertSnapshot> alert = AlertSnapshot::fromJson(item.toObject());
                if (!alert)
                    continue;
                unacknowledged += alert->acknowledged ? 0 : 1;
                alerts.append(std::move(*alert));
            }
            const QJsonValue count = answer.value(QStringLiteral("unacknowledged"));
            Q_EMIT alertsReady(alerts,
                               count.isDouble() ? quint64(count.toDouble()) : unacknowledged);
        });
}

void RemoteEngineView::requestAlertRules()
{
    QNetworkReply *reply = m_http->get(request(QStringLiteral("/monitor/v1/alert-rules")));
    onJsonReply(
        reply, tr("Could not read the service's alert rules"), [this](const QJsonObject &answer) {
            QJsonObject rules {{QStringLiteral("rules"), answer.value(QStringLiteral("rules"))}};
            Q_EMIT alertRulesReady(QJsonDocument(rules).toJson(),
                                   answer.value(QStringLiteral("error")).toString());
        });
}

void RemoteEngineView::setAlertRules(const QByteArray &json)
{
    QNetworkReply *reply =
        m_http->put(jsonRequest(QStringLiteral("/monitor/v1/alert-rules")), json);
    onJsonReply(reply, tr("The alert rules were not changed"), [this](const QJsonObject &answer) {
        QJsonObject rules {{QStringLiteral("rules"), answer.value(QStringLiteral("rules"))}};
        Q_EMIT alertRulesReady(QJsonDocument(rules).toJson(), QString());
    });
}

} // namespace sender
