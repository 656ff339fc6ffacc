#include "http/RequestId.h"

#include <QDateTime>
#include <QUuid>

namespace sender::requestid {

bool isValid(QByteArrayView v)
{
    // ^[0-9]{10},[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$
    if (v.size() != 10 + 1 + 36)
        return false;
    for (int i = 0; i < 10; ++i) {
        if (v[i] < '0' || v[i] > '9')
            return false;
    }
    if (v[10] != ',')
        return false;
    for (qsizetype i = 11; i < v.size(); ++i) {
        const qsizetype pos = i - 11;
        const char c = v[i];
        if (pos == 8 || pos == 13 || pos == 18 || pos == 23) {
            if (c != '-')
                return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}

QByteArray generate()
{
    return QByteArray::number(QDateTime::currentSecsSinceEpoch()) + ','
        + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
}

} // namespace sender::requestid
