#include "monitor/MonitorAuth.h"

#include "monitor/MonitorHttp.h"
#include "monitor/MonitorLog.h"
#include "publicport/ClientAddress.h"

#include <QHttpServerRequest>
#include <QNetworkRequest>
#include <QUrl>

#include <cmath>

namespace sender {

namespace {

constexpr QByteArrayView kQueryName = "token";

std::optional<QByteArray> fromParts(const QByteArray &authorization, const QUrl &url,
                                    bool allowQuery)
{
    if (!authorization.isEmpty())
        return bearerOf(authorization).value_or(QByteArray());
    if (!allowQuery)
        return std::nullopt;
    const QueryToken query = takeQueryToken(url.query(QUrl::FullyEncoded).toUtf8(), kQueryName);
    if (query.count > 1)
        return QByteArray();
    return query.value;
}

} // namespace

MonitorAuth::MonitorAuth(QByteArrayView token)
    : m_token(token)
{
    m_clock.start();
}

std::optional<QByteArray> MonitorAuth::presented(const QHttpServerRequest &request, bool allowQuery)
{
    return fromParts(monitor::header(request, "authorization"), request.url(), allowQuery);
}

std::optional<QByteArray> MonitorAuth::presented(const QNetworkRequest &request)
{
    return fromParts(request.rawHeader("Authorization"), request.url(), true);
}

bool MonitorAuth::presentsToken(const QHttpServerRequest &request, bool allowQuery)
{
    if (!monitor::header(request, "authorization").isEmpty())
        return true;
    return allowQuery
        && takeQueryToken(request.url().query(QUrl::FullyEncoded).toUtf8(), kQueryName).count > 0;
}

MonitorAuth::Failures &MonitorAuth::failuresOf(const QByteArray &key, qint64 now) const
{
    auto it = m_failures.find(key);
    if (it == m_failures.end()) {
        // Bounded: addresses that are back to a full allowance are forgotten first, and should a
        // flood of addresses still fill the table, it starts over (each gets a fresh burst, which
        // at kFailureBurst per address and kMaxTrackedAddresses is still no guessing rate).
        if (m_failures.size() >= kMaxTrackedAddresses) {
            m_failures.removeIf([now](const auto &entry) {
                const Failures &f = entry.value();
                return f.allowance + double(now - f.updatedMs) / kFailureRefillMs >= kFailureBurst;
            });
            if (m_failures.size() >= kMaxTrackedAddresses)
                m_failures.clear();
        }
        it = m_failures.insert(key, Failures {kFailureBurst, now, -1, 0});
    }
    Failures &f = it.value();
    f.allowance =
        qMin<double>(kFailureBurst, f.allowance + double(now - f.updatedMs) / kFailureRefillMs);
    f.updatedMs = now;
    return f;
}

MonitorAuth::Verdict MonitorAuth::check(const std::optional<QByteArray> &presented,
                                        const QHostAddress &peer) const
{
    if (!required())
        return Verdict::Accepted;
    if (!presented)
        return Verdict::Missing;
    const qint64 now = m_clock.elapsed();
    const QByteArray key = clientAddressKey(peer);
    const auto known = m_failures.find(key);
    if (known != m_failures.end()) {
        Failures &f = failuresOf(key, now);
        if (f.allowance < 1) {
            logFailure(key, f, true, now);
            return Verdict::Throttled;
        }
    }
    if (m_token.matches(QByteArrayView(*presented)))
        return Verdict::Accepted;
    Failures &f = failuresOf(key, now);
    f.allowance -= 1;
    logFailure(key, f, false, now);
    return Verdict::Refused;
}

bool MonitorAuth::wouldAccept(const std::optional<QByteArray> &presented,
                              const QHostAddress &peer) const
{
    if (!required())
        return true;
    return presented && retryAfterSeconds(peer) == 0 && m_token.matches(QByteArrayView(*presented));
}

int MonitorAuth::retryAfterSeconds(const QHostAddress &peer) const
{
    const auto it = m_failures.constFind(clientAddressKey(peer));
    if (it == m_failures.cend())
        return 0;
    const double have =
        it->allowance + double(m_clock.elapsed() - it->updatedMs) / kFailureRefillMs;
    return have >= 1 ? 0 : int(std::ceil((1 - have) * kFailureRefillMs / 1000.0));
}

void MonitorAuth::logFailure(const QByteArray &key, Failures &f, bool throttled, qint64 now) const
{
    // One line per address and minute at most, with the count since the last one: a probing
    // session must not fill the log (the token itself is never logged, right or wrong).
    ++f.unlogged;
    if (f.loggedMs >= 0 && now - f.loggedMs < kLogEveryMs)
        return;
    qCWarning(lcMonitor,
              "%llu wrong or missing monitoring tokens from %s%s (at most one such line a "
              "minute per address)",
              f.unlogged, key.constData(),
              throttled ? ": further attempts are refused unchecked for now" : "");
    f.loggedMs = now;
    f.unlogged = 0;
}

} // namespace sender
