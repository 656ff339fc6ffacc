#include "gui/storage/RecentServices.h"

#include "gui/storage/ConsolePreferences.h"
#include "gui/storage/TokenStore.h"

#include <QSettings>

namespace sender {

namespace {

const QString kKey = QStringLiteral("attach/recent");

void store(const QStringList &list)
{
    consoleSettingsStore()->setValue(kKey, list);
}

} // namespace

QStringList RecentServices::load()
{
    return consoleSettingsStore()->value(kKey).toStringList();
}

void RecentServices::remember(const QString &url)
{
    const QString key = TokenStore::serviceKey(url);
    QStringList list = load();
    list.removeAll(key);
    list.prepend(key);
    while (list.size() > kMax)
        list.removeLast();
    store(list);
}

void RecentServices::forget(const QString &url)
{
    QStringList list = load();
    list.removeAll(TokenStore::serviceKey(url));
    store(list);
}

} // namespace sender
