#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

#include <cstdio>
#include <cstdlib>

inline QByteArray benchData(const char *name)
{
    QFile file(QStringLiteral(SENDER_TEST_DATA_DIR "/") + QLatin1StringView(name));
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read test data %s\n", name);
        std::abort();
    }
    return file.readAll();
}
