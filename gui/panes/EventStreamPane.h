#pragma once

#include "snapshots/EngineSnapshot.h"

#include <QPersistentModelIndex>
#include <QPointer>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;
class QToolBar;

namespace sender {

class EventDetailView;
class EventSearchProxy;
class EventStreamModel;
class PictureLoader;

QStringList eventColumnSamples(bool withVerdict);

// The live capture: the capped event list following the tail unless the user scrolls away,
// pause/resume, a quick search, and the detail pane of the selected event.
class EventStreamPane : public QWidget
{
    Q_OBJECT
public:
    explicit EventStreamPane(QWidget *parent = nullptr);
    ~EventStreamPane() override;

    void appendSamples(const QList<EventSample> &samples, quint64 droppedBefore);
    // The engine's recent history (EngineFeed::recentEventsReady), shown muted before the live
    // events, each once; nothing at all when the engine keeps no history.
    void addHistory(const QList<EventSample> &events, bool historyEnabled);
    void setCap(int cap);
    // The thumbnails and the detail pane's pictures come from it (none: no pictures).
    void setPictureLoader(PictureLoader *loader);
    // The pictures of the rows on screen, asked for now (the pane does it by itself, at most
    // every kPictureDelayMs after the rows or the scroll position changed).
    void wantVisiblePictures();
    static constexpr int kPictureDelayMs = 100;

    EventStreamModel *model() const { return m_model; }
    EventSearchProxy *proxy() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    EventDetailView *detail() const { return m_detail; }
    QLineEdit *searchField() const { return m_search; }
    QAction *pauseAction() const { return m_pause; }
    QAction *followAction() const { return m_follow; }
    QAction *clearAction() const { return m_clear; }
    bool isFollowingTail() const { return m_following; }
    QString statusText() const;

    void setPaused(bool paused);
    void setFollowingTail(bool follow);

Q_SIGNALS:
    void pausedChanged(bool paused);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void showCurrent();
    void updateStatus();
    void keepPlaceAfterTrim(int removedRows);
    void schedulePictures();

    EventStreamModel *m_model;
    EventSearchProxy *m_proxy;
    QTableView *m_view;
    EventDetailView *m_detail;
    QToolBar *m_toolbar;
    QLineEdit *m_search;
    QLabel *m_status;
    QAction *m_pause;
    QAction *m_follow;
    QAction *m_clear;
    QPointer<PictureLoader> m_pictures; // the window may delete it first
    QTimer *m_pictureTimer;
    bool m_following = true;
    bool m_scrolling = false; // our own scroll moves, not the user's
    // The top row of a reader who scrolled away, while rows go in above it (the history).
    QPersistentModelIndex m_keepTop;
    quint64 m_notSampled = 0;
};

} // namespace sender
