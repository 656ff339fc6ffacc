#pragma once

#include "snapshots/EngineSnapshot.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace sender {

class ConnectionsModel;
class FilterConditionsView;

// Who is connected: a sortable, searchable table of subscribed clients, the details and parsed
// filters of the selected one, and disconnecting it after a confirmation.
class ConnectionsPane : public QWidget
{
    Q_OBJECT
public:
    explicit ConnectionsPane(QWidget *parent = nullptr);

    void setConnections(const QList<ConnectionSnapshot> &connections);
    void clearConnections();

    ConnectionsModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    QLineEdit *searchField() const { return m_search; }
    QPushButton *disconnectButton() const { return m_disconnect; }
    // The selected client's id, 0 when none.
    quint64 selectedId() const;
    void selectId(quint64 id);

    // Asks for confirmation (a modal QMessageBox named "disconnectConfirmation"), then emits
    // disconnectRequested.
    void disconnectSelected();

Q_SIGNALS:
    void disconnectRequested(quint64 id, const QString &reason);

private:
    void showDetails();
    void updateCount();

    ConnectionsModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLineEdit *m_search;
    QLabel *m_count;
    QPushButton *m_disconnect;
    QLabel *m_facts;
    FilterConditionsView *m_conditions;
    QString m_shownQuery;
};

} // namespace sender
