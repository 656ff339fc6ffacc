#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <memory>
#include <vector>

struct redisReader;
struct redisReadTask;

namespace sender {

// One RESP2 value, built by RespReader. Values live in the reader's pool and are valid only until
// the next call to RespReader::next(): a steady stream of replies then allocates nothing except the
// string buffers that a caller keeps (a shallow copy of `bytes` detaches it from the pool).
struct RespValue
{
    enum class Type : quint8 { String, Array, Integer, Nil, Status, Error };

    Type type = Type::Nil;
    // A String/Status/Error longer than the reader's limit: its bytes were not copied, only its
    // length is in `integer`.
    bool oversized = false;
    // Integer: the value. String/Status/Error: the length. Array: the number of elements.
    qint64 integer = 0;
    QByteArray bytes;

    QByteArrayView view() const { return QByteArrayView(bytes.constData(), bytes.size()); }
    bool isArray(qint64 elements) const { return type == Type::Array && integer == elements; }
    bool isText() const { return type == Type::String || type == Type::Status; }
    // ASCII case-insensitive, for reply kinds such as "pmessage" and "pong".
    bool textEquals(QByteArrayView text) const;
    // The index-th element of an array (a short walk: replies here have a handful of elements).
    const RespValue *element(qint64 index) const;
    // "+OK", "-ERR ...", "[$pong, $]": for logs and error details, cut to a sane length.
    QString describe() const;

private:
    friend class RespReader;
    RespValue *m_first = nullptr;
    RespValue *m_last = nullptr;
    RespValue *m_next = nullptr;
};

// The RESP2 parser of hiredis (its reader, without its context or I/O) building RespValue trees in
// a reusable pool. Feed bytes as they arrive, then call next() until it stops returning Reply.
class RespReader
{
public:
    enum class Status { Reply, NeedMore, Error };

    // Strings longer than maxStringBytes are marked oversized instead of copied; a reply of more
    // than maxValues values is a protocol error (a hostile "*2000000000" cannot make us allocate).
    explicit RespReader(qint64 maxStringBytes = 16 * 1024 * 1024, int maxValues = 4096);
    ~RespReader();
    RespReader(const RespReader &) = delete;
    RespReader &operator=(const RespReader &) = delete;

    // Forget buffered bytes and any error: for a new connection.
    void reset();
    bool feed(const char *data, qsizetype size);
    // On Reply, *reply points at the root value until the next call.
    Status next(const RespValue **reply);
    QString errorString() const;
    // Bytes received but not yet consumed as a complete reply.
    qsizetype bufferedBytes() const;

private:
    static void *createString(const redisReadTask *task, char *str, size_t len);
    static void *createArray(const redisReadTask *task, int elements);
    static void *createInteger(const redisReadTask *task, long long value);
    static void *createNil(const redisReadTask *task);
    static void freeObject(void *);
    static RespValue *place(const redisReadTask *task, RespValue::Type type);

    RespValue *allocate();

    qint64 m_maxStringBytes;
    int m_maxValues;
    std::vector<std::unique_ptr<RespValue[]>> m_chunks;
    int m_used = 0;
    bool m_replyOut = false;
    bool m_overLimit = false;
    redisReader *m_reader = nullptr;
};

// Appends one command as a RESP array of bulk strings (binary safe).
void appendRespCommand(QByteArray &out, std::initializer_list<QByteArrayView> args);
void appendRespCommand(QByteArray &out, const QList<QByteArray> &args);

} // namespace sender
