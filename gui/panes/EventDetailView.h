#pragma once

#include "snapshots/EngineSnapshot.h"

#include <QWidget>

class QLabel;
class QToolButton;
class QTreeView;

namespace sender {

class EventPictures;
class JsonTreeModel;
class PictureLoader;

// The detail pane of one event: a one-line summary, the captured face (and body) beside the best
// match's enrolled face, the message as a client receives it as a collapsible JSON tree with the
// attributes filters read highlighted, and copying it as JSON.
class EventDetailView : public QWidget
{
    Q_OBJECT
public:
    explicit EventDetailView(QWidget *parent = nullptr);

    // Where the pictures come from (none: the pictures are not shown).
    void setPictureLoader(PictureLoader *loader);
    EventPictures *pictures() const { return m_pictures; }

    // `number` is the stream's (0 for an event from the engine's history).
    void showSample(const EventSample &sample, quint64 number);
    void clearSample();
    bool hasSample() const { return m_sample.message != nullptr; }

    // The JSON a client of this event receives: {"event": ..., "handler_id": ..., ...}.
    QByteArray deliveredJson() const;
    // The event object exactly as the handler published it.
    QByteArray eventJson() const;
    void copyDeliveredJson() const;
    void copyEventJson() const;

    JsonTreeModel *treeModel() const { return m_model; }
    QTreeView *treeView() const { return m_tree; }
    QString summaryText() const;

private:
    EventSample m_sample;
    JsonTreeModel *m_model;
    QTreeView *m_tree;
    EventPictures *m_pictures;
    QLabel *m_summary;
    QToolButton *m_copy;
};

} // namespace sender
