#pragma once

#include "config/Settings.h"
#include "engine/EngineSnapshot.h"

#include <QMainWindow>

class QLabel;

namespace sender {

class EngineHost;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(const Settings &settings, QWidget *parent = nullptr);
    ~MainWindow() override;

private:
    void showSnapshot(const EngineSnapshot &snapshot);

    EngineHost *m_host;
    QLabel *m_address;
    QLabel *m_uptime;
    QLabel *m_counters;
};

} // namespace sender
