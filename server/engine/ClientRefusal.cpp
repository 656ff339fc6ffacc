#include "engine/ClientRefusal.h"

#include "http/ApiError.h"

namespace sender {

ClientRefusal badQueryParameterRefusal(const QString &parameter, const QString &detail)
{
    const ApiError e = ApiError::badQueryParameter(parameter, detail);
    return {e.httpStatus, e.code, e.desc, e.detail, e.toJson()};
}

} // namespace sender
