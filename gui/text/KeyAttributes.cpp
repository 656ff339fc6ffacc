#include "gui/text/KeyAttributes.h"

#include "events/AttributeKeys.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace sender {

namespace {

// "event.aggregate_estimations.face.attributes" and "event.detections[].samples.face.detection.
// attributes": the aggregate's, then any detection's (events/AttributeKeys.h).
QStringList subjectRoots(AttributeKey::Root root)
{
    const QString subject = QString::fromLatin1(subjectKey(root));
    const QString attributes = QString::fromLatin1(kAttributesKey);
    return {u"event."_s + QString::fromLatin1(kAggregateKey) + u'.' + subject + u'.' + attributes,
            u"event."_s + QString::fromLatin1(kDetectionsKey) + u"[]."_s
                + QString::fromLatin1(kSamplesKey) + u'.' + subject + u'.'
                + QString::fromLatin1(kDetectionKey) + u'.' + attributes};
}

QHash<QString, QStringList> buildTable()
{
    QHash<QString, QStringList> table;
    for (const AttributeKey &key : attributeKeys()) {
        if (!*key.filters)
            continue; // extracted, but no filter reads it
        const QString path = QString::fromLatin1(key.path);
        const QStringList filters = QString::fromLatin1(key.filters).split(u',');
        QStringList roots;
        switch (key.root) {
        case AttributeKey::Root::Message:
            roots = {QString()};
            break;
        case AttributeKey::Root::Event:
            roots = {u"event"_s};
            break;
        case AttributeKey::Root::Face:
        case AttributeKey::Root::Body:
            roots = subjectRoots(key.root);
            break;
        }
        for (const QString &root : std::as_const(roots)) {
            const QString full = root.isEmpty() ? path : root + u'.' + path;
            table.insert(full, filters);
            if (key.elements)
                table.insert(full + u"[]"_s, filters);
        }
    }
    return table;
}

} // namespace

QStringList filtersReading(const QString &path)
{
    static const QHash<QString, QStringList> table = buildTable();
    return table.value(path);
}

} // namespace sender
