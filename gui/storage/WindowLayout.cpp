#include "gui/storage/WindowLayout.h"

#include "gui/storage/ConsolePreferences.h"

#include <QMainWindow>
#include <QRect>
#include <QSettings>
#include <QSplitter>

namespace sender::windowlayout {

namespace {

const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kSplitters = QStringLiteral("window/splitters/");

// The window's splitters that have a name (an unnamed one could not be told apart next time).
QList<QSplitter *> namedSplitters(QMainWindow *window)
{
    QList<QSplitter *> named;
    for (QSplitter *splitter : window->findChildren<QSplitter *>()) {
        if (!splitter->objectName().isEmpty())
            named.append(splitter);
    }
    return named;
}

} // namespace

QRect defaultGeometry(const QRect &available)
{
    QRect box(0, 0, available.width() * 4 / 5, available.height() * 4 / 5);
    box.moveCenter(available.center());
    return box;
}

bool restore(QMainWindow *window)
{
    QSettings *store = consoleSettingsStore();
    bool all = true;
    // QMainWindow and QSplitter check what they read (marker, version, lengths) and change
    // nothing when it does not parse.
    if (store->contains(kGeometry))
        all = window->restoreGeometry(store->value(kGeometry).toByteArray()) && all;
    if (store->contains(kState))
        all = window->restoreState(store->value(kState).toByteArray()) && all;
    for (QSplitter *splitter : namedSplitters(window)) {
        const QString key = kSplitters + splitter->objectName();
        if (store->contains(key))
            all = splitter->restoreState(store->value(key).toByteArray()) && all;
    }
    return all;
}

void save(QMainWindow *window)
{
    QSettings *store = consoleSettingsStore();
    store->setValue(kGeometry, window->saveGeometry());
    store->setValue(kState, window->saveState());
    for (QSplitter *splitter : namedSplitters(window))
        store->setValue(kSplitters + splitter->objectName(), splitter->saveState());
    store->sync();
}

} // namespace sender::windowlayout
