#pragma once

#include <QByteArray>

namespace sender::images {

// An 8-bit RGB picture in memory, row by row, and its encoding as a PNG file (zlib from the system,
// one IDAT chunk): what the synthetic portraits of the demo are served as. No Qt Gui in the server.
struct RgbImage
{
    int width = 0;
    int height = 0;
    QByteArray pixels; // width * height * 3 bytes, top row first

    RgbImage(int w, int h, quint32 fill);
    void set(int x, int y, quint32 rgb);
    quint32 at(int x, int y) const;
};

QByteArray encodePng(const RgbImage &image);

} // namespace sender::images
