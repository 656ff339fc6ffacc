#pragma once

// The committed sample messages of tests/data, read whole. Each test target that uses it defines
// SENDER_TEST_DATA_DIR (its CMakeLists.txt); a missing file ends the test at once.

#include <QByteArray>
#include <QFile>
#include <QString>

#ifndef SENDER_TEST_DATA_DIR
#error "define SENDER_TEST_DATA_DIR for the test target that includes TestData.h"
#endif

inline QByteArray testData(const char *name)
{
    QFile file(QStringLiteral(SENDER_TEST_DATA_DIR "/") + QLatin1StringView(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read test data %s", name);
    return file.readAll();
}
