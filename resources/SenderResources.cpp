#include "SenderResources.h"

#include <QFileInfo>

namespace sender::resources {

QStringList missingFiles()
{
    QStringList missing;
    for (const char *path : {kOpenApiYaml, kSpecPage, kRedocBundle, ":/sender/docs/dev/index.html",
                             ":/sender/web/index.html", ":/sender/web/main.js"}) {
        const QFileInfo info(QString::fromLatin1(path));
        if (!info.isFile() || info.size() == 0)
            missing.append(info.filePath());
    }
    return missing;
}

} // namespace sender::resources
