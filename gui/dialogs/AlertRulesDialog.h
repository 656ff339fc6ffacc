#pragma once

#include "alerts/AlertRules.h"
#include "snapshots/EngineSnapshot.h"

#include <QDialog>

#include <deque>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace sender {

class EngineFeed;
class EventStreamModel;

// Edits the alert rules of the engine a console shows (local or attached) with a live preview:
// every rule is compiled by the engine's own rule parser as it is typed (the same errors the
// engine and a subscriber get), and counted against the recent events the console has seen, so
// an operator sees which events a rule would have hit before saving it. Saving sends the whole
// file to the engine, which validates it again and writes it atomically; nothing is
// half-applied.
class AlertRulesDialog : public QDialog
{
    Q_OBJECT
public:
    enum Column { Name, Severity, Condition, Accounts, Quiet, Hits, ColumnCount };
    static constexpr int kRecentCap = 5000;
    static constexpr int kHitRowsCap = 200;

    // recent: the console's event stream, read once for the events already seen (may be null).
    AlertRulesDialog(EngineFeed *view, const EventStreamModel *recent, QWidget *parent = nullptr);

    // The rules as the form holds them, in the rules file's format.
    QByteArray rulesJson() const;
    // Replaces the form (the engine's answer to requestAlertRules or to a save).
    void setRules(const QByteArray &json, const QString &fileError);
    void appendSamples(const QList<EventSample> &samples);

    int recentCount() const { return int(m_recent.size()); }
    // Recent events rule `row` would have hit; -1 while the rule does not compile.
    int hitsOf(int row) const;
    bool isValid() const { return m_valid; }

    QTableWidget *rulesTable() const { return m_table; }
    QTableWidget *hitsTable() const { return m_hits; }
    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *severityBox() const { return m_severity; }
    QLineEdit *conditionEdit() const { return m_condition; }
    QLineEdit *accountsEdit() const { return m_accounts; }
    QSpinBox *quietBox() const { return m_quiet; }
    QLabel *errorLabel() const { return m_error; }
    QLabel *statusLabel() const { return m_status; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }
    QPushButton *saveButton() const { return m_save; }

private:
    struct Draft
    {
        QString name;
        QString severity = QStringLiteral("warning");
        QString condition;
        QString accounts; // comma separated, as typed
        int quietSeconds = 0;
        std::optional<alerts::AlertRule> compiled;
        QString error;
        int hits = 0;
    };

    static QJsonObject draftJson(const Draft &draft);
    void compile(Draft &draft) const;
    int countHits(const Draft &draft) const;
    QString hitsText(const Draft &draft) const;
    void fillRow(int row);
    void selectRow(int row);
    void formEdited();
    void addRule();
    void removeRule();
    void save();
    void validateAll();
    void showHits();

    EngineFeed *m_view;
    QTableWidget *m_table;
    QTableWidget *m_hits;
    QLineEdit *m_name;
    QComboBox *m_severity;
    QLineEdit *m_condition;
    QLineEdit *m_accounts;
    QSpinBox *m_quiet;
    QLabel *m_error;
    QLabel *m_status;
    QPushButton *m_add;
    QPushButton *m_remove;
    QPushButton *m_save;

    QList<Draft> m_drafts;
    std::deque<EventSample> m_recent;
    int m_current = -1;
    bool m_filling = false; // the form is being filled from a draft: not an edit
    bool m_valid = true;
};

} // namespace sender
