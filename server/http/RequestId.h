#pragma once

#include <QByteArray>

namespace sender {

// Luna-Request-Id: "{unix-seconds},{uuid4}" with lower-case hex.
namespace requestid {
bool isValid(QByteArrayView value);
QByteArray generate();
} // namespace requestid

} // namespace sender
