#pragma once

// The RFC 9110/9112 syntax the request parser checks, shared by its head and chunked-body halves.

#include <QByteArray>
#include <QByteArrayView>

#include <algorithm>

namespace sender::httpsyntax {

inline bool isTokenChar(char c)
{
    // RFC 9110 tchar
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

inline bool isToken(QByteArrayView s)
{
    return !s.isEmpty() && std::all_of(s.begin(), s.end(), isTokenChar);
}

// Why a header or trailer line (without its CRLF) is not a field line (RFC 9112 5), or "".
inline QByteArray fieldLineProblem(QByteArrayView line)
{
    if (line.startsWith(' ') || line.startsWith('\t'))
        return "obsolete header line folding";
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0 || !isToken(line.first(colon)))
        return "malformed header line";
    for (char c : line.sliced(colon + 1)) {
        if ((uchar(c) < 0x20 && c != '\t') || uchar(c) == 0x7f)
            return "control character in a header value";
    }
    return {};
}

} // namespace sender::httpsyntax
