// PictureLoader: the pictures of events as the console shows them. Answers come from another
// thread (as from the engine's) with the demo's real drawn PNGs (images/SyntheticPortrait);
// only what is wanted is asked for, each (event, slot) once, and a non-Ok status becomes a
// placeholder with its reason, also in the detail strip (EventPictures).

#include "FailOnWarnings.h"
#include "GuiTestSupport.h"
#include "gui/models/PictureLoader.h"
#include "gui/panes/EventPictures.h"
#include "images/SyntheticPortrait.h"

#include <QJsonArray>
#include <QThread>

using namespace sender;
using images::ImageResult;
using images::ImageSlot;
using images::ImageStatus;

namespace {

// Answers on a thread of its own, like the engine: a drawn face, or `status` when not Ok.
class Answerer
{
public:
    Answerer()
    {
        m_context.moveToThread(&m_thread);
        m_thread.start();
    }
    ~Answerer()
    {
        m_thread.quit();
        m_thread.wait();
    }
    ImageStatus status = ImageStatus::Ok;
    bool hold = false; // keep the callbacks instead of answering
    QList<PictureLoader::ImageDone> held;

    PictureLoader::Requester requester()
    {
        return [this](const QUuid &, ImageSlot, PictureLoader::ImageDone done) {
            if (hold) {
                held.append(std::move(done));
                return;
            }
            const ImageStatus s = status;
            QMetaObject::invokeMethod(&m_context, [s, done] {
                ImageResult r;
                r.status = s;
                if (s == ImageStatus::Ok) {
                    r.contentType = "image/png";
                    r.bytes = images::renderDemoImage({images::PortraitKind::CapturedFace, 7, 0});
                } else {
                    r.detail = QStringLiteral("no [LUNA] API_ORIGIN");
                }
                done(r);
            });
        };
    }

private:
    QThread m_thread;
    QObject m_context;
};

PictureLoader::Key key(int n, ImageSlot slot = ImageSlot::Face)
{
    return {
        QUuid::fromString(QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QChar(u'0'))),
        slot};
}

} // namespace

class TestPictureLoader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }

    void decodesOffTheGuiThreadAndCoalesces()
    {
        Answerer answers;
        PictureLoader loader(answers.requester());
        QSignalSpy requested(&loader, &PictureLoader::requested);
        int one = 0, two = 0;
        loader.want(&one, {key(1)});
        loader.want(&two, {key(1)}, PictureLoader::Priority::Selected);
        loader.want(&one, {key(1)});
        QCOMPARE(loader.picture(key(1)).state, PictureLoader::State::Loading);
        QTRY_COMPARE_WITH_TIMEOUT(loader.picture(key(1)).state, PictureLoader::State::Ready,
                                  timeouts::kRoundTrip);
        const PictureLoader::Picture p = loader.picture(key(1));
        QCOMPARE(p.thumbnail.height(), PictureLoader::kThumbnailHeight);
        QCOMPARE(p.view.height(), PictureLoader::kViewHeight);
        loader.want(&two, {key(1)});
        QCOMPARE(requested.size(), 1); // one request for every shower, and none once it is here
        QCOMPARE(loader.cachedCount(), 1);
        QVERIFY(loader.cachedBytes() > 0);
    }

    void onlyWhatIsStillWantedIsAsked()
    {
        Answerer answers;
        answers.hold = true;
        PictureLoader::Limits limits;
        limits.maxInFlight = 1;
        PictureLoader loader(answers.requester(), limits);
        QSignalSpy requested(&loader, &PictureLoader::requested);
        int rows = 0;
        loader.want(&rows, {key(1), key(2), key(3)});
        QCOMPARE(requested.size(), 1);
        // Scrolled on before key(2) and key(3) had their turn: they are never asked for.
        loader.want(&rows, {key(9)});
        QCOMPARE(answers.held.size(), 1);
        answers.hold = false;
        ImageResult none;
        none.status = ImageStatus::NoImage;
        answers.held.takeFirst()(none);
        QTRY_COMPARE_WITH_TIMEOUT(requested.size(), 2, timeouts::kRoundTrip);
        QCOMPARE(requested.at(1).at(0).value<PictureLoader::Key>(), key(9));
        QTRY_COMPARE_WITH_TIMEOUT(loader.picture(key(9)).state, PictureLoader::State::Ready,
                                  timeouts::kRoundTrip);
        QCOMPARE(requested.size(), 2);
    }

    void boundedCache()
    {
        Answerer answers;
        PictureLoader::Limits limits;
        limits.maxCount = 3;
        PictureLoader loader(answers.requester(), limits);
        int rows = 0;
        for (int n = 1; n <= 6; ++n) {
            loader.want(&rows, {key(n)});
            QTRY_COMPARE_WITH_TIMEOUT(loader.picture(key(n)).state, PictureLoader::State::Ready,
                                      timeouts::kRoundTrip);
        }
        QCOMPARE(loader.cachedCount(), 3);
    }

    void nonOkShowsItsReason()
    {
        Answerer answers;
        answers.status = ImageStatus::NotConfigured;
        PictureLoader loader(answers.requester());
        EventPictures strip;
        strip.setLoader(&loader);
        const QString id = key(4).event.toString(QUuid::WithoutBraces);
        QJsonObject face {{QStringLiteral("url"), QStringLiteral("/6/samples/faces/%1").arg(id)}};
        QJsonObject detection {
            {QStringLiteral("samples"), QJsonObject {{QStringLiteral("face"), face}}}};
        QJsonObject candidate {{QStringLiteral("similarity"), 0.91},
                               {QStringLiteral("face"),
                                QJsonObject {{QStringLiteral("avatar"),
                                              QStringLiteral("/6/samples/faces/%1").arg(id)}}}};
        QJsonObject match {{QStringLiteral("label"), QStringLiteral("vip")},
                           {QStringLiteral("candidates"), QJsonArray {candidate}}};
        strip.setEvent({{QStringLiteral("event_id"), id},
                        {QStringLiteral("detections"), QJsonArray {detection}},
                        {QStringLiteral("matches"), QJsonArray {match}}});
        QCOMPARE(strip.face()->reason(), QStringLiteral("loading…"));
        QTRY_COMPARE_WITH_TIMEOUT(strip.face()->reason(), QStringLiteral("LUNA not configured"),
                                  timeouts::kRoundTrip);
        QTRY_COMPARE_WITH_TIMEOUT(strip.match()->reason(), QStringLiteral("LUNA not configured"),
                                  timeouts::kRoundTrip);
        QVERIFY(!strip.face()->hasPicture());
        QVERIFY(!strip.face()->pixmap().isNull()); // the drawn placeholder
        QVERIFY(strip.body()->isHidden()); // no body in this event
        QVERIFY(strip.matchText().contains(u"vip"));
        QVERIFY(strip.matchText().contains(u"0.910"));

        // And with the picture: shown, not the placeholder.
        Answerer ok;
        PictureLoader working(ok.requester());
        strip.setLoader(&working);
        strip.setEvent({{QStringLiteral("event_id"), id},
                        {QStringLiteral("detections"), QJsonArray {detection}}});
        QTRY_VERIFY_WITH_TIMEOUT(strip.face()->hasPicture(), timeouts::kRoundTrip);
        QCOMPARE(strip.match()->reason(), QStringLiteral("no match"));
    }
};

QTEST_MAIN(TestPictureLoader)
#include "tst_pictureloader.moc"
