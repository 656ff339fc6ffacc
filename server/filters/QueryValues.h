#pragma once

#include "events/AttributeVocabulary.h"
#include "filters/FilterParameters.h"

#include <QByteArrayView>
#include <QString>

#include <optional>

// How query values are read and how error details show them.
namespace sender::filters {

// Query numbers are plain decimals, optionally signed, with an optional exponent: no nan, inf,
// hex, or surrounding whitespace. An exponent beyond double's range reads as a huge number (or
// zero), so that the range check, not the syntax check, rejects it.
std::optional<double> parseDecimal(QByteArrayView text);

// A value quoted back in an error detail: short and on one line, whatever the client sent.
QString quoted(QByteArrayView utf8);
// "[0, 200]" for an Integer or Number parameter.
QString rangeText(const ParamSpec &spec);
// "0 (female), 1 (male)" or "short, long, undefined": the allowed values of an enumeration.
QString allowedValues(const Vocabulary &vocabulary);

} // namespace sender::filters
