// Fuzzes the two header checks every request meets: Luna-Request-Id (requestid::isValid) against
// the contract's regular expression, and Luna-Account-Id (parseStrictUuid) against the UUID
// pattern, both compiled by PCRE here as independent references (anchored with \A...\z: '$' alone
// would also match before a final newline). An accepted account id must come back as the same
// UUID, and generated request ids must be valid.
#include "FuzzChunks.h"
#include "http/RequestId.h"
#include "util/StrictUuid.h"

#include <QRegularExpression>

#include <cstddef>
#include <cstdint>

namespace {

const QRegularExpression &requestIdPattern()
{
    static const QRegularExpression re(QRegularExpression::anchoredPattern(
        QStringLiteral("[0-9]{10},[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}")));
    return re;
}

const QRegularExpression &uuidPattern()
{
    static const QRegularExpression re(QRegularExpression::anchoredPattern(QStringLiteral(
        "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")));
    return re;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    // Latin-1 maps every byte to one code point, so the pattern sees exactly the bytes.
    const QString text = QString::fromLatin1(input);

    fuzz::check(sender::requestid::isValid(input) == requestIdPattern().match(text).hasMatch());

    const std::optional<QUuid> account = sender::parseStrictUuid(input);
    fuzz::check(account.has_value() == uuidPattern().match(text).hasMatch());
    if (account) {
        fuzz::check(account->toByteArray(QUuid::WithoutBraces) == input.toByteArray().toLower());
        fuzz::check(account->isNull() == (input.count('0') == 32));
    }

    // The id half of a request id is an account-style UUID in lower case.
    if (sender::requestid::isValid(input))
        fuzz::check(sender::parseStrictUuid(input.sliced(11)).has_value());

    static const bool generatedOk = [] {
        for (int i = 0; i < 100; ++i)
            fuzz::check(sender::requestid::isValid(sender::requestid::generate()));
        return true;
    }();
    (void)generatedOk;
    return 0;
}
