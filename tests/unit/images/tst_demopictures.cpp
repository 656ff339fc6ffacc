// The demo source's events name pictures the service itself draws: every face, body and enrolled
// photo is a safe path to a demo id, a body is drawn in the colours its attributes say, and a
// strong match shows the same person.
#include "FailOnWarnings.h"
#include "images/ImageRef.h"
#include "images/SyntheticPortrait.h"
#include "sources/DemoGenerator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace sender;
using namespace sender::images;

class TestDemoPictures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }

    void everyEventNamesDrawablePictures()
    {
        DemoGenerator demo(QUuid::createUuid(), 10);
        demo.setSeed(11);
        int faces = 0, bodies = 0, matches = 0, samePerson = 0;
        for (int m = 0; m < 300; ++m) {
            const QJsonObject message = QJsonDocument::fromJson(demo.makeMessage()).object();
            const QJsonArray events = message.value(QLatin1StringView("events")).toArray();
            QVERIFY(!events.isEmpty());
            for (const QJsonValue &value : events) {
                const QJsonObject event = value.toObject();
                const EventImageRefs refs = imageRefsOf(event, "6");
                QVERIFY(refs.face.refused.isEmpty() && refs.body.refused.isEmpty()
                        && refs.match.refused.isEmpty());
                std::optional<DemoImageId> face;
                if (!refs.face.path.isEmpty()) {
                    ++faces;
                    QVERIFY(refs.face.path.startsWith("/6/samples/faces/"));
                    face = parseDemoImageId(QByteArrayView(refs.face.path).sliced(17));
                    QVERIFY(face);
                    QCOMPARE(face->kind, PortraitKind::CapturedFace);
                }
                if (!refs.body.path.isEmpty()) {
                    ++bodies;
                    QVERIFY(refs.body.path.startsWith("/6/samples/bodies/"));
                    const auto body = parseDemoImageId(QByteArrayView(refs.body.path).sliced(18));
                    QVERIFY(body);
                    QCOMPARE(body->kind, PortraitKind::Body);
                    const QJsonObject attributes = event.value(QLatin1StringView("detections"))
                                                       .toArray()
                                                       .at(0)
                                                       .toObject()
                                                       .value(QLatin1StringView("samples"))
                                                       .toObject()
                                                       .value(QLatin1StringView("body"))
                                                       .toObject()
                                                       .value(QLatin1StringView("detection"))
                                                       .toObject()
                                                       .value(QLatin1StringView("attributes"))
                                                       .toObject();
                    const QString upper = attributes.value(QLatin1StringView("upper_body"))
                                              .toObject()
                                              .value(QLatin1StringView("upper_clothing"))
                                              .toObject()
                                              .value(QLatin1StringView("colors"))
                                              .toArray()
                                              .at(0)
                                              .toString();
                    QCOMPARE(upper, QLatin1StringView(kDemoPalette[body->variant & 0xf].name));
                    if (face)
                        QCOMPARE(body->person, face->person);
                }
                if (!refs.match.path.isEmpty()) {
                    ++matches;
                    const auto enrolled =
                        parseDemoImageId(QByteArrayView(refs.match.path).sliced(17));
                    QVERIFY(enrolled);
                    QCOMPARE(enrolled->kind, PortraitKind::EnrolledFace);
                    if (face && refs.matchSimilarity >= 0.7) {
                        QCOMPARE(enrolled->person, face->person);
                        ++samePerson;
                    } else if (face) {
                        QVERIFY(enrolled->person != face->person);
                    }
                }
            }
        }
        QVERIFY(faces > 100);
        QVERIFY(bodies > 50);
        QVERIFY(matches > 50);
        QVERIFY(samePerson > 10);
    }
};

QTEST_GUILESS_MAIN(TestDemoPictures)
#include "tst_demopictures.moc"
