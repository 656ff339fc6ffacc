#pragma once

// What the console shows of an event's pictures, as a guard would look for them (issue 26): a
// real thumbnail (the loader's picture, not its placeholder) in a stream row on screen, the
// captured face beside the enrolled face in the detail pane and in an alarm. Shared by
// tst_consolepictures (local and attached consoles) and tst_screenshots (the manual's pictures).

#include "gui/MainWindow.h"
#include "gui/models/EventSearchProxy.h"
#include "gui/models/EventStreamModel.h"
#include "gui/models/PictureLoader.h"
#include "gui/panes/AlertsPane.h"
#include "gui/panes/EventDetailView.h"
#include "gui/panes/EventPictures.h"
#include "gui/panes/EventStreamPane.h"

#include <QPixmap>
#include <QTableView>
#include <QTableWidget>

namespace sender::testing {

// The proxy rows of the stream rows on screen whose Face column shows the loader's real picture
// (DecorationRole is the ready thumbnail itself, not a placeholder). withMatch: only rows whose
// event also has a top match.
inline QList<int> visibleRowsWithThumbnails(EventStreamPane *stream, bool withMatch = false)
{
    QList<int> rows;
    EventStreamModel *model = stream->model();
    PictureLoader *loader = model->pictureLoader();
    const int column = model->columnOf(EventStreamModel::Face);
    if (!loader || column < 0)
        return rows;
    QTableView *view = stream->view();
    const QRect screen = view->viewport()->rect();
    for (int row = 0; row < stream->proxy()->rowCount(); ++row) {
        const QModelIndex index = stream->proxy()->index(row, column);
        if (!screen.intersects(view->visualRect(index)))
            continue;
        const int source = stream->proxy()->mapToSource(index).row();
        if (withMatch && !model->summaryAt(source).topSimilarity)
            continue;
        const PictureLoader::Picture picture = loader->picture(model->pictureKey(source));
        if (picture.state != PictureLoader::State::Ready || picture.thumbnail.isNull())
            continue;
        const QPixmap shown = index.data(Qt::DecorationRole).value<QPixmap>();
        if (!shown.isNull() && shown.cacheKey() == picture.thumbnail.cacheKey())
            rows.append(row);
    }
    return rows;
}

// The first of them; -1 when none shows a picture yet.
inline int visibleRowWithThumbnail(EventStreamPane *stream, bool withMatch = false)
{
    const QList<int> rows = visibleRowsWithThumbnails(stream, withMatch);
    return rows.isEmpty() ? -1 : rows.front();
}

// The captured face and the enrolled face both shown as pictures, side by side, with the match's
// label and similarity beneath.
inline bool showsFaceBesideMatch(const EventPictures *pictures)
{
    if (!pictures->isVisible() || !pictures->face()->hasPicture()
        || !pictures->match()->hasPicture() || pictures->face()->pixmap().isNull()
        || pictures->match()->pixmap().isNull() || !pictures->face()->isVisible()
        || !pictures->match()->isVisible())
        return false;
    const QRect face = pictures->face()->geometry();
    const QRect match = pictures->match()->geometry();
    return face.right() < match.left() && face.top() == match.top()
        && pictures->matchText().contains(QStringLiteral("similarity"));
}

// Whether a shown event's face and match are settled without both pictures (no face, no match,
// a failure): there is nothing more to wait for in it.
inline bool settledWithoutPair(const EventPictures *pictures)
{
    const QString loading = PictureLoader::reason({}); // "loading…"
    auto waiting = [&loading](const PictureTile *tile) {
        return !tile->hasPicture() && tile->reason() == loading;
    };
    return !waiting(pictures->face()) && !waiting(pictures->match());
}

// Selects a visible stream row with a real thumbnail and a match; true once the detail pane shows
// its face beside the match. Called again (QTRY_VERIFY) until then: a row whose enrolled face
// does not come is left for the next one.
inline bool detailShowsPictures(EventStreamPane *stream)
{
    EventPictures *pictures = stream->detail()->pictures();
    if (showsFaceBesideMatch(pictures))
        return true;
    const QModelIndex current = stream->view()->currentIndex();
    if (current.isValid() && !settledWithoutPair(pictures))
        return false; // still loading
    const int row = visibleRowWithThumbnail(stream, true);
    if (row >= 0 && (!current.isValid() || current.row() != row))
        stream->view()->setCurrentIndex(stream->proxy()->index(row, 0));
    return false;
}

// Selects alarms in turn until one shows its face beside its match (an alarm of a body-only
// event has no face); true then. Called again (QTRY_VERIFY) until then.
inline bool alarmShowsPictures(AlertsPane *alerts)
{
    EventPictures *pictures = alerts->pictures();
    QTableWidget *table = alerts->table();
    if (table->rowCount() == 0)
        return false;
    const int current = table->currentRow();
    if (current >= 0 && showsFaceBesideMatch(pictures))
        return true;
    if (current >= 0 && !settledWithoutPair(pictures))
        return false;
    table->selectRow(current < 0 ? 0 : (current + 1) % table->rowCount());
    return false;
}

inline AlertsPane *alertsPaneOf(const MainWindow &window)
{
    return window.findChild<AlertsPane *>();
}

} // namespace sender::testing
