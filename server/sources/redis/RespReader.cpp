#include "sources/redis/RespReader.h"

#include <cstring>
#include <hiredis/hiredis.h>

namespace sender {

namespace {
// A pooled string buffer is reused when nobody else holds it and it is small; large ones are
// released so that one 1 MB payload does not pin 1 MB in the pool forever.
constexpr qsizetype kReusableCapacity = 4096;
constexpr int kChunkSize = 64;
} // namespace

bool RespValue::textEquals(QByteArrayView text) const
{
    return (type == Type::String || type == Type::Status) && !oversized
        && bytes.size() == text.size() && bytes.compare(text, Qt::CaseInsensitive) == 0;
}

const RespValue *RespValue::element(qint64 index) const
{
    if (type != Type::Array || index < 0)
        return nullptr;
    const RespValue *value = m_first;
    for (; value && index > 0; --index)
        value = value->m_next;
    return value;
}

QString RespValue::describe() const
{
    constexpr qsizetype kMax = 200;
    const auto text = [this](QChar sigil) -> QString {
        if (oversized)
            return QString(sigil) + QStringLiteral("<%1 bytes>").arg(integer);
        QString s = QString::fromUtf8(bytes.left(kMax));
        if (bytes.size() > kMax)
            s += QStringLiteral("...");
        return QString(sigil) + s;
    };
    switch (type) {
    case Type::String:
        return text(u'$');
    case Type::Status:
        return text(u'+');
    case Type::Error:
        return text(u'-');
    case Type::Integer:
        return QStringLiteral(":%1").arg(integer);
    case Type::Nil:
        return QStringLiteral("(nil)");
    case Type::Array: {
        QString s = QStringLiteral("[");
        int shown = 0;
        for (const RespValue *e = m_first; e && shown < 4; e = e->m_next, ++shown)
            s += (shown ? QStringLiteral(", ") : QString()) + e->describe();
        if (integer > shown)
            s += QStringLiteral(", ... %1 elements").arg(integer);
        return s + u']';
    }
    }
    return QString();
}

RespReader::RespReader(qint64 maxStringBytes, int maxValues)
    : m_maxStringBytes(maxStringBytes)
    , m_maxValues(maxValues)
{
    reset();
}

RespReader::~RespReader()
{
    if (m_reader)
        redisReaderFree(m_reader);
}

void RespReader::reset()
{
    // hiredis keeps the function table by pointer: it must outlive every reader.
    static redisReplyObjectFunctions functions = {
        &RespReader::createString, &RespReader::createArray, &RespReader::createInteger,
        &RespReader::createNil,    &RespReader::freeObject,
    };
    if (m_reader)
        redisReaderFree(m_reader);
    m_reader = redisReaderCreateWithFunctions(&functions);
    if (m_reader)
        m_reader->privdata = this;
    m_used = 0;
    m_replyOut = false;
    m_overLimit = false;
}

bool RespReader::feed(const char *data, qsizetype size)
{
    return m_reader && redisReaderFeed(m_reader, data, size_t(size)) == REDIS_OK;
}

RespReader::Status RespReader::next(const RespValue **reply)
{
    *reply = nullptr;
    if (!m_reader)
        return Status::Error;
    // The previous reply is consumed: its values go back to the pool. After NeedMore the pool
    // holds the part of a reply built so far, which hiredis still points at.
    if (m_replyOut)
        m_used = 0;
    m_replyOut = false;
    void *object = nullptr;
    if (redisReaderGetReply(m_reader, &object) != REDIS_OK)
        return Status::Error;
    if (!object)
        return Status::NeedMore;
    m_replyOut = true;
    *reply = static_cast<const RespValue *>(object);
    return Status::Reply;
}

QString RespReader::errorString() const
{
    if (!m_reader)
        return QStringLiteral("out of memory");
    if (m_overLimit)
        return QStringLiteral("a reply has more than %1 values").arg(m_maxValues);
    return QString::fromLatin1(m_reader->errstr);
}

qsizetype RespReader::bufferedBytes() const
{
    return m_reader ? qsizetype(m_reader->len - m_reader->pos) : 0;
}

RespValue *RespReader::allocate()
{
    if (m_used >= m_maxValues) {
        m_overLimit = true;
        return nullptr;
    }
    const size_t chunk = size_t(m_used / kChunkSize);
    if (chunk == m_chunks.size())
        m_chunks.push_back(std::make_unique<RespValue[]>(kChunkSize));
    RespValue *value = &m_chunks[chunk][m_used % kChunkSize];
    ++m_used;
    value->oversized = false;
    value->integer = 0;
    value->m_first = value->m_last = value->m_next = nullptr;
    return value;
}

RespValue *RespReader::place(const redisReadTask *task, RespValue::Type type)
{
    auto *self = static_cast<RespReader *>(task->privdata);
    RespValue *value = self->allocate();
    if (!value)
        return nullptr; // hiredis turns this into a reader error
    value->type = type;
    if (task->parent) {
        auto *parent = static_cast<RespValue *>(task->parent->obj);
        if (parent->m_last)
            parent->m_last->m_next = value;
        else
            parent->m_first = value;
        parent->m_last = value;
    }
    return value;
}

void *RespReader::createString(const redisReadTask *task, char *str, size_t len)
{
    const auto type = task->type == REDIS_REPLY_ERROR ? RespValue::Type::Error
        : task->type == REDIS_REPLY_STATUS            ? RespValue::Type::Status
                                                      : RespValue::Type::String;
    RespValue *value = place(task, type);
    if (!value)
        return nullptr;
    auto *self = static_cast<RespReader *>(task->privdata);
    const auto size = qsizetype(len);
    value->integer = size;
    if (size > self->m_maxStringBytes) {
        value->oversized = true;
        value->bytes.clear();
        return value;
    }
    QByteArray &bytes = value->bytes;
    if (bytes.isDetached() && bytes.capacity() >= size && bytes.capacity() <= kReusableCapacity) {
        bytes.resize(size);
        if (size > 0)
            std::memcpy(bytes.data(), str, len);
    } else {
        bytes = QByteArray(str, size); // the one copy of a payload that will be handed on
    }
    return value;
}

void *RespReader::createArray(const redisReadTask *task, int elements)
{
    RespValue *value = place(task, RespValue::Type::Array);
    if (value)
        value->integer = elements;
    return value;
}

void *RespReader::createInteger(const redisReadTask *task, long long number)
{
    RespValue *value = place(task, RespValue::Type::Integer);
    if (value)
        value->integer = number;
    return value;
}

void *RespReader::createNil(const redisReadTask *task)
{
    return place(task, RespValue::Type::Nil);
}

void RespReader::freeObject(void *)
{
    // Values belong to the pool, which next() recycles.
}

namespace {
template<typename Args>
void appendArgs(QByteArray &out, const Args &args)
{
    out += '*';
    out += QByteArray::number(qsizetype(args.size()));
    out += "\r\n";
    for (QByteArrayView arg : args) {
        out += '$';
        out += QByteArray::number(arg.size());
        out += "\r\n";
        out.append(arg);
        out += "\r\n";
    }
}
} // namespace

void appendRespCommand(QByteArray &out, std::initializer_list<QByteArrayView> args)
{
    appendArgs(out, args);
}

void appendRespCommand(QByteArray &out, const QList<QByteArray> &args)
{
    appendArgs(out, args);
}

} // namespace sender
