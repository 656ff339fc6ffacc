#include "gui/panes/FilterConditionsView.h"

#include "filters/SubscriptionFilter.h"
#include "gui/text/FilterText.h"

#include <QHeaderView>

namespace sender {

FilterConditionsView::FilterConditionsView(QWidget *parent)
    : QTreeWidget(parent)
{
    setColumnCount(3);
    setHeaderLabels({tr("Parameter"), tr("Condition"), tr("Values")});
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    setSelectionMode(QAbstractItemView::NoSelection);
    setFocusPolicy(Qt::NoFocus);
    header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    header()->setStretchLastSection(true);
}

void FilterConditionsView::showFilter(const SubscriptionFilter &filter)
{
    clear();
    const QList<FilterCondition> conditions = filter.conditions();
    if (conditions.isEmpty()) {
        auto *item = new QTreeWidgetItem(this);
        item->setText(0, tr("(none)"));
        item->setText(2, tr("every event of the account passes"));
        return;
    }
    for (const FilterCondition &c : conditions) {
        auto *item = new QTreeWidgetItem(this);
        item->setText(0, c.parameter);
        item->setText(1, operatorText(c));
        item->setText(2, c.values.join(QStringLiteral(", ")));
        item->setToolTip(2, conditionText(c));
    }
}

void FilterConditionsView::showQuery(const QString &canonicalQuery)
{
    FilterError error;
    const std::optional<SubscriptionFilter> filter =
        SubscriptionFilter::parse(canonicalQuery.toUtf8(), &error);
    if (filter)
        showFilter(*filter);
    else
        clearFilter();
}

void FilterConditionsView::clearFilter()
{
    clear();
}

} // namespace sender
