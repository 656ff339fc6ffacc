#pragma once

#include "sources/EventSource.h"

#include <QList>

#include <functional>

// The real MessageSink interface, recording what a source hands it (and optionally reacting).
class RecordingSink : public sender::MessageSink
{
public:
    struct Message
    {
        QByteArray account;
        QByteArray payload;
        sender::SourceKind kind;
    };

    void acceptMessage(QByteArrayView accountId, const QByteArray &payload,
                       sender::SourceKind kind) override
    {
        messages.append({accountId.toByteArray(), payload, kind});
        if (afterEach)
            afterEach();
    }

    QList<Message> messages;
    std::function<void()> afterEach;
};
