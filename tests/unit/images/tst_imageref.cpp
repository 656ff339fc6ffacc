// What an event may name as its pictures (a path under the LUNA origin, nothing else), the demo's
// drawn pictures (ids, determinism, valid PNG files) and the bounded cache.
#include "FailOnWarnings.h"
#include "images/ImageCache.h"
#include "images/ImageRef.h"
#include "images/PngWriter.h"
#include "images/SyntheticPortrait.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>
#include <QtEndian>

#include <zlib.h>

using namespace sender::images;

namespace {

constexpr char kId[] = "b668c4a5-2191-476e-a261-3b4f9ce2e25e";

// JSON written with single quotes (moc 6.4 loses its way in raw string literals), made real here.
QJsonObject parse(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json).replace('\'', '"')).object();
}

// Width, height and the inflated scan lines of a PNG of ours (one IDAT), checked chunk by chunk.
struct DecodedPng
{
    int width = 0, height = 0;
    QByteArray rows;
};
std::optional<DecodedPng> decode(const QByteArray &png)
{
    if (!png.startsWith(QByteArray("\x89PNG\r\n\x1a\n", 8)))
        return std::nullopt;
    DecodedPng out;
    QByteArray idat;
    qsizetype at = 8;
    while (at + 12 <= png.size()) {
        const quint32 length = qFromBigEndian<quint32>(png.constData() + at);
        const QByteArray type = png.mid(at + 4, 4);
        const QByteArray data = png.mid(at + 8, length);
        const quint32 crc = qFromBigEndian<quint32>(png.constData() + at + 8 + length);
        if (crc
            != quint32(
                crc32(0, reinterpret_cast<const Bytef *>(png.constData() + at + 4), length + 4)))
            return std::nullopt;
        if (type == "IHDR") {
            out.width = int(qFromBigEndian<quint32>(data.constData()));
            out.height = int(qFromBigEndian<quint32>(data.constData() + 4));
        } else if (type == "IDAT") {
            idat += data;
        } else if (type == "IEND") {
            uLongf size = uLongf(out.height) * (uLongf(out.width) * 3 + 1);
            out.rows.resize(qsizetype(size));
            if (uncompress(reinterpret_cast<Bytef *>(out.rows.data()), &size,
                           reinterpret_cast<const Bytef *>(idat.constData()), uLong(idat.size()))
                    != Z_OK
                || qsizetype(size) != out.rows.size())
                return std::nullopt;
            return out;
        }
        at += 12 + length;
    }
    return std::nullopt;
}

} // namespace

class TestImageRef : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }

    void safePaths_data()
    {
        QTest::addColumn<QByteArray>("reference");
        QTest::addColumn<QByteArray>("expected"); // empty: refused
        const QByteArray id(kId);
        QTest::newRow("sample") << "/0/samples/" + id << "/0/samples/" + id;
        QTest::newRow("face sample") << "/6/samples/faces/" + id << "/6/samples/faces/" + id;
        QTest::newRow("body sample") << "/6/samples/bodies/" + id << "/6/samples/bodies/" + id;
        QTest::newRow("image") << "/6/images/" + id << "/6/images/" + id;
        QTest::newRow("upper-case uuid") << "/6/images/" + id.toUpper() << "/6/images/" + id;
        const char *tricks[] = {"http://evil.example/6/images/%1",
                                "https://127.0.0.1:6379/6/images/%1",
                                "//evil.example/6/images/%1",
                                "/6/images/../../admin/%1",
                                "/6/samples/faces/../%1",
                                "/6/samples/faces/%2e%2e/%1",
                                "/6/images/%1?redirect=http://evil",
                                "/6/images/%1#x",
                                "/6/images/%1/",
                                "/6/images\\%1",
                                "/6/images/%1 ",
                                " /6/images/%1",
                                "/6//images/%1",
                                "/6/images/{%1}",
                                "/6/faces/%1",
                                "/6/events/%1",
                                "/1234/images/%1",
                                "/x/images/%1",
                                "//images/%1",
                                "6/images/%1",
                                "/6/images/not-a-uuid",
                                "/6/images/%1%00",
                                "file:///etc/passwd",
                                "/6/images/b668c4a5-2191-476e-a261-3b4f9ce2e25%65"};
        for (const char *trick : tricks) {
            const QByteArray reference = QByteArray(trick).replace("%1", id);
            QTest::newRow(reference.constData()) << reference << QByteArray();
        }
        QTest::newRow("NUL inside") << QByteArray("/6/images/\0", 11) + id << QByteArray();
        QTest::newRow("non-ASCII")
            << QByteArray("/6/images/b668c4a5-2191-476e-a261-3b4f9ce2e2\xd9\xa5") << QByteArray();
    }
    void safePaths()
    {
        QFETCH(QByteArray, reference);
        QFETCH(QByteArray, expected);
        const std::optional<QByteArray> path = safeLunaPath(reference);
        QCOMPARE(path.value_or(QByteArray()), expected);
    }

    void eventRefs()
    {
        const QJsonObject event =
            parse("{'event_id': 'e', 'detections': [ "
                  "{'samples': {'face': {'sample_id': 'B668C4A5-2191-476e-a261-3b4f9ce2e25e'}}}, "
                  "{'samples': {'face': {'sample_id': '00000000-0000-4000-8000-000000000001', "
                  "'url': '/0/samples/00000000-0000-4000-8000-000000000001'}, "
                  "'body': {'sample_id': '557d54ec-29ad-4f3c-93b4-c9092ef12515', "
                  "'url': '/0/samples/557d54ec-29ad-4f3c-93b4-c9092ef12515'}}}], "
                  "'matches': [ "
                  "{'label': 'good guys', 'candidates': [{'face': {'face_id': 'x', "
                  "'avatar': '/6/samples/faces/00000000-0000-4000-8000-000000000002'}, "
                  "'similarity': 0.5}]}, "
                  "{'label': 'bad guys', 'candidates': [{'face': {'face_id': 'y', "
                  "'avatar': '/6/samples/faces/00000000-0000-4000-8000-000000000003'}, "
                  "'similarity': 0.93}, "
                  "{'event': {'event_id': 'z'}, 'similarity': 0.3}]}]} ");
        const EventImageRefs refs = imageRefsOf(event, "6");
        QCOMPARE(refs.face.path,
                 QByteArray("/6/samples/faces/b668c4a5-2191-476e-a261-3b4f9ce2e25e"));
        QCOMPARE(refs.body.path, QByteArray("/0/samples/557d54ec-29ad-4f3c-93b4-c9092ef12515"));
        QCOMPARE(refs.match.path,
                 QByteArray("/6/samples/faces/00000000-0000-4000-8000-000000000003"));
        QCOMPARE(refs.matchLabel, QStringLiteral("bad guys"));
        QCOMPARE(refs.matchSimilarity, 0.93);
        QCOMPARE(&refs.slot(ImageSlot::Body), &refs.body);
        QCOMPARE(imageSlotFromName("match"), std::optional<ImageSlot>(ImageSlot::Match));
        QVERIFY(!imageSlotFromName("../face"));
    }

    void eventRefsNeverFollowOtherHosts()
    {
        const QJsonObject event =
            parse("{'detections': [{'samples': { "
                  "'face': {'sample_id': 'b668c4a5-2191-476e-a261-3b4f9ce2e25e', "
                  "'url': 'http://169.254.169.254/latest/meta-data'}, "
                  "'body': {'sample_id': '../../etc/passwd'}}}], "
                  "'matches': [{'label': 'l', 'candidates': [{'face': {'avatar': "
                  "'//evil.example/a.jpg'}, "
                  "'similarity': 0.9}]}]} ");
        const EventImageRefs refs = imageRefsOf(event, "6");
        QVERIFY(refs.face.path.isEmpty());
        QVERIFY(!refs.face.refused.isEmpty());
        QVERIFY(refs.body.path.isEmpty());
        QVERIFY(!refs.body.refused.isEmpty());
        QVERIFY(refs.match.path.isEmpty());
        QVERIFY(!refs.match.refused.isEmpty());
        QCOMPARE(refs.matchSimilarity, 0.9);

        const EventImageRefs none = imageRefsOf(parse("{'detections': 'x', 'matches': [1]} "), "6");
        QVERIFY(none.face.path.isEmpty() && none.face.refused.isEmpty());
        QVERIFY(none.match.path.isEmpty() && none.match.refused.isEmpty());
    }

    void pngIsValid()
    {
        RgbImage image(3, 2, 0x102030);
        image.set(2, 1, 0xffeedd);
        image.set(9, 9, 0); // outside: ignored
        const std::optional<DecodedPng> png = decode(encodePng(image));
        QVERIFY(png);
        QCOMPARE(png->width, 3);
        QCOMPARE(png->height, 2);
        // row 1: filter byte, then three pixels; the last one was set
        QCOMPARE(png->rows.mid(10 + 7, 3), QByteArray("\xff\xee\xdd"));
        QCOMPARE(png->rows.mid(1, 3), QByteArray("\x10\x20\x30"));
    }

    void demoIds()
    {
        QRandomGenerator random(7);
        for (const PortraitKind kind :
             {PortraitKind::CapturedFace, PortraitKind::EnrolledFace, PortraitKind::Body}) {
            const DemoImageId id {kind, 0xbeef, 0x0123};
            const QByteArray text = makeDemoImageId(id, random);
            QVERIFY(safeLunaPath(QByteArray("/6/images/" + text)));
            QCOMPARE(QUuid::fromString(QString::fromLatin1(text)).version(), QUuid::Random);
            const std::optional<DemoImageId> back = parseDemoImageId(text);
            QVERIFY(back);
            QCOMPARE(back->kind, kind);
            QCOMPARE(back->person, quint16(0xbeef));
            QCOMPARE(back->variant, quint16(0x0123));
        }
        QVERIFY(!parseDemoImageId(kId));
        QVERIFY(!parseDemoImageId("00000000-0000-4000-8000-de3f00000000")); // no such kind
        QVERIFY(!parseDemoImageId("00000000-0000-4000-8000-de30000000"));
    }

    void demoPicturesAreDrawnAndStable()
    {
        const DemoImageId captured {PortraitKind::CapturedFace, 42, 1};
        const DemoImageId enrolled {PortraitKind::EnrolledFace, 42, 0};
        const DemoImageId other {PortraitKind::CapturedFace, 43, 1};
        const DemoImageId body {PortraitKind::Body, 42, bodyVariant(6, 1, true, true)};
        const QByteArray a = renderDemoImage(captured);
        QCOMPARE(renderDemoImage(captured), a); // one id, one picture
        QVERIFY(renderDemoImage(other) != a);
        const auto face = decode(a);
        const auto photo = decode(renderDemoImage(enrolled));
        const auto figure = decode(renderDemoImage(body));
        QVERIFY(face && photo && figure);
        QCOMPARE(face->width, 160);
        QCOMPARE(face->height, 200);
        QCOMPARE(figure->width, 120);
        QCOMPARE(figure->height, 300);
        // The enrolled photo's background is plain; the body's torso is in its upper colour (red).
        auto pixel = [](const DecodedPng &p, int x, int y) {
            const char *at = p.rows.constData() + qsizetype(y) * (p.width * 3 + 1) + 1 + x * 3;
            return quint32(uchar(at[0])) << 16 | quint32(uchar(at[1])) << 8 | uchar(at[2]);
        };
        QCOMPARE(pixel(*photo, 2, 2), quint32(0xdfe6ee));
        const quint32 torso = pixel(*figure, 60, 120);
        QVERIFY2(qAbs(int(torso >> 16) - 0xc2) <= 8 && qAbs(int(torso >> 8 & 0xff) - 0x3b) <= 8,
                 qPrintable(QString::number(torso, 16)));
    }

    void cacheBounds()
    {
        qint64 clock = 0;
        ImageCache::Limits limits;
        limits.maxBytes = 100;
        limits.maxCount = 3;
        limits.maxAgeMs = 1000;
        limits.failureAgeMs = 10;
        ImageCache cache(limits, [&clock] { return clock; });
        auto ok = [](int size) {
            return ImageResult {ImageStatus::Ok, "image/png", QByteArray(size, 'x'), {}};
        };
        cache.insert("a", ok(40));
        cache.insert("b", ok(40));
        QVERIFY(cache.find("a")); // a is now the most recent
        cache.insert("c", ok(40)); // over 100 bytes: the least recent (b) goes
        QVERIFY(!cache.find("b"));
        QVERIFY(cache.find("a") && cache.find("c"));
        QCOMPARE(cache.bytes(), 80);
        cache.insert("d", ok(1));
        cache.insert("e", ok(1)); // over 3 entries
        QCOMPARE(cache.count(), 3);
        cache.insert("huge", ok(101)); // never kept
        QVERIFY(!cache.find("huge"));
        cache.insert("down", ImageResult {ImageStatus::Unavailable, {}, {}, QStringLiteral("x")});
        QVERIFY(cache.find("down"));
        clock = 10; // failures are kept briefly
        QVERIFY(!cache.find("down"));
        QVERIFY(cache.find("e"));
        clock = 1000; // and pictures for their age
        QVERIFY(!cache.find("e"));
    }
};

QTEST_GUILESS_MAIN(TestImageRef)
#include "tst_imageref.moc"
