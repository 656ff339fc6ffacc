#include "gui/text/Format.h"

#include <QCoreApplication>
#include <QHeaderView>
#include <QLocale>
#include <QTableView>

namespace sender::format {

QString count(quint64 n)
{
    return QLocale().toString(n);
}

QString rate(double perSecond)
{
    const QLocale locale;
    const QString number = perSecond >= 100 || perSecond == 0
        ? locale.toString(qint64(perSecond + 0.5))
        : locale.toString(perSecond, 'f', 1);
    return QCoreApplication::translate("Format", "%1/s").arg(number);
}

QString bytes(qint64 n)
{
    return QLocale().formattedDataSize(n, 1, QLocale::DataSizeTraditionalFormat);
}

QString duration(qint64 seconds)
{
    seconds = qMax<qint64>(0, seconds);
    if (seconds < 60)
        return QCoreApplication::translate("Format", "%1 s").arg(seconds);
    if (seconds < 3600)
        return QCoreApplication::translate("Format", "%1 min %2 s")
            .arg(seconds / 60)
            .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    if (seconds < 86400)
        return QCoreApplication::translate("Format", "%1 h %2 min")
            .arg(seconds / 3600)
            .arg((seconds / 60) % 60, 2, 10, QLatin1Char('0'));
    return QCoreApplication::translate("Format", "%1 d %2 h")
        .arg(seconds / 86400)
        .arg((seconds / 3600) % 24);
}

QString clockTime(const QDateTime &utc)
{
    return utc.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"));
}

QString timeOrDate(const QDateTime &utc)
{
    const QDateTime local = utc.toLocalTime();
    if (local.date() == QDate::currentDate())
        return local.toString(QStringLiteral("HH:mm:ss"));
    return local.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString dateTime(const QDateTime &utc)
{
    return utc.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString shortUuid(const QString &uuid)
{
    return uuid.size() > 8 ? uuid.left(8) + QChar(0x2026) : uuid;
}

QString similarity(double value)
{
    return QLocale().toString(value, 'f', 3);
}

void setUpRowTable(QTableView *view)
{
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setStretchLastSection(true);
}

void fitColumns(QTableView *view, const QStringList &samples)
{
    const QFontMetrics body(view->font());
    const QFontMetrics header(view->horizontalHeader()->font());
    const QAbstractItemModel *model = view->model();
    const int padding = body.horizontalAdvance(u'M') * 2;
    for (int c = 0; c < samples.size() && c < model->columnCount(); ++c) {
        const QString title = model->headerData(c, Qt::Horizontal).toString();
        view->setColumnWidth(
            c,
            qMax(body.horizontalAdvance(samples[c]), header.horizontalAdvance(title) + padding / 2)
                + padding);
    }
}

} // namespace sender::format
