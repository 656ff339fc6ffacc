#pragma once

#include <QString>

#include <optional>

namespace sender {

// Where the Redis server is, as given by --redis, REDIS.URL or LUNA_SENDER_REDIS_URL:
// redis://[[user]:password@]host[:port][/db], or rediss:// for TLS (REDIS.TLS_*)
struct RedisUrl
{
    bool tls = false; // rediss://
    QString host;
    quint16 port = 6379;
    QString user;
    QString password;
    int db = 0;

    // The URL with the password replaced by "********" (for logs, /config and the console).
    QString toDisplayString() const;
    friend bool operator==(const RedisUrl &, const RedisUrl &) = default;
};

// Returns nothing and sets *error (a sentence naming what is wrong) when the text is not a valid
// URL. The sentence never quotes the text, which may hold the password.
std::optional<RedisUrl> parseRedisUrl(const QString &text, QString *error);

// The text of a URL (Redis or another), valid or not, with the password replaced by "********": for
// any message that has to show what was given.
QString maskUrlPassword(const QString &text);

} // namespace sender
