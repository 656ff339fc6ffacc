// FilterConditionsView: one line per parsed condition (parameter, operator, values), a clear
// line for a filter without conditions, and nothing for a query that does not parse.

#include "FailOnWarnings.h"
#include "GuiTestSupport.h"
#include "filters/SubscriptionFilter.h"
#include "gui/panes/FilterConditionsView.h"

#include <QTreeWidget>

using namespace sender;

namespace {

QStringList line(const QTreeWidget &view, int row)
{
    const QTreeWidgetItem *item = view.topLevelItem(row);
    return item ? QStringList {item->text(0), item->text(1), item->text(2)} : QStringList {};
}

} // namespace

class TestFilterConditionsView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }

    void oneLinePerCondition()
    {
        FilterConditionsView view;
        QCOMPARE(view.columnCount(), 3);
        view.showQuery(QStringLiteral("age__gte=40&sources=cam-01,cam-02"));
        QCOMPARE(view.topLevelItemCount(), 2);
        QStringList parameters;
        for (int row = 0; row < 2; ++row)
            parameters.append(line(view, row).at(0));
        QVERIFY2(parameters.contains(QStringLiteral("age")), qPrintable(parameters.join(u',')));
        QVERIFY2(parameters.contains(QStringLiteral("sources")), qPrintable(parameters.join(u',')));
        for (int row = 0; row < 2; ++row) {
            const QStringList l = line(view, row);
            QVERIFY2(!l.at(1).isEmpty(), qPrintable(l.join(u'|'))); // an operator is shown
            if (l.at(0) == u"age")
                QCOMPARE(l.at(2), QStringLiteral("40"));
            else
                QCOMPARE(l.at(2), QStringLiteral("cam-01, cam-02"));
            // The tooltip spells the whole condition out.
            QVERIFY(view.topLevelItem(row)->toolTip(2).startsWith(l.at(0)));
        }
    }

    void showFilterMatchesShowQuery()
    {
        FilterError error;
        const auto filter = SubscriptionFilter::parse("gender=1&liveness=0", &error);
        QVERIFY(filter);
        FilterConditionsView fromFilter;
        fromFilter.showFilter(*filter);
        FilterConditionsView fromQuery;
        fromQuery.showQuery(QStringLiteral("gender=1&liveness=0"));
        QCOMPARE(fromFilter.topLevelItemCount(), 2);
        QCOMPARE(fromQuery.topLevelItemCount(), 2);
        for (int row = 0; row < 2; ++row)
            QCOMPARE(line(fromFilter, row), line(fromQuery, row));
    }

    void noConditionsSaysEveryEventPasses()
    {
        FilterConditionsView view;
        view.showQuery(QString());
        QCOMPARE(view.topLevelItemCount(), 1);
        QCOMPARE(line(view, 0).at(0), QStringLiteral("(none)"));
        QCOMPARE(line(view, 0).at(2), QStringLiteral("every event of the account passes"));
    }

    // A query that does not parse, and clearFilter, leave the view empty (not stale lines).
    void badQueryAndClearLeaveItEmpty()
    {
        FilterConditionsView view;
        view.showQuery(QStringLiteral("age__gte=40"));
        QCOMPARE(view.topLevelItemCount(), 1);
        view.showQuery(QStringLiteral("age__gte=300"));
        QCOMPARE(view.topLevelItemCount(), 0);
        view.showQuery(QStringLiteral("age__gte=40"));
        view.clearFilter();
        QCOMPARE(view.topLevelItemCount(), 0);
    }
};

QTEST_MAIN(TestFilterConditionsView)
#include "tst_filterconditionsview.moc"
