#include "images/PngWriter.h"

#include <QtEndian>

#include <zlib.h>

namespace sender::images {

RgbImage::RgbImage(int w, int h, quint32 fill)
    : width(w)
    , height(h)
    , pixels(qsizetype(w) * h * 3, Qt::Uninitialized)
{
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x)
            set(x, y, fill);
    }
}

void RgbImage::set(int x, int y, quint32 rgb)
{
    if (x < 0 || y < 0 || x >= width || y >= height)
        return;
    char *p = pixels.data() + (qsizetype(y) * width + x) * 3;
    p[0] = char(rgb >> 16);
    p[1] = char(rgb >> 8);
    p[2] = char(rgb);
}

quint32 RgbImage::at(int x, int y) const
{
    const uchar *p =
        reinterpret_cast<const uchar *>(pixels.constData()) + (qsizetype(y) * width + x) * 3;
    return quint32(p[0]) << 16 | quint32(p[1]) << 8 | p[2];
}

namespace {

void appendBigEndian(QByteArray &out, quint32 value)
{
    char bytes[4];
    qToBigEndian(value, bytes);
    out.append(bytes, 4);
}

void appendChunk(QByteArray &out, const char type[4], const QByteArray &data)
{
    appendBigEndian(out, quint32(data.size()));
    const qsizetype start = out.size();
    out.append(type, 4);
    out.append(data);
    const uLong crc = crc32(0L, reinterpret_cast<const Bytef *>(out.constData() + start),
                            uInt(out.size() - start));
    appendBigEndian(out, quint32(crc));
}

} // namespace

QByteArray encodePng(const RgbImage &image)
{
    // Filter type 0 (none) before every row, then one zlib stream.
    QByteArray raw;
    raw.reserve(qsizetype(image.height) * (image.width * 3 + 1));
    for (int y = 0; y < image.height; ++y) {
        raw.append('\0');
        raw.append(image.pixels.constData() + qsizetype(y) * image.width * 3, image.width * 3);
    }
    uLongf packedSize = compressBound(uLong(raw.size()));
    QByteArray packed(qsizetype(packedSize), Qt::Uninitialized);
    if (compress2(reinterpret_cast<Bytef *>(packed.data()), &packedSize,
                  reinterpret_cast<const Bytef *>(raw.constData()), uLong(raw.size()), 6)
        != Z_OK)
        return {};
    packed.truncate(qsizetype(packedSize));

    QByteArray header;
    appendBigEndian(header, quint32(image.width));
    appendBigEndian(header, quint32(image.height));
    header.append(char(8)); // bit depth
    header.append(char(2)); // colour type: RGB
    header.append(3, '\0'); // compression, filter, interlace

    QByteArray png("\x89PNG\r\n\x1a\n", 8);
    appendChunk(png, "IHDR", header);
    appendChunk(png, "IDAT", packed);
    appendChunk(png, "IEND", {});
    return png;
}

} // namespace sender::images
