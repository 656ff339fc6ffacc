#pragma once

#include "gui/models/PictureLoader.h"

#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class QLabel;

namespace sender {

// One picture with its caption: the picture when it came, else a drawn placeholder saying why
// there is none ("loading…", "no picture", "LUNA not configured", ...).
class PictureTile : public QWidget
{
    Q_OBJECT
public:
    PictureTile(const QString &caption, QWidget *parent = nullptr);

    // The picture, or the placeholder with `reason` (PictureLoader::reason() when empty).
    void setPicture(const PictureLoader::Picture &picture, PictureLoader *loader,
                    const QString &reason = {});
    bool hasPicture() const { return m_hasPicture; }
    // What the placeholder says (empty when a picture is shown).
    QString reason() const { return m_reason; }
    const QPixmap &pixmap() const { return m_pixmap; }

private:
    QLabel *m_caption;
    QLabel *m_image;
    QPixmap m_pixmap;
    QString m_reason;
    bool m_hasPicture = false;
};

// What a guard compares: the captured face (and body, when the event has one) beside the
// enrolled face of the best match, with the match's list label and similarity. Shown in the
// event detail pane and the alarm's; the pictures come from the console's PictureLoader, asked
// for as soon as an event is shown and only for it.
class EventPictures : public QWidget
{
    Q_OBJECT
public:
    explicit EventPictures(QWidget *parent = nullptr);
    ~EventPictures() override;

    // Without a loader nothing is shown (the strip stays hidden).
    void setLoader(PictureLoader *loader);
    // The event object as published (event_id, detections, matches).
    void setEvent(const QJsonObject &event);
    void clear();

    PictureTile *face() const { return m_face; }
    PictureTile *body() const { return m_body; }
    PictureTile *match() const { return m_match; }
    QString matchText() const;

private:
    void refresh();
    void refreshTile(PictureTile *tile, images::ImageSlot slot);

    QPointer<PictureLoader> m_loader;
    PictureTile *m_face;
    PictureTile *m_body;
    PictureTile *m_match;
    QLabel *m_matchText;
    QUuid m_event;
    images::EventImageRefs m_refs;
    bool m_shown = false;
};

} // namespace sender
