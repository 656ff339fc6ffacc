#include "gui/panes/EventPictures.h"

#include "gui/text/Format.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace sender {

using images::ImageSlot;

namespace {

// Room for a face (4:5) at the pictures' height; a body (narrower) is centred in it.
QSize tileSize()
{
    return {PictureLoader::kViewHeight * 4 / 5, PictureLoader::kViewHeight};
}

} // namespace

PictureTile::PictureTile(const QString &caption, QWidget *parent)
    : QWidget(parent)
    , m_caption(new QLabel(caption, this))
    , m_image(new QLabel(this))
{
    m_caption->setAlignment(Qt::AlignHCenter);
    QFont small = m_caption->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_caption->setFont(small);
    m_image->setFixedSize(tileSize());
    m_image->setAlignment(Qt::AlignCenter);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_caption);
    layout->addWidget(m_image);
}

void PictureTile::setPicture(const PictureLoader::Picture &picture, PictureLoader *loader,
                             const QString &reason)
{
    m_hasPicture = picture.state == PictureLoader::State::Ready && !picture.view.isNull();
    if (m_hasPicture) {
        m_reason.clear();
        m_pixmap = picture.view;
        m_image->setToolTip({});
    } else {
        m_reason = reason.isEmpty() ? PictureLoader::reason(picture) : reason;
        m_pixmap = loader->placeholder(tileSize(), m_reason);
        m_image->setToolTip(picture.detail);
    }
    m_image->setPixmap(m_pixmap);
}

EventPictures::EventPictures(QWidget *parent)
    : QWidget(parent)
    , m_face(new PictureTile(tr("Captured face"), this))
    , m_body(new PictureTile(tr("Body"), this))
    , m_match(new PictureTile(tr("Enrolled face"), this))
    , m_matchText(new QLabel(this))
{
    setObjectName(QStringLiteral("eventPictures"));
    m_face->setObjectName(QStringLiteral("facePicture"));
    m_body->setObjectName(QStringLiteral("bodyPicture"));
    m_match->setObjectName(QStringLiteral("matchPicture"));
    m_matchText->setObjectName(QStringLiteral("matchText"));
    m_matchText->setAlignment(Qt::AlignHCenter);
    m_matchText->setTextFormat(Qt::RichText);
    m_matchText->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *tiles = new QHBoxLayout;
    tiles->setSpacing(6);
    tiles->addWidget(m_face);
    tiles->addWidget(m_body);
    tiles->addWidget(m_match);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(tiles);
    layout->addWidget(m_matchText);
    layout->addStretch(1);
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Preferred);
    hide();
}

EventPictures::~EventPictures()
{
    if (m_loader)
        m_loader->want(this, {});
}

void EventPictures::setLoader(PictureLoader *loader)
{
    if (m_loader)
        disconnect(m_loader, nullptr, this, nullptr);
    m_loader = loader;
    if (!loader) {
        hide();
        return;
    }
    connect(loader, &PictureLoader::pictureChanged, this, [this](const PictureLoader::Key &key) {
        if (m_shown && key.event == m_event)
            refresh();
    });
    if (m_shown)
        refresh();
}

void EventPictures::setEvent(const QJsonObject &event)
{
    // The references decide what there is to ask for; the path is the service's business (it
    // finds the event by its id), the version is only needed to build one.
    m_refs = images::imageRefsOf(event, "6");
    m_event = QUuid::fromString(event.value(QLatin1StringView("event_id")).toString());
    m_shown = true;
    if (!m_loader)
        return;
    QList<PictureLoader::Key> keys;
    for (const ImageSlot slot : {ImageSlot::Face, ImageSlot::Match, ImageSlot::Body}) {
        if (!m_refs.slot(slot).path.isEmpty())
            keys.append({m_event, slot});
    }
    m_loader->want(this, m_event.isNull() ? QList<PictureLoader::Key>() : keys,
                   PictureLoader::Priority::Selected);
    refresh();
    show();
}

void EventPictures::clear()
{
    m_shown = false;
    m_event = {};
    m_refs = {};
    if (m_loader)
        m_loader->want(this, {});
    hide();
}

void EventPictures::refreshTile(PictureTile *tile, ImageSlot slot)
{
    const images::ImageRef &ref = m_refs.slot(slot);
    PictureLoader::Picture none;
    none.state = PictureLoader::State::Failed;
    none.status = images::ImageStatus::NoImage;
    if (!ref.refused.isEmpty()) {
        // Named, but not a path the service follows: nothing is asked for.
        none.status = images::ImageStatus::Refused;
        none.detail = ref.refused;
        tile->setPicture(none, m_loader);
    } else if (ref.path.isEmpty() || m_event.isNull()) {
        tile->setPicture(none, m_loader,
                         slot == ImageSlot::Match && m_refs.matchSimilarity < 0 ? tr("no match")
                                                                                : QString());
    } else {
        tile->setPicture(m_loader->touch({m_event, slot}), m_loader);
    }
}

void EventPictures::refresh()
{
    if (!m_loader)
        return;
    refreshTile(m_face, ImageSlot::Face);
    // The body only when the event has one: most have a face alone.
    const bool body = !m_refs.body.path.isEmpty() || !m_refs.body.refused.isEmpty();
    m_body->setVisible(body);
    if (body)
        refreshTile(m_body, ImageSlot::Body);
    refreshTile(m_match, ImageSlot::Match);
    if (m_refs.matchSimilarity >= 0)
        m_matchText->setText(
            QStringLiteral("<b>%1</b> · %2")
                .arg(m_refs.matchLabel.toHtmlEscaped(),
                     tr("similarity %1").arg(format::similarity(m_refs.matchSimilarity))));
    else
        m_matchText->setText(QStringLiteral("<i>%1</i>").arg(tr("no match").toHtmlEscaped()));
}

QString EventPictures::matchText() const
{
    return m_matchText->text();
}

} // namespace sender
