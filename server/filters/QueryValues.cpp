#include "filters/QueryValues.h"

#include "events/JsonTape.h"

#include <QStringList>

#include <charconv>

using namespace Qt::StringLiterals;

namespace sender::filters {

QString quoted(QByteArrayView utf8)
{
    constexpr qsizetype kMaxShown = 64;
    QString text = QString::fromUtf8(utf8);
    if (text.size() > kMaxShown) {
        const qsizetype cut = text.at(kMaxShown - 1).isHighSurrogate() ? kMaxShown - 1 : kMaxShown;
        text.truncate(cut);
        text += u'…';
    }
    for (QChar &c : text) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7F)
            c = QChar(QChar::ReplacementCharacter);
    }
    return u'\'' + text + u'\'';
}

QString rangeText(const ParamSpec &s)
{
    return u"[%1, %2]"_s.arg(QString::fromLatin1(formatNumber(s.min)),
                             QString::fromLatin1(formatNumber(s.max)));
}

QString allowedValues(const Vocabulary &vocabulary)
{
    QStringList items;
    for (const VocabularyTerm &term : vocabulary.terms) {
        items += vocabulary.queryUsesCodes ? u"%1 (%2)"_s.arg(term.code).arg(term.name)
                                           : QString(term.name);
    }
    return items.join(u", "_s);
}

std::optional<double> parseDecimal(QByteArrayView text)
{
    qsizetype i = 0;
    const auto digits = [&] {
        const qsizetype start = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9')
            ++i;
        return i - start;
    };
    if (i < text.size() && (text[i] == '-' || text[i] == '+'))
        ++i;
    const qsizetype mantissaStart = text.startsWith('+') ? 1 : 0;
    if (digits() == 0)
        return std::nullopt;
    if (i < text.size() && text[i] == '.') {
        ++i;
        if (digits() == 0)
            return std::nullopt;
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '-' || text[i] == '+'))
            ++i;
        if (digits() == 0)
            return std::nullopt;
    }
    if (i != text.size())
        return std::nullopt;
    double value = 0;
    const char *begin = text.data() + mantissaStart;
    const auto [ptr, ec] = std::from_chars(begin, text.data() + text.size(), value);
    if (ptr != text.data() + text.size())
        return std::nullopt;
    // 1e999 is a number, just far outside every range; 1e-999 is as good as zero.
    if (ec == std::errc::result_out_of_range) {
        const QByteArrayView unsignedText = text.sliced(mantissaStart);
        if (json::decimalExponent(unsignedText) < 0)
            return 0.0;
        return unsignedText.startsWith('-') ? -1e300 : 1e300;
    }
    if (ec != std::errc())
        return std::nullopt;
    return value;
}

} // namespace sender::filters
