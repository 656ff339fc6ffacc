// GET /monitor/v1/events/{event_id}/images/{face|body|match}: a picture of an event the engine has
// seen, fetched on request through the engine's one ImageService. Answered asynchronously (the
// fetch may take the whole LUNA.IMAGE_TIMEOUT_MS): the responder waits with the request's socket,
// and this port's thread goes on serving the others.
#include "engine/EngineFeed.h"
#include "images/ImageHttp.h"
#include "monitor/MonitorHttp.h"
#include "monitor/MonitorRoutes.h"
#include "monitor/MonitorState.h"
#include "util/StrictUuid.h"

#include <QHttpServer>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpSocket>

#include <memory>

namespace sender::monitor {

namespace {

using Method = QHttpServerRequest::Method;

// The headers are written by hand: afterRequest() does not see what a responder writes.
void writeAnswer(QHttpServerResponder &responder, int status, const QByteArray &contentType,
                 const QByteArray &body, const QByteArray &cacheControl,
                 const QList<std::pair<QByteArray, QByteArray>> &extra = {})
{
    responder.writeStatusLine(QHttpServerResponder::StatusCode(status));
    responder.writeHeader("Content-Type", contentType);
    responder.writeHeader("Content-Length", QByteArray::number(body.size()));
    responder.writeHeader("Cache-Control", cacheControl);
    for (const auto &[name, value] : securityHeaders(contentType, false))
        responder.writeHeader(name, value);
    for (const auto &[name, value] : extra)
        responder.writeHeader(name, value);
    responder.writeBody(body);
}

void writeError(QHttpServerResponder &responder, const ApiError &error,
                const QList<std::pair<QByteArray, QByteArray>> &extra = {})
{
    writeAnswer(responder, error.httpStatus, "application/json", error.toJson(), "no-store", extra);
}

ApiError pictureError(const images::ImageResult &result)
{
    const images::ImageError e = images::imageError(result.status);
    return {e.httpStatus, e.code, QString::fromLatin1(e.desc), result.detail};
}

// A responder that waits for the engine's answer: written on this port's thread if the client is
// still there, dropped (unwritten) if its connection went meanwhile.
struct Waiting
{
    QHttpServerResponder responder;
    QPointer<QTcpSocket> socket;

    bool open() const { return socket && socket->state() == QAbstractSocket::ConnectedState; }
};

} // namespace

void addImageRoutes(QHttpServer &server, MonitorState &state, QObject *context)
{
    server.route(
        QStringLiteral("/monitor/v1/events/<arg>/images/<arg>"),
        [&state, context](const QString &idText, const QString &slotText,
                          const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            if (auto refused = refuse(request, state.token, Method::Get)) {
                addSecurityHeaders(*refused);
                refused->write(std::move(responder));
                return;
            }
            const std::optional<QUuid> eventId = parseStrictUuid(idText.toLatin1());
            if (!eventId)
                return writeError(responder,
                                  ApiError::badQueryParameter(
                                      QStringLiteral("event_id"),
                                      QStringLiteral("an event id: a UUID, 8-4-4-4-12 hexadecimal "
                                                     "digits")));
            const std::optional<images::ImageSlot> slot =
                images::imageSlotFromName(slotText.toLatin1());
            if (!slot)
                return writeError(
                    responder,
                    ApiError::badQueryParameter(QStringLiteral("slot"),
                                                QStringLiteral("face, body or match")));
            if (!state.feed)
                return writeError(responder,
                                  {503, 29107, QStringLiteral("Service unavailable"),
                                   QStringLiteral("the engine is not running")});

            const QPointer<QTcpSocket> socket(responder.socket()); // before the move
            auto waiting = std::make_shared<Waiting>(Waiting {std::move(responder), socket});
            const QByteArray cacheControl = "private, max-age="
                + QByteArray::number(state.settings.integer(u"LUNA.IMAGE_CACHE_SECONDS"));
            // The engine answers on its thread; the socket is this port's.
            state.feed->requestImage(
                *eventId, *slot,
                [waiting, cacheControl,
                 guard = QPointer<QObject>(context)](const images::ImageResult &result) {
                    if (!guard)
                        return;
                    QMetaObject::invokeMethod(guard, [waiting, cacheControl, result] {
                        if (!waiting->open())
                            return; // the viewer went away: nobody to tell
                        if (result.status == images::ImageStatus::Ok)
                            writeAnswer(waiting->responder, 200, result.contentType, result.bytes,
                                        cacheControl);
                        else if (result.status == images::ImageStatus::Busy)
                            writeError(waiting->responder, pictureError(result),
                                       {{"Retry-After", "1"}});
                        else
                            writeError(waiting->responder, pictureError(result));
                    });
                });
        });
}

} // namespace sender::monitor
