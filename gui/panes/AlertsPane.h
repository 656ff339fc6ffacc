#pragma once

#include "engine/EngineAlerts.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;
class QTreeView;

namespace sender {

class EventPictures;
class JsonTreeModel;
class PictureLoader;

// The Alerts pane: new alerts on top in their severity's colour, the event's key attributes and
// match in the row; below the list the selected alarm's captured face (and body) beside the
// match's enrolled face, and its full JSON; acknowledging with a name and a comment.
// It knows alerts only as AlertSnapshot, so it works on whatever engine view feeds it.
class AlertsPane : public QWidget
{
    Q_OBJECT
public:
    enum Column { Time, Severity, Rule, Source, Match, Attributes, State, ColumnCount };

    explicit AlertsPane(QWidget *parent = nullptr);

    // Newest first, as EngineHost::alertsReady gives them.
    void setAlerts(const QList<AlertSnapshot> &alerts);
    // A new alert goes on top; a critical one also flashes the window's taskbar entry.
    void addAlert(const AlertSnapshot &alert);
    // An acknowledgement (from here or from anyone else) updates the alert's row.
    void updateAlert(const AlertSnapshot &alert);
    // A failed acknowledgement or read, shown in the pane until the next success (never a modal
    // box: it would stop the window for an error the operator may only glance at).
    void showError(const QString &error);
    QLabel *errorLabel() const { return m_error; }

    int rowOf(quint64 id) const;
    QTableWidget *table() const { return m_table; }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *commentEdit() const { return m_comment; }
    QPushButton *acknowledgeButton() const { return m_acknowledge; }
    QPushButton *rulesButton() const { return m_rules; }
    // Whether a new critical alert also rings (kept in the console's preferences by the dock).
    QCheckBox *soundBox() const { return m_sound; }
    JsonTreeModel *jsonModel() const { return m_json; }
    // Where the selected alarm's pictures come from (none: they are not shown).
    void setPictureLoader(PictureLoader *loader);
    EventPictures *pictures() const { return m_pictures; }

Q_SIGNALS:
    void acknowledgeRequested(quint64 id, const QString &by, const QString &comment);
    // A critical alert arrived: the window should bring this pane to the front.
    void criticalAlertRaised(const sender::AlertSnapshot &alert);
    void rulesEditorRequested();

private:
    void fillRow(int row, const AlertSnapshot &alert);
    void showSelected();
    void requestAcknowledge();
    quint64 selectedId() const;

    QTableWidget *m_table;
    QTreeView *m_jsonView;
    JsonTreeModel *m_json;
    EventPictures *m_pictures;
    QLineEdit *m_name;
    QLineEdit *m_comment;
    QPushButton *m_acknowledge;
    QPushButton *m_rules;
    QCheckBox *m_sound;
    QLabel *m_error;
    QList<AlertSnapshot> m_alerts; // row order: newest first
};

} // namespace sender
