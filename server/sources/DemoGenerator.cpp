#include "sources/DemoGenerator.h"

#include <QDateTime>

namespace sender {

namespace {

struct Camera
{
    const char *source;
    const char *city;
    const char *area;
    const char *district;
    const char *street;
    const char *house;
    double longitude;
    double latitude;
    const char *streamId; // the LUNA video stream of the camera (read by stream_ids)
};

// Real places, so geo_position filters can be tried with real coordinates.
constexpr Camera kCameras[] = {
    {"cam-01-main-entrance", "Moscow", "CAO", "Tverskoy", "Tverskaya", "7", 37.6095, 55.7578,
     "a7e4c7d2-1b7e-4f8e-9c1d-3b5a7e9f0c21"},
    {"cam-02-lobby", "Moscow", "CAO", "Tverskoy", "Tverskaya", "7", 37.6096, 55.7579,
     "0c6e2d4a-5b3f-4e1d-8a7c-9f2b1e0d3c4a"},
    {"cam-03-parking", "Moscow", "SZAO", "mitino", "schepkina", "1/2str3", 37.3600, 55.8440,
     "5d1f0b7e-2c3a-4b9d-8e6f-1a2b3c4d5e6f"},
    {"cam-04-platform-2", "Moscow", "SAO", "Khoroshevsky", "Leningradsky prospekt", "39", 37.5350,
     55.7900, "9b8a7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d"},
    {"cam-05-warehouse-gate", "Saint Petersburg", "Central", "Admiralteysky", "Nevsky prospekt",
     "28", 30.3254, 59.9358, "3f2e1d0c-9b8a-4c7d-8e6f-5a4b3c2d1e0f"},
    {"3rd Avenue", "New-York", "central park", "Manhattan", "3rd Avenue", "1", -73.9680, 40.7630,
     "e1d2c3b4-a5f6-4e7d-9c8b-7a6f5e4d3c2b"},
};

constexpr const char *kHandlers[] = {"557d54ec-29ad-4f3c-93b4-c9092ef12515",
                                     "8950722f-3fd4-4223-b48f-03f95f0e8dfb"};
constexpr const char *kLabels[] = {"employees", "vip", "bad guys", "good guys", "contractors"};
constexpr const char *kTags[] = {"entrance", "night", "watchlist", "staff", "visitor"};
constexpr const char *kUserData[] = {"visitor", "badge 1042", "courier", "fox1991", "some event"};
constexpr const char *kEthnicities[] = {"african_american", "indian", "asian", "caucasian"};
constexpr const char *kEmotions[] = {"anger",   "disgust", "fear",    "happiness",
                                     "neutral", "sadness", "surprise"};
constexpr const char *kMasks[] = {"missing", "medical_mask", "occluded"};
constexpr const char *kLiveness[] = {"spoof", "real", "unknown"};
constexpr const char *kPalette[] = {"black",  "blue",  "green", "gray",         "orange",
                                    "purple", "red",   "white", "yellow",       "pink",
                                    "brown",  "beige", "khaki", "multicolored", "undefined"};
constexpr const char *kShortPalette[] = {"black", "other", "white", "undefined"};
constexpr const char *kSleeves[] = {"short", "long", "undefined"};
constexpr const char *kGarments[] = {"trousers", "shorts", "skirt", "undefined"};

template<typename T, size_t N>
const T &pick(QRandomGenerator &r, const T (&items)[N])
{
    return items[r.bounded(quint32(N))];
}

QByteArray num(double v, int decimals = 4)
{
    return QByteArray::number(v, 'f', decimals);
}

QByteArray quoted(const char *s)
{
    return '"' + QByteArray(s) + '"';
}

QByteArray uuid()
{
    return QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
}

} // namespace

DemoGenerator::DemoGenerator(const QUuid &account, int eventsPerSecond, QObject *parent)
    : EventSource(parent)
    , m_account(account)
    , m_accountText(account.toByteArray(QUuid::WithoutBraces))
    , m_rate(eventsPerSecond)
    , m_random(QRandomGenerator::securelySeeded())
{
    // 50 ticks a second: smooth at 1 event/s, and 100 events a tick at 5 000 events/s.
    m_timer.setInterval(20);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &DemoGenerator::tick);
}

void DemoGenerator::start()
{
    m_clock.start();
    m_lastTickMs = 0;
    m_owed = 1.0; // the first event right away
    m_timer.start();
    m_state = State::Ready;
    Q_EMIT stateChanged(m_state);
    tick();
}

void DemoGenerator::stop()
{
    m_timer.stop();
    if (m_state == State::Stopped)
        return;
    m_state = State::Stopped;
    Q_EMIT stateChanged(m_state);
}

QString DemoGenerator::stateDetail() const
{
    return QStringLiteral("demo generator, %1 events/s for account %2")
        .arg(m_rate)
        .arg(QString::fromLatin1(m_accountText));
}

void DemoGenerator::setRate(int eventsPerSecond)
{
    m_rate = qMax(1, eventsPerSecond);
}

void DemoGenerator::tick()
{
    const qint64 now = m_clock.elapsed();
    m_owed += double(now - m_lastTickMs) * m_rate / 1000.0;
    m_lastTickMs = now;
    // After a stall (a suspended laptop, a debugger) do not burst more than a second's worth.
    m_owed = qMin(m_owed, double(qMax(m_rate, 1)));
    while (m_owed >= 1.0 && m_state == State::Ready) {
        const QByteArray message = makeMessage();
        if (m_sink)
            m_sink->acceptMessage(m_accountText, message, SourceKind::Demo);
    }
}

QByteArray DemoGenerator::makeMessage()
{
    // Most handlers publish one event per message; some batch a few.
    const int count = m_random.bounded(10) < 8 ? 1 : 2 + int(m_random.bounded(2));
    QByteArray events;
    for (int i = 0; i < count; ++i) {
        QString summary;
        if (i)
            events += ", ";
        events += makeEvent(&summary);
        m_owed -= 1.0;
        ++m_generated;
        Q_EMIT eventGenerated(summary);
    }
    const QByteArray now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toLatin1();
    return "{\"handler_id\": \"" + QByteArray(pick(m_random, kHandlers))
        + "\", \"Luna-Request-Id\": \"" + QByteArray::number(QDateTime::currentSecsSinceEpoch())
        + ',' + uuid() + "\", \"events\": [" + events + "], \"event_create_time\": \"" + now
        + "\", \"event_end_time\": \"" + now + "\"}";
}

QByteArray DemoGenerator::makeEvent(QString *summary)
{
    QRandomGenerator &r = m_random;
    const Camera &cam = pick(r, kCameras);
    const bool hasFace = r.bounded(10) < 8;
    const bool hasBody = !hasFace || r.bounded(10) < 4;
    const QByteArray now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toLatin1();
    const QByteArray sampleId = uuid();

    QByteArray e = "{\"event_id\": \"" + uuid() + "\", \"url\": \"/6/events/" + uuid()
        + "\", \"source\": \"" + cam.source + "\", \"stream_id\": \"" + cam.streamId
        + "\", \"track_id\": \"track-" + QByteArray::number(r.bounded(100000))
        + "\", \"create_time\": \"" + now + "\", \"end_time\": \"" + now + '"';

    QString what;
    if (hasFace) {
        const int age = 16 + int(r.bounded(60));
        const int gender = int(r.bounded(2));
        const char *ethnicity = pick(r, kEthnicities);
        const char *emotion = r.bounded(2) ? "neutral" : pick(r, kEmotions);
        const char *mask = r.bounded(5) ? "missing" : pick(r, kMasks);
        const char *liveness = r.bounded(12) ? "real" : pick(r, kLiveness);
        e += ", \"face_attributes\": {\"attribute_id\": \"" + uuid()
            + "\", \"basic_attributes\": {\"age\": " + QByteArray::number(age) + ", \"gender\": "
            + QByteArray::number(gender) + ", \"ethnicities\": {\"predominant_ethnicity\": \""
            + ethnicity + "\", \"estimations\": {\"african_american\": "
            + num(r.generateDouble() * 0.1) + ", \"indian\": " + num(r.generateDouble() * 0.1)
            + ", \"asian\": " + num(r.generateDouble() * 0.5)
            + ", \"caucasian\": " + num(r.generateDouble() * 0.5) + "}}}, \"score\": "
            + num(0.8 + r.generateDouble() * 0.2) + ", \"samples\": [\"" + sampleId + "\"]}";
        e += ", \"aggregate_estimations\": {\"face\": {\"attributes\": {\"liveness\": "
             "{\"prediction\": \""
            + QByteArray(liveness) + "\", \"estimations\": {\"score\": " + num(r.generateDouble())
            + ", \"quality\": " + num(r.generateDouble())
            + "}}, \"mask\": {\"predominant_mask\": \"" + mask
            + "\", \"estimations\": {\"medical_mask\": " + num(r.generateDouble() * 0.3)
            + ", \"missing\": " + num(0.5 + r.generateDouble() * 0.5) + ", \"occluded\": "
            + num(r.generateDouble() * 0.2) + "}}, \"emotions\": {\"predominant_emotion\": \""
            + emotion + "\", \"estimations\": {\"neutral\": " + num(r.generateDouble())
            + ", \"happiness\": " + num(r.generateDouble()) + "}}}}}";
        what = QStringLiteral("face, age %1 %2, %3, %4, mask %5, liveness %6")
                   .arg(age)
                   .arg(gender ? QStringLiteral("male") : QStringLiteral("female"),
                        QLatin1StringView(ethnicity), QLatin1StringView(emotion),
                        QLatin1StringView(mask), QLatin1StringView(liveness));
    } else {
        e += ", \"face_attributes\": null";
    }

    QByteArray detection = "{\"filename\": \"frame-" + QByteArray::number(r.bounded(1000000))
        + ".jpg\", \"detect_time\": \"" + now
        + "\", \"detect_ts\": " + num(r.generateDouble() * 500, 3) + ", \"samples\": {";
    if (hasFace)
        detection += "\"face\": {\"sample_id\": \"" + sampleId
            + "\", \"detection\": {\"rect\": {\"x\": " + QByteArray::number(100 + r.bounded(400))
            + ", \"y\": " + QByteArray::number(80 + r.bounded(200))
            + ", \"width\": 180, \"height\": 220}}}";
    if (hasBody) {
        const int apparentAge = 10 + int(r.bounded(70));
        const int apparentGender = int(r.bounded(3));
        const char *upper = pick(r, kPalette);
        const char *lower = pick(r, kPalette);
        const char *garment = pick(r, kGarments);
        const int backpack = int(r.bounded(3));
        if (hasFace)
            detection += ", ";
        detection += "\"body\": {\"sample_id\": \"" + uuid()
            + "\", \"detection\": {\"rect\": {\"x\": 60, \"y\": 40, \"width\": 240, \"height\": "
              "600}, \"attributes\": {\"basic_attributes\": {\"apparent_age\": "
            + QByteArray::number(apparentAge)
            + ", \"apparent_gender\": " + QByteArray::number(apparentGender)
            + "}, \"upper_body\": {\"headwear\": {\"state\": " + QByteArray::number(r.bounded(3))
            + ", \"apparent_color\": " + quoted(pick(r, kShortPalette))
            + "}, \"sleeve\": {\"length\": " + quoted(pick(r, kSleeves))
            + "}, \"upper_clothing\": {\"colors\": [" + quoted(upper)
            + "]}}, \"lower_body\": {\"lower_garment\": {\"type\": " + quoted(garment)
            + ", \"colors\": [" + quoted(lower) + "]}, \"shoes\": {\"apparent_color\": "
            + quoted(pick(r, kShortPalette)) + "}}, \"accessories\": {\"backpack\": {\"state\": "
            + QByteArray::number(backpack) + "}}}}}";
        if (!hasFace)
            what = QStringLiteral("body, apparent age %1, %2 upper clothing, %3 %4")
                       .arg(apparentAge)
                       .arg(QLatin1StringView(upper), QLatin1StringView(lower),
                            qstrcmp(garment, "undefined") == 0 ? QLatin1StringView("lower garment")
                                                               : QLatin1StringView(garment));
    }
    detection += "}}";
    e += ", \"detections\": [" + detection + ']';

    if (r.bounded(10) < 6) {
        const char *label = pick(r, kLabels);
        const double similarity = 0.3 + r.generateDouble() * 0.69;
        e += ", \"matches\": [{\"label\": \"" + QByteArray(label)
            + "\", \"candidates\": [{\"face\": {\"face_id\": \"" + uuid() + "\", \"user_data\": \""
            + pick(r, kUserData) + "\", \"lists\": [\"" + uuid()
            + "\"]}, \"similarity\": " + num(similarity) + "}]}]";
        what += QStringLiteral(", top match '%1' %2")
                    .arg(QLatin1StringView(label))
                    .arg(similarity, 0, 'f', 2);
    } else {
        e += ", \"matches\": []";
    }
    QByteArray tags;
    for (const char *tag : kTags) {
        if (r.bounded(4) == 0)
            tags += (tags.isEmpty() ? "" : ", ") + quoted(tag);
    }
    e += ", \"tags\": [" + tags + "], \"user_data\": \"" + pick(r, kUserData)
        + "\", \"external_id\": \"" + uuid() + "\", \"location\": {\"city\": \"" + cam.city
        + "\", \"area\": \"" + cam.area + "\", \"district\": \"" + cam.district
        + "\", \"street\": \"" + cam.street + "\", \"house_number\": \"" + cam.house
        + "\", \"geo_position\": {\"longitude\": " + num(cam.longitude)
        + ", \"latitude\": " + num(cam.latitude) + "}}, \"meta\": {\"demo\": true}}";
    *summary = QStringLiteral("%1: %2").arg(QLatin1StringView(cam.source), what);
    return e;
}

} // namespace sender
