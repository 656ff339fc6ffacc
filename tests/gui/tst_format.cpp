// The console's number, size, duration and time formats (gui/Format), in English and Russian
// number conventions, and fitColumns on a real table view.

#include "FailOnWarnings.h"
#include "GuiTestSupport.h"
#include "gui/text/Format.h"

#include <QHeaderView>
#include <QStandardItemModel>
#include <QTableView>

#include <ctime>

using namespace sender;

class TestFormat : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // Local times are compared in a known zone.
        qputenv("TZ", "UTC");
        tzset();
    }
    void init()
    {
        sender::test::failOnQtWarnings();
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void countsAndRates()
    {
        QCOMPARE(format::count(0), QStringLiteral("0"));
        QCOMPARE(format::count(1234567), QStringLiteral("1,234,567"));
        QCOMPARE(format::rate(0), QStringLiteral("0/s"));
        QCOMPARE(format::rate(12.54), QStringLiteral("12.5/s"));
        QCOMPARE(format::rate(4987.4), QStringLiteral("4,987/s"));
        QCOMPARE(format::rate(99.96), QStringLiteral("100.0/s"));
        // Russian groups with a (non-breaking) space and uses a decimal comma.
        QLocale::setDefault(QLocale(QLocale::Russian, QLocale::Russia));
        const QString ruCount = format::count(12345);
        QCOMPARE(ruCount.size(), 6);
        QVERIFY2(ruCount.at(2).isSpace(), qPrintable(ruCount));
        QCOMPARE(format::similarity(0.8734), QStringLiteral("0,873"));
    }

    void sizes()
    {
        QVERIFY2(format::bytes(0).startsWith(u'0'), qPrintable(format::bytes(0)));
        // Traditional units: powers of 1024, written kB and MB (not "KiB" as Format.h says).
        QCOMPARE(format::bytes(12595), QStringLiteral("12.3 kB"));
        QCOMPARE(format::bytes(4 * 1024 * 1024), QStringLiteral("4.0 MB"));
    }

    void durations()
    {
        QCOMPARE(format::duration(-5), QStringLiteral("0 s"));
        QCOMPARE(format::duration(42), QStringLiteral("42 s"));
        QCOMPARE(format::duration(3 * 60 + 5), QStringLiteral("3 min 05 s"));
        QCOMPARE(format::duration(2 * 3600 + 7 * 60 + 59), QStringLiteral("2 h 07 min"));
        QCOMPARE(format::duration(3 * 86400 + 4 * 3600 + 59), QStringLiteral("3 d 4 h"));
    }

    void times()
    {
        const QDateTime then(QDate(2024, 5, 1), QTime(14, 3, 7, 412), Qt::UTC);
        QCOMPARE(format::clockTime(then), QStringLiteral("14:03:07.412"));
        QCOMPARE(format::dateTime(then), QStringLiteral("2024-05-01 14:03:07"));
        QCOMPARE(format::timeOrDate(then), QStringLiteral("2024-05-01 14:03"));
        const QDateTime today(QDate::currentDate(), QTime(0, 0, 1), Qt::UTC);
        QCOMPARE(format::timeOrDate(today), QStringLiteral("00:00:01"));
    }

    void identifiers()
    {
        QCOMPARE(format::shortUuid(QStringLiteral("8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a")),
                 QStringLiteral("8b8b5937") + QChar(0x2026));
        QCOMPARE(format::shortUuid(QStringLiteral("abc")), QStringLiteral("abc"));
        QCOMPARE(format::similarity(0.8734), QStringLiteral("0.873"));
    }

    // Each column becomes wider than both its sample and its header; columns without a sample
    // keep their width.
    void fitColumns()
    {
        QStandardItemModel model(1, 3);
        model.setHorizontalHeaderLabels(
            {QStringLiteral("A"), QStringLiteral("A much longer header"), QStringLiteral("C")});
        QTableView view;
        view.setModel(&model);
        view.setColumnWidth(2, 200);
        const QStringList samples {QStringLiteral("a sample text that is quite long"),
                                   QStringLiteral("x")};
        format::fitColumns(&view, samples);
        const QFontMetrics body(view.font());
        const QFontMetrics header(view.horizontalHeader()->font());
        QVERIFY(view.columnWidth(0) > body.horizontalAdvance(samples[0]));
        QVERIFY(view.columnWidth(1)
                > header.horizontalAdvance(QStringLiteral("A much longer header")));
        QVERIFY(view.columnWidth(0) > view.columnWidth(1) / 2);
        QCOMPARE(view.columnWidth(2), 200);
    }
};

QTEST_MAIN(TestFormat)
#include "tst_format.moc"
