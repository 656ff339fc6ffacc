#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace sender::filters {

// Decodes a query component: "%XX" is a byte, '+' a space. Returns false on a '%' that is not
// followed by two hex digits, with *badOffset on that '%'.
bool percentDecode(QByteArrayView in, QByteArray &out, qsizetype *badOffset);

// Encodes every byte except the unreserved ones of RFC 3986 (ALPHA DIGIT - . _ ~), so that the
// result survives any query parser, ours included.
void percentEncodeAppend(QByteArrayView in, QByteArray &out);

} // namespace sender::filters
