#pragma once

#include <QDateTime>
#include <QStringList>

class QAbstractItemModel;
class QTableView;
#include <QString>

namespace sender::format {

// Thousands separated the way the console's language writes them ("12 345" in Russian).
QString count(quint64 n);
QString rate(double perSecond); // "4 987/s", "12.5/s"
QString bytes(qint64 n); // "0 B", "12.3 KiB", "4.0 MiB"
QString duration(qint64 seconds); // "42 s", "3 min 05 s", "2 h 07 min", "3 d 4 h"
QString clockTime(const QDateTime &utc); // local "14:03:07.412"
QString timeOrDate(const QDateTime &utc); // local "14:03:07" today, else "2024-05-01 14:03"
QString dateTime(const QDateTime &utc); // local "2024-05-01 14:03:07"
QString shortUuid(const QString &uuid); // "8b8b5937…"
QString similarity(double value); // "0.873"

// The console's list tables: whole rows, one at a time, alternating colours, one line a row,
// no row numbers, the last column taking the rest of the width.
void setUpRowTable(QTableView *view);

// Sets each column of the view wide enough for its header and the given sample text.
void fitColumns(QTableView *view, const QStringList &samples);

} // namespace sender::format
