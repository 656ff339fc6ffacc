#include "images/SyntheticPortrait.h"

#include "images/PngWriter.h"
#include "util/HexDigit.h"
#include "util/StrictUuid.h"

#include <QRandomGenerator>

#include <cmath>

namespace sender::images {

namespace {

constexpr quint32 kSkin[] = {0xf1c8a5, 0xe0ac84, 0xc68863, 0x9c6644, 0x7a4a30, 0x5a3624};
constexpr quint32 kHair[] = {0x1d1a18, 0x4a3120, 0x8a5a32, 0xc9a25a, 0x9a9a9a, 0x7a2e1c};
constexpr quint32 kShirt[] = {0x34495e, 0x8e44ad, 0x16a085, 0xc0392b, 0x2c3e50, 0x7f8c8d};
constexpr quint32 kIris[] = {0x4b3621, 0x2e6f9e, 0x3d7a3d, 0x6b4a2b};

// A small deterministic generator (splitmix64), so one id always draws the same picture.
struct Dice
{
    quint64 state;
    quint64 next()
    {
        quint64 z = (state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    int below(int n) { return int(next() % quint64(n)); }
};

quint32 shade(quint32 rgb, int delta)
{
    auto c = [delta](int v) {
        return quint32(qBound(0, v + delta, 255));
    };
    return c(int(rgb >> 16 & 0xff)) << 16 | c(int(rgb >> 8 & 0xff)) << 8 | c(int(rgb & 0xff));
}

void fillEllipse(RgbImage &img, double cx, double cy, double rx, double ry, quint32 rgb,
                 double topLimit = -1e9, double bottomLimit = 1e9)
{
    const int y0 = int(std::floor(qMax(cy - ry, topLimit)));
    const int y1 = int(std::ceil(qMin(cy + ry, bottomLimit)));
    for (int y = y0; y <= y1; ++y) {
        const double dy = (y + 0.5 - cy) / ry;
        if (dy * dy > 1.0)
            continue;
        const double half = rx * std::sqrt(1.0 - dy * dy);
        for (int x = int(std::floor(cx - half)); x <= int(std::ceil(cx + half)); ++x) {
            const double dx = (x + 0.5 - cx) / rx;
            if (dx * dx + dy * dy <= 1.0)
                img.set(x, y, rgb);
        }
    }
}

void fillRect(RgbImage &img, int x, int y, int w, int h, quint32 rgb)
{
    for (int j = y; j < y + h; ++j) {
        for (int i = x; i < x + w; ++i)
            img.set(i, j, rgb);
    }
}

void thickLine(RgbImage &img, double x0, double y0, double x1, double y1, double width, quint32 rgb)
{
    const double length = std::hypot(x1 - x0, y1 - y0);
    const int steps = qMax(1, int(length * 2));
    for (int s = 0; s <= steps; ++s) {
        const double t = double(s) / steps;
        fillEllipse(img, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, width / 2, width / 2, rgb);
    }
}

void ring(RgbImage &img, double cx, double cy, double r, double width, quint32 rgb)
{
    for (int y = int(cy - r - width); y <= int(cy + r + width); ++y) {
        for (int x = int(cx - r - width); x <= int(cx + r + width); ++x) {
            const double d = std::hypot(x + 0.5 - cx, y + 0.5 - cy);
            if (std::abs(d - r) <= width / 2)
                img.set(x, y, rgb);
        }
    }
}

// Camera grain: a captured picture is a frame of a stream, not a studio photo.
void grain(RgbImage &img, Dice &dice, int amount)
{
    for (int y = 0; y < img.height; ++y) {
        for (int x = 0; x < img.width; ++x)
            img.set(x, y, shade(img.at(x, y), dice.below(2 * amount + 1) - amount));
    }
}

QByteArray renderFace(const DemoImageId &id)
{
    Dice person {0x5eed0000ULL + id.person};
    const quint32 skin = kSkin[person.below(6)];
    const quint32 hair = kHair[person.below(6)];
    const quint32 shirt = kShirt[person.below(6)];
    const quint32 iris = kIris[person.below(4)];
    const int hairStyle = person.below(4);
    const bool glasses = person.below(5) == 0;
    const bool beard = person.below(6) == 0;
    const double faceWidth = 44 + person.below(10);
    const double faceHeight = 58 + person.below(8);
    const int smile = person.below(3);

    Dice variant {0xfacefaceULL ^ (quint64(id.person) << 16 | id.variant)};
    const bool captured = id.kind == PortraitKind::CapturedFace;
    // An enrolled photo: plain light background, face centred. A capture: a darker scene, the face
    // a little off centre.
    const quint32 background = captured ? shade(0x5a6470, variant.below(40) - 20) : 0xdfe6ee;
    RgbImage img(160, 200, background);
    const double cx = 80 + (captured ? variant.below(17) - 8 : 0);
    const double cy = 92 + (captured ? variant.below(11) - 5 : 0);

    fillEllipse(img, cx, 205, 70, 42, shirt); // shoulders
    fillRect(img, int(cx - 14), int(cy + faceHeight - 14), 28, 30, shade(skin, -18)); // neck
    if (hairStyle == 3) // long hair behind the head
        fillEllipse(img, cx, cy + 10, faceWidth + 8, faceHeight + 6, hair);
    fillEllipse(img, cx, cy, faceWidth, faceHeight, skin); // head
    fillEllipse(img, cx - faceWidth, cy + 4, 7, 12, shade(skin, -10)); // ears
    fillEllipse(img, cx + faceWidth, cy + 4, 7, 12, shade(skin, -10));
    if (hairStyle != 2) // hair on top (style 2 is bald)
        fillEllipse(img, cx, cy - faceHeight * 0.55, faceWidth + 3, faceHeight * 0.55, hair, -1e9,
                    cy - faceHeight * (hairStyle == 1 ? 0.45 : 0.62));
    if (beard)
        fillEllipse(img, cx, cy + faceHeight * 0.55, faceWidth * 0.8, faceHeight * 0.45,
                    shade(hair, 10), cy + faceHeight * 0.35);

    const double eyeY = cy - faceHeight * 0.12;
    for (const double side : {-1.0, 1.0}) {
        const double ex = cx + side * faceWidth * 0.42;
        fillEllipse(img, ex, eyeY, 9, 5.5, 0xf7f7f2);
        fillEllipse(img, ex, eyeY, 4, 4, iris);
        fillEllipse(img, ex, eyeY, 1.6, 1.6, 0x101010);
        thickLine(img, ex - 10, eyeY - 12, ex + 10, eyeY - 13 - side, 3.5, shade(hair, -10));
        if (glasses)
            ring(img, ex, eyeY, 13, 2.5, 0x202020);
    }
    if (glasses)
        thickLine(img, cx - faceWidth * 0.42 + 13, eyeY, cx + faceWidth * 0.42 - 13, eyeY, 2.5,
                  0x202020);
    thickLine(img, cx, eyeY + 6, cx - 4, eyeY + 26, 3, shade(skin, -35)); // nose
    thickLine(img, cx - 4, eyeY + 26, cx + 4, eyeY + 27, 3, shade(skin, -35));
    const double mouthY = cy + faceHeight * 0.5;
    for (int i = -14; i <= 14; ++i) {
        const double curve = smile * 0.025 * (196 - i * i) / 14.0;
        fillEllipse(img, cx + i, mouthY + curve, 2, 2, 0x9b3b3b);
    }
    if (captured)
        grain(img, variant, 10);
    return encodePng(img);
}

QByteArray renderBody(const DemoImageId &id)
{
    Dice person {0x5eed0000ULL + id.person};
    const quint32 skin = kSkin[person.below(6)];
    const quint32 hair = kHair[person.below(6)];
    const int upper = qMin(int(id.variant & 0xf), kDemoPaletteSize - 1);
    const int lower = qMin(int(id.variant >> 4 & 0xf), kDemoPaletteSize - 1);
    const bool longSleeves = id.variant >> 8 & 1;
    const bool backpack = id.variant >> 9 & 1;
    const quint32 top = kDemoPalette[upper].rgb;
    const quint32 bottom = kDemoPalette[lower].rgb;

    Dice scene {0xb0d1b0d1ULL ^ (quint64(id.person) << 16 | id.variant)};
    RgbImage img(120, 300, shade(0x6f7780, scene.below(30) - 15));
    fillRect(img, 0, 250, 120, 50, 0x555b60); // pavement
    const double cx = 60;
    if (backpack)
        fillRect(img, int(cx - 28), 82, 56, 70, 0x3a3a3a);
    fillRect(img, int(cx - 24), 70, 48, 92, top); // torso
    fillRect(img, int(cx - 36), 74, 12, longSleeves ? 80 : 30, top); // sleeves
    fillRect(img, int(cx + 24), 74, 12, longSleeves ? 80 : 30, top);
    if (!longSleeves) {
        fillRect(img, int(cx - 35), 104, 10, 48, skin); // forearms
        fillRect(img, int(cx + 25), 104, 10, 48, skin);
    }
    fillEllipse(img, cx - 30, 158, 6, 6, skin); // hands
    fillEllipse(img, cx + 30, 158, 6, 6, skin);
    fillRect(img, int(cx - 22), 160, 20, 100, bottom); // legs
    fillRect(img, int(cx + 2), 160, 20, 100, bottom);
    fillRect(img, int(cx - 24), 258, 23, 10, 0x1c1c1c); // shoes
    fillRect(img, int(cx + 1), 258, 23, 10, 0x1c1c1c);
    fillRect(img, int(cx - 7), 56, 14, 16, shade(skin, -15)); // neck
    fillEllipse(img, cx, 38, 19, 23, skin); // head
    fillEllipse(img, cx, 24, 20, 13, hair, -1e9, 28);
    grain(img, scene, 8);
    return encodePng(img);
}

} // namespace

quint16 bodyVariant(int upperColour, int lowerColour, bool longSleeves, bool backpack)
{
    return quint16((upperColour & 0xf) | (lowerColour & 0xf) << 4 | int(longSleeves) << 8
                   | int(backpack) << 9);
}

QByteArray makeDemoImageId(const DemoImageId &id, QRandomGenerator &random)
{
    static const char kHex[] = "0123456789abcdef";
    QByteArray text(36, '-');
    for (int i = 0; i < 36; ++i) {
        if (i != 8 && i != 13 && i != 18 && i != 23)
            text[i] = kHex[random.bounded(16)];
    }
    text[14] = '4'; // version 4
    text[19] = kHex[8 + random.bounded(4)]; // RFC 4122 variant
    const quint64 tail = quint64(0xde3) << 36 | quint64(quint8(id.kind) & 0xf) << 32
        | quint64(id.person) << 16 | id.variant;
    for (int i = 0; i < 12; ++i)
        text[24 + i] = kHex[tail >> (44 - 4 * i) & 0xf];
    return text;
}

std::optional<DemoImageId> parseDemoImageId(QByteArrayView uuid)
{
    if (!parseStrictUuid(uuid) || uuid.sliced(24, 3).toByteArray().toLower() != "de3")
        return std::nullopt;
    quint64 tail = 0;
    for (qsizetype i = 27; i < 36; ++i)
        tail = tail << 4 | quint64(hexDigitValue(uuid[i]));
    const int kind = int(tail >> 32 & 0xf);
    if (kind > int(PortraitKind::Body))
        return std::nullopt;
    return DemoImageId {PortraitKind(kind), quint16(tail >> 16), quint16(tail)};
}

QByteArray renderDemoImage(const DemoImageId &id)
{
    return id.kind == PortraitKind::Body ? renderBody(id) : renderFace(id);
}

} // namespace sender::images
