#include "gui/models/JsonTreeModel.h"

#include "gui/text/KeyAttributes.h"

#include <QBrush>
#include <QColor>
#include <QFont>

#include <cctype>

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

// A small recursive-descent reader that keeps member order (QJsonObject sorts keys). The engine
// has validated the message already; this still refuses anything malformed and bounds the depth.
class Reader
{
public:
    Reader(QByteArrayView text)
        : m_p(text.data())
        , m_end(text.data() + text.size())
    { }

    bool read(Node *node, int depth = 0)
    {
        skipSpace();
        if (m_p >= m_end || depth > 64)
            return false;
        switch (*m_p) {
        case '{':
            return readObject(node, depth);
        case '[':
            return readArray(node, depth);
        case '"':
            node->type = Node::Type::String;
            return readString(&node->value);
        case 't':
            return literal("true", node, Node::Type::Bool);
        case 'f':
            return literal("false", node, Node::Type::Bool);
        case 'n':
            return literal("null", node, Node::Type::Null);
        default:
            return readNumber(node);
        }
    }

    bool atEnd()
    {
        skipSpace();
        return m_p == m_end;
    }

private:
    void skipSpace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\n' || *m_p == '\r'))
            ++m_p;
    }

    bool literal(const char *word, Node *node, Node::Type type)
    {
        const qsizetype n = qsizetype(qstrlen(word));
        if (m_end - m_p < n || QByteArrayView(m_p, n) != QByteArrayView(word))
            return false;
        node->type = type;
        node->value = QString::fromLatin1(word);
        m_p += n;
        return true;
    }

    bool readNumber(Node *node)
    {
        const char *start = m_p;
        while (m_p < m_end
               && (std::isdigit(uchar(*m_p)) || *m_p == '-' || *m_p == '+' || *m_p == '.'
                   || *m_p == 'e' || *m_p == 'E'))
            ++m_p;
        if (m_p == start)
            return false;
        node->type = Node::Type::Number;
        node->value = QString::fromLatin1(start, m_p - start);
        return true;
    }

    bool readString(QString *out)
    {
        ++m_p; // opening quote
        QString result;
        const char *run = m_p; // unescaped bytes not yet decoded
        auto flush = [&](const char *upTo) {
            result += QString::fromUtf8(run, upTo - run);
        };
        while (m_p < m_end && *m_p != '"') {
            if (*m_p != '\\') {
                ++m_p;
                continue;
            }
            flush(m_p);
            if (++m_p >= m_end)
                return false;
            const char escape = *m_p++;
            switch (escape) {
            case 'n':
                result += u'\n';
                break;
            case 't':
                result += u'\t';
                break;
            case 'r':
                result += u'\r';
                break;
            case 'b':
                result += u'\b';
                break;
            case 'f':
                result += u'\f';
                break;
            case 'u': {
                if (m_end - m_p < 4)
                    return false;
                bool ok = false;
                const ushort unit = QByteArrayView(m_p, 4).toUShort(&ok, 16);
                if (!ok)
                    return false;
                m_p += 4;
                result += QChar(unit); // surrogate halves pair up inside the QString
                break;
            }
            default:
                result += QLatin1Char(escape);
            }
            run = m_p;
        }
        if (m_p >= m_end)
            return false;
        flush(m_p);
        ++m_p; // closing quote
        *out = result;
        return true;
    }

    bool readObject(Node *node, int depth)
    {
        node->type = Node::Type::Object;
        ++m_p;
        skipSpace();
        if (m_p < m_end && *m_p == '}') {
            ++m_p;
            return true;
        }
        while (true) {
            skipSpace();
            if (m_p >= m_end || *m_p != '"')
                return false;
            auto child = std::make_unique<Node>();
            if (!readString(&child->key))
                return false;
            skipSpace();
            if (m_p >= m_end || *m_p++ != ':')
                return false;
            if (!read(child.get(), depth + 1))
                return false;
            node->children.push_back(std::move(child));
            skipSpace();
            if (m_p < m_end && *m_p == ',') {
                ++m_p;
                continue;
            }
            if (m_p < m_end && *m_p == '}') {
                ++m_p;
                return true;
            }
            return false;
        }
    }

    bool readArray(Node *node, int depth)
    {
        node->type = Node::Type::Array;
        ++m_p;
        skipSpace();
        if (m_p < m_end && *m_p == ']') {
            ++m_p;
            return true;
        }
        while (true) {
            auto child = std::make_unique<Node>();
            child->key = QStringLiteral("[%1]").arg(node->children.size());
            if (!read(child.get(), depth + 1))
                return false;
            node->children.push_back(std::move(child));
            skipSpace();
            if (m_p < m_end && *m_p == ',') {
                ++m_p;
                continue;
            }
            if (m_p < m_end && *m_p == ']') {
                ++m_p;
                return true;
            }
            return false;
        }
    }

    const char *m_p;
    const char *m_end;
};

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
    Reader reader(json);
    const bool ok = reader.read(root.get()) && reader.atEnd();
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
