#pragma once

#include "config/Settings.h"
#include "http/Router.h"

namespace sender {

// What the service resources ask of the running engine. Implemented by the engine; every call
// happens on the engine thread.
class ServiceContext
{
public:
    struct HealthProblem
    {
        QString component; // "redis"
        QString detail; // why it is not healthy
    };

    virtual ~ServiceContext() = default;
    virtual const Settings &settings() const = 0;
    virtual QList<HealthProblem> healthProblems() const = 0;
};

// /version, /healthcheck, /config, /docs/spec, /docs/dev and the manual's pages.
void addServiceResources(Router &router, ServiceContext *context);

} // namespace sender
