#pragma once

#include <QTreeWidget>

namespace sender {

class SubscriptionFilter;

// The parsed conditions of one filter set, one per line: parameter, operator, values.
class FilterConditionsView : public QTreeWidget
{
    Q_OBJECT
public:
    explicit FilterConditionsView(QWidget *parent = nullptr);
    void showFilter(const SubscriptionFilter &filter);
    void showQuery(const QString &canonicalQuery);
    void clearFilter();
};

} // namespace sender
