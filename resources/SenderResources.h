#pragma once

#include <QString>
#include <QStringList>

// The documentation compiled into the program by resources/CMakeLists.txt, under :/sender.
namespace sender::resources {

inline constexpr char kOpenApiYaml[] = ":/sender/openapi.yaml";
inline constexpr char kSpecPage[] = ":/sender/docs/spec.html";
inline constexpr char kManualDir[] = ":/sender/docs/dev/"; // + path below /docs/dev/
inline constexpr char kWebDir[] = ":/sender/web/"; // the web viewer, served at /monitor/
inline constexpr char kRedocBundle[] = ":/sender/docs/dev/_static/redoc.standalone.js";

// The resources that the service cannot do without and that are missing or empty; empty when the
// library is linked in whole. For a start-up check or a test.
QStringList missingFiles();

} // namespace sender::resources
