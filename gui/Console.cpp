#include "gui/Console.h"

#include "gui/MainWindow.h"

#include <QApplication>

namespace sender {

int runConsole(const Settings &settings)
{
    MainWindow window(settings);
    window.show();
    return QApplication::exec();
}

} // namespace sender
