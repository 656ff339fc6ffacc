#include "gui/view/EngineView.h"

namespace sender {

void EngineView::setLinkState(LinkState state, const QString &detail)
{
    if (state == m_linkState && detail == m_linkDetail)
        return;
    m_linkState = state;
    m_linkDetail = detail;
    Q_EMIT linkStateChanged(state, detail);
}

} // namespace sender
