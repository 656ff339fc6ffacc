#pragma once

class QMainWindow;
class QRect;

namespace sender {

// The main window's geometry, its docks and the splitters inside it, kept in the console's
// settings store (window/geometry, window/state, window/splitters/<name>) so that the console
// opens as it was closed. A saved layout that cannot be read (another version, a damaged file)
// is ignored: the window keeps the default it was given.
namespace windowlayout {

// The first-run size: most of the screen (80 % of what the screen leaves for windows), centred.
QRect defaultGeometry(const QRect &available);
// Restores what was saved; false for what could not be (geometry, state or a splitter), which
// then keeps its default.
bool restore(QMainWindow *window);
void save(QMainWindow *window);

} // namespace windowlayout

} // namespace sender
