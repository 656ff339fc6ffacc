#pragma once

#include <QString>
#include <QStringList>

namespace sender {

// Which subscription filters read a JSON path of a delivered message (contract section 5), so
// the detail pane can highlight what filters act on. Paths name array elements "[]":
// "event.matches[].candidates[].similarity" -> object_similarity__gte, object_similarity__lt.
// Read from the engine's table of keys (events/AttributeKeys.h), which the extractor reads too.
QStringList filtersReading(const QString &path);

} // namespace sender
