// The JSON tree of the detail pane: member order kept, strings decoded, key attributes of the
// contract highlighted, malformed input refused.

#include "FailOnWarnings.h"
#include "gui/models/JsonTreeModel.h"
#include "gui/text/KeyAttributes.h"
#include "gui/text/Translations.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace sender;

class TestJsonTreeModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void initTestCase() { installConsoleTranslation(QStringLiteral("en")); }
    void keepsOrderAndDecodes();
    void marksKeyAttributes();
    void refusesMalformed_data();
    void refusesMalformed();
    void keyAttributeTable();
};

void TestJsonTreeModel::keepsOrderAndDecodes()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setJson(
        R"({"z": 1, "a": "caf\u00e9 \ud83d\ude00 \"q\"", "m": [true, null, {"k": -1.5e3}], "e": {}})"));
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("z"));
    QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("a"));
    QCOMPARE(model.index(1, 1).data().toString(), QStringLiteral("\"café 😀 \"q\"\""));
    const QModelIndex m = model.index(2, 0);
    QCOMPARE(model.rowCount(m), 3);
    QCOMPARE(model.index(2, 1).data().toString(), QStringLiteral("[3 items]"));
    QCOMPARE(model.index(0, 1, m).data().toString(), QStringLiteral("true"));
    QCOMPARE(model.index(1, 1, m).data().toString(), QStringLiteral("null"));
    const QModelIndex k = model.indexOfPath(QStringLiteral("m[2].k"));
    QVERIFY(k.isValid());
    QCOMPARE(k.siblingAtColumn(1).data().toString(), QStringLiteral("-1.5e3"));
    QCOMPARE(model.parent(k), model.index(2, 0, m));
    QCOMPARE(model.index(3, 1).data().toString(), QStringLiteral("{0 keys}"));
}

void TestJsonTreeModel::marksKeyAttributes()
{
    JsonTreeModel model;
    QVERIFY(model.setJson(
        R"({"event": {"event_id": "x", "source": "cam1", "matches": [{"label": "vip", "candidates": [{"similarity": 0.9}]}],
            "detections": [{"samples": {"body": {"detection": {"attributes": {"upper_body": {"upper_clothing": {"colors": ["red"]}}}}}}}]},
            "handler_id": "h"})"));
    auto filters = [&](const char *path) {
        return model.indexOfPath(QString::fromLatin1(path))
            .siblingAtColumn(JsonTreeModel::Filters)
            .data()
            .toString();
    };
    QCOMPARE(filters("event.source"), QStringLiteral("sources"));
    QCOMPARE(filters("event.matches[0].label"), QStringLiteral("matching_candidates_labels"));
    QCOMPARE(filters("event.matches[0].candidates[0].similarity"),
             QStringLiteral("object_similarity__gte, object_similarity__lt"));
    QCOMPARE(filters("event.detections[0].samples.body.detection.attributes.upper_body."
                     "upper_clothing.colors[0]"),
             QStringLiteral("upper_clothing_colors"));
    QCOMPARE(filters("handler_id"), QStringLiteral("handler_ids"));
    QCOMPARE(filters("event.event_id"), QString());
    // Every container on the way to a key attribute is listed for expanding, and no other.
    QStringList expanded;
    for (const QModelIndex &i : model.keyAttributeAncestors())
        expanded += i.data(JsonTreeModel::PathRole).toString();
    QVERIFY(expanded.contains(QStringLiteral("event")));
    QVERIFY(expanded.contains(QStringLiteral("event.matches[0].candidates")));
    QVERIFY(expanded.contains(
        QStringLiteral("event.detections[0].samples.body.detection.attributes.upper_body")));
    QVERIFY(!expanded.contains(QStringLiteral("event.event_id")));
}

void TestJsonTreeModel::refusesMalformed_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("truncated") << QByteArray(R"({"a": [1, 2)");
    QTest::newRow("trailing") << QByteArray(R"({"a": 1} x)");
    QTest::newRow("bad escape") << QByteArray(R"({"a": "\u12"})");
    QTest::newRow("no colon") << QByteArray(R"({"a" 1})");
    QTest::newRow("deep") << QByteArray(100, '[') + QByteArray(100, ']');
    QTest::newRow("empty") << QByteArray();
}

void TestJsonTreeModel::refusesMalformed()
{
    QFETCH(QByteArray, json);
    JsonTreeModel model;
    QVERIFY(!model.setJson(json));
    QCOMPARE(model.rowCount(), 0);
}

void TestJsonTreeModel::keyAttributeTable()
{
    // Face attributes are read from the aggregate or from any detection (contract section 5).
    QCOMPARE(filtersReading(
                 QStringLiteral("event.aggregate_estimations.face.attributes.liveness.prediction")),
             QStringList {QStringLiteral("liveness")});
    QCOMPARE(filtersReading(QStringLiteral(
                 "event.detections[].samples.face.detection.attributes.mask.predominant_mask")),
             QStringList {QStringLiteral("masks")});
    QCOMPARE(
        filtersReading(QStringLiteral("event.aggregate_estimations.body.attributes."
                                      "basic_attributes.apparent_age")),
        (QStringList {QStringLiteral("apparent_age__gte"), QStringLiteral("apparent_age__lt")}));
    QVERIFY(filtersReading(QStringLiteral("event.url")).isEmpty());
}

QTEST_MAIN(TestJsonTreeModel)
#include "tst_jsontreemodel.moc"
