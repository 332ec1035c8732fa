#pragma once

#include <QByteArray>
#include <QList>

#include <optional>

namespace portico::test {

// Splits one direction of an HTTP/1.1 connection into message heads and body bytes without
// changing a byte. What it cannot parse, and everything after a 101, passes as opaque bytes.
class HttpStream final
{
public:
    enum class Side { Requests, Responses };

    struct Head
    {
        QByteArray method; // requests
        QByteArray target; // requests: the path and query
        int status = 0; // responses
        qint64 contentLength = -1; // -1: none given
        bool chunked = false;
    };

    struct Piece
    {
        enum class Kind { Head, Body, Opaque };
        Kind kind = Kind::Opaque;
        QByteArray bytes;
        Head head; // Kind::Head
        bool ends = false; // the message is complete after these bytes
        bool interim = false; // a 1xx response other than 101: the final response follows
        bool upgrade = false; // 101 Switching Protocols: opaque bytes both ways from here on
    };

    explicit HttpStream(Side side)
        : m_side(side)
    { }

    // Responses: the method of the request the next final response answers (HEAD: no body).
    void expectResponseTo(const QByteArray &method) { m_methods.append(method); }
    void setOpaque() { m_state = State::Opaque; }

    QList<Piece> feed(const QByteArray &data);

    // The peer closed its side: ends a body that the close delimits.
    std::optional<Piece> finish();

private:
    enum class State { Head, Length, ChunkSize, ChunkData, ChunkEnd, Trailer, UntilClose, Opaque };

    static constexpr qsizetype MaxHeadSize = 256 * 1024;
    static constexpr qsizetype MaxLineSize = 8 * 1024;

    static Piece opaque(QByteArray bytes);
    static Piece body(QByteArray bytes, bool ends);

    QByteArray take(qsizetype size);
    bool takeHead(QList<Piece> &pieces);
    bool parseHead(Piece &piece);
    void startBody(Piece &piece, bool hasBody);
    void takeCounted(QList<Piece> &pieces);
    bool takeLine(QList<Piece> &pieces);

    Side m_side;
    State m_state = State::Head;
    QByteArray m_buffer;
    qint64 m_remaining = 0;
    QList<QByteArray> m_methods;
};

} // namespace portico::test
