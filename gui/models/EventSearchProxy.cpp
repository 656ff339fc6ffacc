#include "gui/models/EventSearchProxy.h"

#include "gui/models/EventStreamModel.h"

namespace sender {

void EventSearchProxy::setSearchText(const QString &text)
{
    const QString needle = text.trimmed();
    if (needle == m_needle)
        return;
    m_needle = needle;
    invalidateFilter();
}

void EventSearchProxy::setOnlyPassing(bool on)
{
    if (on == m_onlyPassing)
        return;
    m_onlyPassing = on;
    invalidateFilter();
}

bool EventSearchProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_needle.isEmpty() && !m_onlyPassing)
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_onlyPassing && !index.data(EventStreamModel::VerdictRole).toBool())
        return false;
    return m_needle.isEmpty()
        || index.data(EventStreamModel::SearchTextRole)
               .toString()
               .contains(m_needle, Qt::CaseInsensitive);
}

} // namespace sender
