// Draws the console's icons into PNG files (the build has no SVG module, and these shapes are
// simple enough to describe in code). Not part of the build; to change an icon, edit and run:
//   g++ -std=c++20 -fPIC paint-icons.cpp $(pkg-config --cflags --libs Qt6Gui) -o paint-icons
//   QT_QPA_PLATFORM=offscreen ./paint-icons <gui/icons>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QtMath>

#include <functional>

namespace {

const QColor kInk(0x3a, 0x44, 0x50);

void save(const QString &dir, const QString &name, int size,
          const std::function<void(QPainter &)> &paint)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.scale(size / 32.0, size / 32.0); // every icon is drawn on a 32x32 grid
    paint(p);
    p.end();
    image.save(dir + QLatin1Char('/') + name + QLatin1String(".png"));
}

void appIcon(QPainter &p)
{
    QLinearGradient g(0, 0, 0, 32);
    g.setColorAt(0, QColor(0x24, 0x4a, 0x7c));
    g.setColorAt(1, QColor(0x14, 0x2a, 0x4a));
    p.setPen(Qt::NoPen);
    p.setBrush(g);
    p.drawRoundedRect(QRectF(1, 1, 30, 30), 6, 6);
    // The moon: a disc with a disc cut out of it.
    QPainterPath moon;
    moon.addEllipse(QPointF(13, 16), 8, 8);
    QPainterPath bite;
    bite.addEllipse(QPointF(17, 13), 7, 7);
    p.setBrush(QColor(0xf6, 0xd8, 0x6b));
    p.drawPath(moon.subtracted(bite));
    // What the sender does: events going out.
    p.setBrush(Qt::NoBrush);
    for (int i = 0; i < 3; ++i) {
        QColor c(0x8f, 0xd3, 0xff);
        c.setAlphaF(1.0 - i * 0.25);
        p.setPen(QPen(c, 1.8, Qt::SolidLine, Qt::RoundCap));
        const double r = 5 + i * 3.5;
        p.drawArc(QRectF(19 - r, 17 - r, 2 * r, 2 * r), -40 * 16, 80 * 16);
    }
}

void pauseIcon(QPainter &p)
{
    p.setPen(Qt::NoPen);
    p.setBrush(kInk);
    p.drawRoundedRect(QRectF(8, 6, 6, 20), 1.5, 1.5);
    p.drawRoundedRect(QRectF(18, 6, 6, 20), 1.5, 1.5);
}

void resume(QPainter &p)
{
    QPainterPath play;
    play.moveTo(9, 5);
    play.lineTo(26, 16);
    play.lineTo(9, 27);
    play.closeSubpath();
    p.setPen(QPen(QColor(0x2f, 0x8f, 0x4e), 2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.setBrush(QColor(0x3c, 0xa8, 0x5e));
    p.drawPath(play);
}

void follow(QPainter &p)
{
    const QColor blue(0x2b, 0x6c, 0xb0);
    p.setPen(QPen(blue, 3, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.drawLine(QPointF(16, 4), QPointF(16, 20));
    p.drawLine(QPointF(9, 14), QPointF(16, 21));
    p.drawLine(QPointF(23, 14), QPointF(16, 21));
    p.drawLine(QPointF(7, 27), QPointF(25, 27));
}

void clear(QPainter &p)
{
    p.setPen(QPen(kInk, 2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.setBrush(Qt::NoBrush);
    p.drawLine(QPointF(6, 9), QPointF(26, 9));
    p.drawLine(QPointF(13, 9), QPointF(13, 5));
    p.drawLine(QPointF(13, 5), QPointF(19, 5));
    p.drawLine(QPointF(19, 5), QPointF(19, 9));
    QPainterPath can;
    can.moveTo(8, 9);
    can.lineTo(10, 27);
    can.lineTo(22, 27);
    can.lineTo(24, 9);
    p.drawPath(can);
    p.drawLine(QPointF(13.5, 13), QPointF(14, 23));
    p.drawLine(QPointF(18.5, 13), QPointF(18, 23));
}

void disconnectIcon(QPainter &p)
{
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0xc0, 0x39, 0x2b));
    p.drawEllipse(QRectF(3, 3, 26, 26));
    p.setPen(QPen(Qt::white, 3.2, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(QPointF(11, 11), QPointF(21, 21));
    p.drawLine(QPointF(21, 11), QPointF(11, 21));
}

void copy(QPainter &p)
{
    p.setPen(QPen(kInk, 2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.setBrush(Qt::white);
    p.drawRoundedRect(QRectF(5, 5, 15, 18), 2, 2);
    p.drawRoundedRect(QRectF(12, 10, 15, 18), 2, 2);
}

void settings(QPainter &p)
{
    p.translate(16, 16);
    QPainterPath gear;
    const int teeth = 8;
    for (int i = 0; i < teeth * 2; ++i) {
        const double outer = (i % 2 == 0) ? 13.5 : 10.5;
        const double a0 = (i - 0.5) * M_PI / teeth;
        const double a1 = (i + 0.5) * M_PI / teeth;
        const QPointF p0(outer * std::cos(a0), outer * std::sin(a0));
        const QPointF p1(outer * std::cos(a1), outer * std::sin(a1));
        if (i == 0)
            gear.moveTo(p0);
        else
            gear.lineTo(p0);
        gear.lineTo(p1);
    }
    gear.closeSubpath();
    QPainterPath hole;
    hole.addEllipse(QPointF(0, 0), 4.5, 4.5);
    p.setPen(Qt::NoPen);
    p.setBrush(kInk);
    p.drawPath(gear.subtracted(hole));
}

void eye(QPainter &p)
{
    QPainterPath lid;
    lid.moveTo(3, 16);
    lid.quadTo(16, 3, 29, 16);
    lid.quadTo(16, 29, 3, 16);
    p.setPen(QPen(kInk, 2));
    p.setBrush(Qt::NoBrush);
    p.drawPath(lid);
    p.setPen(Qt::NoPen);
    p.setBrush(kInk);
    p.drawEllipse(QPointF(16, 16), 4.5, 4.5);
}

} // namespace

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    const QString dir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(".");
    save(dir, QStringLiteral("luna-sender"), 256, appIcon);
    save(dir, QStringLiteral("pause"), 32, pauseIcon);
    save(dir, QStringLiteral("resume"), 32, resume);
    save(dir, QStringLiteral("follow"), 32, follow);
    save(dir, QStringLiteral("clear"), 32, clear);
    save(dir, QStringLiteral("disconnect"), 32, disconnectIcon);
    save(dir, QStringLiteral("copy"), 32, copy);
    save(dir, QStringLiteral("settings"), 32, settings);
    save(dir, QStringLiteral("eye"), 32, eye);
    return 0;
}
