#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

class QRandomGenerator;

namespace sender::images {

// The demo's pictures: drawn faces and bodies (never photos of anyone), generated on request from
// the sample id alone, so the demo source mints ids and the service serves what they name with no
// store. A demo id is a version-4 UUID whose last group starts with "de3", then the kind, the
// person (four hex digits: the captured face and the enrolled face of one person look alike) and
// four hex digits of variant (for a body: its clothing colours, sleeves and backpack).
enum class PortraitKind : quint8 { CapturedFace = 0, EnrolledFace = 1, Body = 2 };

struct DemoImageId
{
    PortraitKind kind = PortraitKind::CapturedFace;
    quint16 person = 0;
    quint16 variant = 0;
};

// The colours the demo's body attributes name, in the order of its palette; what a body is drawn
// in.
struct DemoColour
{
    const char *name;
    quint32 rgb;
};
inline constexpr DemoColour kDemoPalette[] = {
    {"black", 0x252525},  {"blue", 0x2f5fb3},         {"green", 0x3f8f4f},    {"gray", 0x8a8a8a},
    {"orange", 0xe3822f}, {"purple", 0x7b4fa8},       {"red", 0xc23b3b},      {"white", 0xeeeeee},
    {"yellow", 0xe6cf3a}, {"pink", 0xe89bb8},         {"brown", 0x7a5230},    {"beige", 0xd8c8a0},
    {"khaki", 0xa89f6a},  {"multicolored", 0x4aa3a0}, {"undefined", 0x6a6a7a}};
inline constexpr int kDemoPaletteSize = int(sizeof(kDemoPalette) / sizeof(kDemoPalette[0]));

// Body variant bits: upper colour (4), lower colour (4), long sleeves (1), backpack (1).
quint16 bodyVariant(int upperColour, int lowerColour, bool longSleeves, bool backpack);

QByteArray makeDemoImageId(const DemoImageId &id, QRandomGenerator &random);
std::optional<DemoImageId> parseDemoImageId(QByteArrayView uuid);

// A PNG: 160 x 200 for a face, 120 x 300 for a body.
QByteArray renderDemoImage(const DemoImageId &id);

} // namespace sender::images
