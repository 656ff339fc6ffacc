#include "gui/models/JsonTreeModel.h"

#include "events/JsonTape.h"
#include "gui/text/KeyAttributes.h"

#include <QBrush>
#include <QColor>
#include <QFont>

#include <string>

namespace sender {

struct JsonTreeModel::Node
{
    enum class Type { Object, Array, String, Number, Bool, Null };
    Type type = Type::Null;
    QString key; // member name, or "[i]" for array elements
    QString value; // scalars: decoded string or the JSON token
    QString path; // "event.matches[0].label" for lookups
    QString genericPath; // "event.matches[].label" for the key-attribute table
    QStringList filters;
    Node *parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Node>> children;
    bool onKeyPath = false; // a key attribute is this node or below it
};

namespace {

using Node = JsonTreeModel::Node;

// The tree is read from the engine's JSON tape (events/JsonTape.h), which keeps member order
// (QJsonObject sorts keys) and refuses anything malformed. The tree is shallower than the tape
// allows: a deeper document is refused rather than shown as an unusable staircase.
constexpr int kMaxTreeDepth = 64;

QString decoded(QByteArrayView raw, bool escaped)
{
    if (!escaped)
        return QString::fromUtf8(raw);
    std::string text;
    json::Tape::unescape(raw, text);
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

bool build(const json::Tape &tape, quint32 at, Node *node, int depth)
{
    if (depth > kMaxTreeDepth)
        return false;
    switch (tape.type(at)) {
    case json::Type::Object:
    case json::Type::Array: {
        const bool object = tape.type(at) == json::Type::Object;
        node->type = object ? Node::Type::Object : Node::Type::Array;
        for (quint32 c = tape.firstChild(at); c != json::Tape::npos; c = tape.next(at, c)) {
            auto child = std::make_unique<Node>();
            const json::Node &entry = tape[c];
            child->key = object
                ? decoded(tape.text().sliced(entry.keyBegin, entry.keyEnd - entry.keyBegin),
                          entry.flags & json::Node::KeyEscaped)
                : QStringLiteral("[%1]").arg(node->children.size());
            if (!build(tape, c, child.get(), depth + 1))
                return false;
            node->children.push_back(std::move(child));
        }
        return true;
    }
    case json::Type::String:
        node->type = Node::Type::String;
        node->value = decoded(tape.rawString(at), tape[at].flags & json::Node::Escaped);
        return true;
    case json::Type::Number:
        node->type = Node::Type::Number;
        break;
    case json::Type::True:
    case json::Type::False:
        node->type = Node::Type::Bool;
        break;
    case json::Type::Null:
        node->type = Node::Type::Null;
        break;
    }
    node->value = QString::fromLatin1(tape.bytes(at)); // the JSON token itself
    return true;
}

// Fills paths, parents, rows and the key-attribute marks; returns whether the subtree has one.
bool annotate(Node *node)
{
    bool key = !node->filters.isEmpty();
    for (size_t i = 0; i < node->children.size(); ++i) {
        Node *child = node->children[i].get();
        child->parent = node;
        child->row = int(i);
        const bool element = node->type == Node::Type::Array;
        const QString separator = node->path.isEmpty() || element ? QString() : QStringLiteral(".");
        child->path = node->path + separator + child->key;
        child->genericPath =
            node->genericPath + separator + (element ? QStringLiteral("[]") : child->key);
        child->filters = filtersReading(child->genericPath);
        key = annotate(child) || key;
    }
    node->onKeyPath = key;
    return key;
}

QString containerSummary(const Node &node)
{
    const int n = int(node.children.size());
    if (node.type == Node::Type::Object)
        return JsonTreeModel::tr("{%n key(s)}", nullptr, n);
    return JsonTreeModel::tr("[%n item(s)]", nullptr, n);
}

} // namespace

JsonTreeModel::JsonTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{ }

JsonTreeModel::~JsonTreeModel() = default;

bool JsonTreeModel::setJson(QByteArrayView json)
{
    auto root = std::make_unique<Node>();
    json::Tape tape;
    const bool ok = tape.parse(json, nullptr) && tape.size() > 0 && build(tape, 0, root.get(), 0);
    beginResetModel();
    m_root = ok ? std::move(root) : std::make_unique<Node>();
    annotate(m_root.get());
    endResetModel();
    return ok;
}

void JsonTreeModel::clear()
{
    beginResetModel();
    m_root = std::make_unique<Node>();
    endResetModel();
}

QModelIndex JsonTreeModel::indexOfPath(const QString &path) const
{
    // Breadth-first is enough: documents are a few hundred nodes.
    std::vector<const Node *> queue {m_root.get()};
    for (size_t i = 0; i < queue.size(); ++i) {
        const Node *node = queue[i];
        if (node != m_root.get() && node->path == path)
            return createIndex(node->row, 0, const_cast<Node *>(node));
        for (const auto &child : node->children)
            queue.push_back(child.get());
    }
    return {};
}

QModelIndexList JsonTreeModel::keyAttributeAncestors() const
{
    QModelIndexList result;
    std::vector<const Node *> stack {m_root.get()};
    while (!stack.empty()) {
        const Node *node = stack.back();
        stack.pop_back();
        for (const auto &child : node->children) {
            if (child->onKeyPath && !child->children.empty()) {
                result.append(createIndex(child->row, 0, child.get()));
                stack.push_back(child.get());
            }
        }
    }
    return result;
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    const Node *p =
        parent.isValid() ? static_cast<const Node *>(parent.internalPointer()) : m_root.get();
    if (row < 0 || size_t(row) >= p->children.size() || column < 0 || column >= ColumnCount)
        return {};
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const Node *node = static_cast<const Node *>(child.internalPointer());
    const Node *p = node->parent;
    if (!p || p == m_root.get())
        return {};
    return createIndex(p->row, 0, const_cast<Node *>(p));
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    const Node *p =
        parent.isValid() ? static_cast<const Node *>(parent.internalPointer()) : m_root.get();
    return int(p->children.size());
}

int JsonTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node &node = *static_cast<const Node *>(index.internalPointer());
    const bool key = !node.filters.isEmpty();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Key:
            return node.key;
        case Value:
            if (node.type == Node::Type::Object || node.type == Node::Type::Array)
                return containerSummary(node);
            if (node.type == Node::Type::String)
                return QString(u'"' + node.value + u'"');
            return node.value;
        case Filters:
            return node.filters.join(QStringLiteral(", "));
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (key)
            return tr("%1\nRead by the filters: %2")
                .arg(node.path, node.filters.join(QStringLiteral(", ")));
        return node.path;
    case Qt::FontRole:
        if (key) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::BackgroundRole:
        if (key)
            return QBrush(QColor(0xff, 0xf1, 0xb8));
        return {};
    case Qt::ForegroundRole:
        if (key)
            return QBrush(QColor(0x20, 0x20, 0x20)); // readable on the highlight in dark themes
        if (index.column() == Value
            && (node.type == Node::Type::Object || node.type == Node::Type::Array))
            return QBrush(Qt::gray);
        return {};
    case PathRole:
        return node.path;
    case KeyAttributeRole:
        return key;
    case JsonTypeRole:
        return int(node.type);
    default:
        return {};
    }
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Key:
        return tr("Key");
    case Value:
        return tr("Value");
    case Filters:
        return tr("Read by filters");
    default:
        return {};
    }
}

} // namespace sender
