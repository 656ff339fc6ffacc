#pragma once

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace sender {

// One JSON document as a collapsible tree (key, value, the filters that read it), keys in the
// order the handler wrote them. Nodes on paths that subscription filters read are highlighted.
class JsonTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { Key, Value, Filters, ColumnCount };
    enum Role { PathRole = Qt::UserRole + 1, KeyAttributeRole, JsonTypeRole };

    explicit JsonTreeModel(QObject *parent = nullptr);
    ~JsonTreeModel() override;

    // Replaces the document. Returns false (and shows nothing) when json is not valid JSON.
    bool setJson(QByteArrayView json);
    void clear();

    // Index of the node at a path ("event.matches[0].label"); invalid when absent.
    QModelIndex indexOfPath(const QString &path) const;
    // Indexes of the containers on the way to every key attribute, for expanding them.
    QModelIndexList keyAttributeAncestors() const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    struct Node;

private:
    std::unique_ptr<Node> m_root;
};

} // namespace sender
