// The translations: complete .ts files (no unfinished, vanished or empty entries), the Russian
// catalogue loads and translates the console, and every configuration key's description has a
// Russian text (a key added to ConfigSchema without one fails here).

#include "FailOnWarnings.h"
#include "GuiTestSupport.h"
#include "config/ConfigSchema.h"
#include "gui/panes/EngineStatusBar.h"
#include "gui/text/TranslatableTexts.h"
#include "gui/text/Translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLocale>
#include <QStatusBar>
#include <QXmlStreamReader>

using namespace sender;

class TestTranslations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void initTestCase() { testing::isolateSettings(); }
    void tsFilesAreComplete_data();
    void tsFilesAreComplete();
    void russianIsUsed();
    void everyDescriptionIsTranslated();
    void englishOverride();
};

void TestTranslations::tsFilesAreComplete_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(qEnvironmentVariable("LUNA_SENDER_SOURCE_DIR")
                   + QStringLiteral("/translations"));
    for (const QString &name : dir.entryList({QStringLiteral("*.ts")}))
        QTest::newRow(qPrintable(name)) << dir.filePath(name);
}

void TestTranslations::tsFilesAreComplete()
{
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    int messages = 0;
    QString source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == u"source") {
            source = xml.readElementText();
        } else if (xml.name() == u"translation") {
            ++messages;
            const QString type = xml.attributes().value(QStringLiteral("type")).toString();
            QVERIFY2(type.isEmpty(), qPrintable(QStringLiteral("%1: '%2'").arg(type, source)));
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            QVERIFY2(!text.trimmed().isEmpty(),
                     qPrintable(QStringLiteral("empty: '%1'").arg(source)));
        }
    }
    QVERIFY(!xml.hasError());
    QVERIFY2(messages > 150, qPrintable(QString::number(messages)));
}

void TestTranslations::russianIsUsed()
{
    QCOMPARE(installConsoleTranslation(QStringLiteral("ru")), QStringLiteral("ru"));
    QStatusBar bar;
    EngineStatusBar status(&bar);
    QVERIFY2(status.addressText().contains(QStringLiteral("Запуск")),
             qPrintable(status.addressText()));
    EngineSnapshot snapshot;
    snapshot.history = {true, 12345, 2048, 1, 0};
    status.showSnapshot(snapshot, {});
    // Russian words and Russian digit grouping ("12 345").
    QVERIFY2(status.historyText().startsWith(QStringLiteral("История 12"))
                 && status.historyText().contains(QStringLiteral("345 соб. · ")),
             qPrintable(status.historyText()));
    QCOMPARE(QLocale().language(), QLocale::Russian);
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Отмена"));
}

void TestTranslations::everyDescriptionIsTranslated()
{
    QCOMPARE(installConsoleTranslation(QStringLiteral("ru")), QStringLiteral("ru"));
    for (const ConfigKey &key : ConfigSchema::keys()) {
        const QString text = translatedDescription(key);
        QVERIFY2(text != QString::fromUtf8(key.description), qPrintable(key.id()));
        QVERIFY(!text.isEmpty());
    }
    for (const QString &section : ConfigSchema::sections())
        QVERIFY2(sectionTitle(section) != section, qPrintable(section));
}

void TestTranslations::englishOverride()
{
    QCOMPARE(installConsoleTranslation(QStringLiteral("en")), QStringLiteral("en"));
    QStatusBar bar;
    EngineStatusBar status(&bar);
    QVERIFY(status.addressText().contains(QStringLiteral("Starting")));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
