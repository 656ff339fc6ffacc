#pragma once

#include "filters/SubscriptionFilter.h"
#include "snapshots/EngineSnapshot.h"

#include <QSet>
#include <QUuid>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace sender {

class EventSearchProxy;
class EventStreamModel;

// Try a subscription before a client makes it: the query is validated by the same parser a
// handshake goes through (so the same 400 / 12012 error a client would get), and every recent and
// live event shows whether a client with that query and account would receive it.
class FilterPlayground : public QWidget
{
    Q_OBJECT
public:
    explicit FilterPlayground(QWidget *parent = nullptr);

    void appendSamples(const QList<EventSample> &samples);
    void setCap(int cap);

    void setQuery(const QString &query);
    QString query() const;
    // Empty for "any account".
    void setAccount(const QUuid &account);

    bool isValid() const { return m_filter.has_value(); }
    // The error a client would get for the current query (valid() == false).
    int errorStatus() const { return m_errorStatus; }
    int errorCode() const { return m_errorCode; }
    QString errorDesc() const { return m_errorDesc; }
    QString errorDetail() const { return m_errorDetail; }
    QByteArray errorBody() const { return m_errorBody; }

    int recentCount() const;
    int recentPassed() const { return m_recentPassed; }
    quint64 liveSeen() const { return m_liveSeen; }
    quint64 livePassed() const { return m_livePassed; }

    EventStreamModel *model() const { return m_model; }
    EventSearchProxy *proxy() const { return m_proxy; }
    QLineEdit *queryField() const { return m_query; }
    QCheckBox *onlyPassingBox() const { return m_onlyPassing; }
    QLabel *resultLabel() const { return m_result; }

private:
    void evaluate();
    void recount();
    void countRows(int first, int last, int sign);
    void updateCounts();
    std::optional<QUuid> selectedAccount() const;

    EventStreamModel *m_model;
    EventSearchProxy *m_proxy;
    QLineEdit *m_query;
    QComboBox *m_account;
    QLabel *m_result;
    QLabel *m_errorBodyLabel;
    QLabel *m_counts;
    QCheckBox *m_onlyPassing;
    QTableView *m_view;

    std::optional<SubscriptionFilter> m_filter;
    int m_errorStatus = 0;
    int m_errorCode = 0;
    QString m_errorDesc;
    QString m_errorDetail;
    QByteArray m_errorBody;
    int m_recentPassed = 0;
    quint64 m_liveSeen = 0;
    quint64 m_livePassed = 0;
    QSet<QUuid> m_accounts;
};

} // namespace sender
