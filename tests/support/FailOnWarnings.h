#pragma once

// A Qt warning is a test failure (house rule): every test's init() calls failOnQtWarnings(), so
// a qWarning / qCWarning during any test function fails that function, wherever it comes from
// (the code under test, Qt itself, another thread). A warning that is the expected outcome of a
// test is allowed by passing a fragment of its text, with a comment at the call saying why; a
// warning a test must see is checked with QTest::ignoreMessage, which Qt Test applies first.

#include <QRegularExpression>
#include <QStringList>
#include <QTest>

#include <initializer_list>

namespace sender::test {

// Allowed in every test: what Qt's offscreen platform plugin (QT_QPA_PLATFORM=offscreen, which
// every GUI test runs under on a headless machine) says about features it does not have. These
// come from Qt, not from us, and would come for any window shown there.
inline constexpr const char *kOffscreenPlatformWarnings[] = {
    "This plugin does not support propagateSizeHints()",
};

inline void failOnQtWarnings(std::initializer_list<const char *> allowed = {})
{
    // Any warning that contains none of the allowed fragments.
    QStringList fragments;
    for (const char *fragment : kOffscreenPlatformWarnings)
        fragments.append(QRegularExpression::escape(QString::fromUtf8(fragment)));
    for (const char *fragment : allowed)
        fragments.append(QRegularExpression::escape(QString::fromUtf8(fragment)));
    QTest::failOnWarning(
        QRegularExpression(QStringLiteral("^(?!.*(?:%1))").arg(fragments.join(u'|')),
                           QRegularExpression::DotMatchesEverythingOption));
}

} // namespace sender::test
