#include "events/EventMessage.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace sender {

namespace {

QString namesOf(const EventAttributes &attributes, AttributeSet::Id set)
{
    const Vocabulary &vocabulary = sender::vocabulary(set);
    QString names;
    for (const VocabularyTerm &term : vocabulary.terms) {
        if (!(attributes.sets[set] & (1u << term.code)))
            continue;
        if (!names.isEmpty())
            names += u'/';
        names += term.name;
    }
    return names;
}

QString text(QByteArrayView utf8)
{
    return QString::fromUtf8(utf8);
}

} // namespace

EventSummary summarize(const EventMessage &message, qsizetype i)
{
    const EventAttributes &a = message.attributes(i);
    EventSummary summary;
    if (a.has(EventAttributes::EventId))
        summary.eventId = text(a.eventId);
    if (a.has(EventAttributes::Source))
        summary.source = text(a.source);
    if (a.has(EventAttributes::Age) && std::abs(a.age) < 1e6)
        summary.age = int(std::lround(a.age));
    summary.gender = namesOf(a, AttributeSet::Gender);
    summary.emotion = namesOf(a, AttributeSet::Emotion);
    summary.mask = namesOf(a, AttributeSet::Mask);
    summary.liveness = namesOf(a, AttributeSet::Liveness);
    if (a.has(EventAttributes::TopSimilarity)) {
        summary.topMatchLabel = text(a.topMatchLabel);
        summary.topSimilarity = a.topSimilarity;
    }
    return summary;
}

} // namespace sender
