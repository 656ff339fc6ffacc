#pragma once

#include <QByteArray>

#include <optional>

namespace sender::docs {

struct File
{
    QByteArray content;
    QByteArray contentType;
};

// The compiled-in OpenAPI document (:/sender/openapi.yaml).
QByteArray openApiYaml();
// The page that renders it with the vendored ReDoc bundle, offline (:/sender/docs/spec.html).
QByteArray specHtmlPage();
// A file of the developer manual, path relative to /docs/dev/ (still percent-encoded). Nothing for
// paths that leave the manual or do not exist. configuration.html gets the generated reference of
// every configuration key inserted, so the manual cannot drift from the program.
std::optional<File> manualFile(QByteArrayView relativePath);
// That reference: an HTML table per section, from ConfigSchema.
QByteArray configurationReferenceHtml();

} // namespace sender::docs
