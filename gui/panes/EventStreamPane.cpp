#include "gui/panes/EventStreamPane.h"

#include "gui/models/EventSearchProxy.h"
#include "gui/models/EventStreamModel.h"
#include "gui/models/PictureLoader.h"
#include "gui/panes/EventDetailView.h"
#include "gui/text/Format.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace sender {

// Text as wide as a column's widest usual value, to size the columns once.
QStringList eventColumnSamples(bool withVerdict)
{
    QStringList samples = {QStringLiteral("9999999"),
                           QStringLiteral("MMM"),
                           QStringLiteral("00:00:00.000"),
                           QStringLiteral("8b8b5937…"),
                           QStringLiteral("cam-05-warehouse-gate"),
                           QStringLiteral("557d54ec…"),
                           QStringLiteral("100 · female"),
                           QStringLiteral("happiness"),
                           QStringLiteral("medical_mask"),
                           QStringLiteral("unknown"),
                           QStringLiteral("contractors"),
                           QStringLiteral("0.999"),
                           QStringLiteral("999")};
    if (withVerdict)
        samples.prepend(EventStreamPane::tr("filtered out"));
    return samples;
}

EventStreamPane::EventStreamPane(QWidget *parent)
    : QWidget(parent)
    , m_model(new EventStreamModel(EventStreamModel::Mode::Stream, this))
    , m_proxy(new EventSearchProxy(this))
    , m_view(new QTableView(this))
    , m_detail(new EventDetailView(this))
    , m_toolbar(new QToolBar(this))
    , m_search(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_pictureTimer(new QTimer(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setDynamicSortFilter(false);

    m_toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolbar->setIconSize(QSize(16, 16));
    m_pause = m_toolbar->addAction(QIcon(QStringLiteral(":/icons/pause.png")), tr("Pause"));
    m_pause->setObjectName(QStringLiteral("pauseStream"));
    m_pause->setCheckable(true);
    m_pause->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_pause->setToolTip(tr("Freeze the list to read it; new events wait and are added on resume "
                           "(Ctrl+E)"));
    connect(m_pause, &QAction::toggled, this, &EventStreamPane::setPaused);
    m_follow = m_toolbar->addAction(QIcon(QStringLiteral(":/icons/follow.png")), tr("Follow"));
    m_follow->setObjectName(QStringLiteral("followTail"));
    m_follow->setCheckable(true);
    m_follow->setChecked(true);
    m_follow->setToolTip(
        tr("Keep the newest event in view; scrolling up stops following, scrolling to the end "
           "resumes it"));
    connect(m_follow, &QAction::triggered, this, &EventStreamPane::setFollowingTail);
    m_clear = m_toolbar->addAction(QIcon(QStringLiteral(":/icons/clear.png")), tr("Clear"));
    m_clear->setToolTip(tr("Empty the list (the server is not affected)"));
    connect(m_clear, &QAction::triggered, this, [this] {
        m_model->clear();
        m_detail->clearSample();
    });
    m_toolbar->addSeparator();
    m_search->setObjectName(QStringLiteral("eventSearch"));
    m_search->setPlaceholderText(tr("Quick search: source, label, emotion, event id…"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(m_search->fontMetrics().horizontalAdvance(u'M') * 22);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setSearchText(text);
        updateStatus();
        if (m_following)
            m_view->scrollToBottom();
    });
    m_toolbar->addWidget(m_search);
    m_toolbar->addSeparator();
    m_toolbar->addWidget(m_status);

    m_view->setObjectName(QStringLiteral("eventStreamView"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setCornerButtonEnabled(false);
    // Fixed row heights and column widths: nothing is measured per row, whatever the row count.
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 4);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setHighlightSections(false);
    format::fitColumns(m_view, eventColumnSamples(false));

    QScrollBar *bar = m_view->verticalScrollBar();
    connect(bar, &QScrollBar::rangeChanged, this, [this, bar](int, int max) {
        if (m_following) {
            m_scrolling = true;
            bar->setValue(max);
            m_scrolling = false;
        } else if (m_keepTop.isValid()) {
            m_scrolling = true;
            bar->setValue(m_keepTop.row());
            m_scrolling = false;
        }
        m_keepTop = QPersistentModelIndex();
    });
    // Rows inserted above a reader who scrolled away (the history, older than what is shown)
    // must not move the rows they are reading: back to the same top row once the view knows
    // its new range.
    connect(m_proxy, &QAbstractItemModel::rowsAboutToBeInserted, this,
            [this, bar](const QModelIndex &, int first, int) {
                if (!m_following && first <= bar->value())
                    m_keepTop = QPersistentModelIndex(m_proxy->index(bar->value(), 0));
            });
    connect(bar, &QScrollBar::valueChanged, this, [this, bar](int value) {
        if (!m_scrolling)
            setFollowingTail(value >= bar->maximum());
    });
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this,
            [this](const QModelIndex &, int first, int last) {
                if (first == 0)
                    keepPlaceAfterTrim(last - first + 1);
            });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &EventStreamPane::showCurrent);
    connect(m_model, &EventStreamModel::countsChanged, this, &EventStreamPane::updateStatus);

    // Pictures for what is on screen, at most every kPictureDelayMs whatever the event rate: the
    // rows that scrolled by in between are never asked for.
    m_view->setColumnHidden(m_model->columnOf(EventStreamModel::Face), true);
    m_pictureTimer->setSingleShot(true);
    m_pictureTimer->setInterval(kPictureDelayMs);
    connect(m_pictureTimer, &QTimer::timeout, this, &EventStreamPane::wantVisiblePictures);
    connect(bar, &QScrollBar::valueChanged, this, &EventStreamPane::schedulePictures);
    connect(bar, &QScrollBar::rangeChanged, this, &EventStreamPane::schedulePictures);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &EventStreamPane::schedulePictures);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &EventStreamPane::schedulePictures);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &EventStreamPane::schedulePictures);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &EventStreamPane::schedulePictures);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("eventStreamSplitter"));
    splitter->addWidget(m_view);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 4);
    layout->setSpacing(2);
    layout->addWidget(m_toolbar);
    layout->addWidget(splitter, 1);
    updateStatus();
}

EventStreamPane::~EventStreamPane()
{
    if (m_pictures)
        m_pictures->want(this, {});
}

void EventStreamPane::setPictureLoader(PictureLoader *loader)
{
    if (m_pictures)
        m_pictures->want(this, {});
    m_pictures = loader;
    m_model->setPictureLoader(loader);
    m_detail->setPictureLoader(loader);
    const int face = m_model->columnOf(EventStreamModel::Face);
    m_view->setColumnHidden(face, !loader);
    if (!loader)
        return;
    // Rows tall enough for a thumbnail; fixed still, so nothing is measured per row.
    m_view->verticalHeader()->setDefaultSectionSize(
        qMax(m_view->fontMetrics().height() + 4, PictureLoader::kThumbnailHeight + 4));
    m_view->setColumnWidth(face, PictureLoader::kThumbnailHeight * 3 / 2 + 8);
    // A picture that came is drawn at the next paint (the view repaints what is on screen).
    connect(loader, &PictureLoader::pictureChanged, m_view->viewport(),
            qOverload<>(&QWidget::update));
    schedulePictures();
}

void EventStreamPane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    schedulePictures();
}

void EventStreamPane::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    schedulePictures(); // nothing on screen: nothing wanted
}

void EventStreamPane::schedulePictures()
{
    if (m_pictures && !m_pictureTimer->isActive())
        m_pictureTimer->start();
}

void EventStreamPane::wantVisiblePictures()
{
    if (!m_pictures)
        return;
    QList<PictureLoader::Key> keys;
    const int rows = m_proxy->rowCount();
    if (isVisible() && rows > 0) {
        const int top = qMax(0, m_view->rowAt(0));
        int bottom = m_view->rowAt(m_view->viewport()->height() - 1);
        if (bottom < 0)
            bottom = rows - 1;
        // Bottom first: following the tail, the newest rows matter most.
        for (int row = bottom; row >= top && keys.size() < 200; --row)
            keys.append(m_model->pictureKey(m_proxy->mapToSource(m_proxy->index(row, 0)).row()));
    }
    m_pictures->want(this, keys);
}

void EventStreamPane::appendSamples(const QList<EventSample> &samples, quint64 droppedBefore)
{
    m_notSampled += droppedBefore;
    m_model->appendSamples(samples);
}

void EventStreamPane::addHistory(const QList<EventSample> &events, bool historyEnabled)
{
    if (historyEnabled)
        m_model->addHistory(events);
}

void EventStreamPane::setCap(int cap)
{
    m_model->setCap(cap);
}

void EventStreamPane::setPaused(bool paused)
{
    if (m_model->isPaused() == paused)
        return;
    m_model->setPaused(paused);
    m_pause->setChecked(paused);
    m_pause->setText(paused ? tr("Resume") : tr("Pause"));
    m_pause->setIcon(
        QIcon(paused ? QStringLiteral(":/icons/resume.png") : QStringLiteral(":/icons/pause.png")));
    updateStatus();
    Q_EMIT pausedChanged(paused);
}

void EventStreamPane::setFollowingTail(bool follow)
{
    m_follow->setChecked(follow);
    if (follow == m_following)
        return;
    m_following = follow;
    if (follow) {
        m_scrolling = true;
        m_view->scrollToBottom();
        m_scrolling = false;
    }
}

void EventStreamPane::keepPlaceAfterTrim(int removedRows)
{
    // The head was trimmed under a reader who scrolled away: move the view up by as many rows
    // so the rows they are reading stay where they are.
    if (m_following)
        return;
    QScrollBar *bar = m_view->verticalScrollBar();
    m_scrolling = true;
    bar->setValue(qMax(0, bar->value() - removedRows));
    m_scrolling = false;
}

void EventStreamPane::showCurrent()
{
    const QModelIndex current = m_proxy->mapToSource(m_view->currentIndex());
    if (!current.isValid())
        return; // keep showing the last event even when it left the list
    m_detail->showSample(m_model->sampleAt(current.row()), m_model->numberAt(current.row()));
}

QString EventStreamPane::statusText() const
{
    return m_status->text();
}

void EventStreamPane::updateStatus()
{
    QString text;
    if (!m_proxy->searchText().isEmpty())
        text = tr("%1 of %2 events match")
                   .arg(format::count(quint64(m_proxy->rowCount())),
                        format::count(quint64(m_model->rowCount())));
    else
        text = tr("%1 events (last %2 kept)")
                   .arg(format::count(quint64(m_model->rowCount())),
                        format::count(quint64(m_model->cap())));
    if (m_model->historyCount() > 0)
        text += u"  ·  "
            + tr("%1 events from the history").arg(format::count(quint64(m_model->historyCount())));
    if (m_model->isPaused())
        text += u"  ·  "
            + tr("paused, %1 waiting").arg(format::count(quint64(m_model->pendingCount())));
    if (m_notSampled)
        text += u"  ·  " + tr("%1 not sampled").arg(format::count(m_notSampled));
    m_status->setText(text);
}

} // namespace sender
