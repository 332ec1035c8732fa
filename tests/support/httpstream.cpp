#include "httpstream.h"

#include <algorithm>
#include <utility>

namespace portico::test {

QList<HttpStream::Piece> HttpStream::feed(const QByteArray &data)
{
    m_buffer += data;
    QList<Piece> pieces;
    while (!m_buffer.isEmpty()) {
        switch (m_state) {
        case State::Opaque:
            pieces.append(opaque(std::exchange(m_buffer, {})));
            break;
        case State::Head:
            if (!takeHead(pieces))
                return pieces;
            break;
        case State::Length:
        case State::ChunkData:
        case State::ChunkEnd:
            takeCounted(pieces);
            break;
        case State::ChunkSize:
        case State::Trailer:
            if (!takeLine(pieces))
                return pieces;
            break;
        case State::UntilClose:
            pieces.append(body(std::exchange(m_buffer, {}), false));
            break;
        }
    }
    return pieces;
}

std::optional<HttpStream::Piece> HttpStream::finish()
{
    if (m_state != State::UntilClose)
        return std::nullopt;
    m_state = State::Head;
    return body({}, true);
}

HttpStream::Piece HttpStream::opaque(QByteArray bytes)
{
    Piece piece;
    piece.kind = Piece::Kind::Opaque;
    piece.bytes = std::move(bytes);
    return piece;
}

HttpStream::Piece HttpStream::body(QByteArray bytes, bool ends)
{
    Piece piece;
    piece.kind = Piece::Kind::Body;
    piece.bytes = std::move(bytes);
    piece.ends = ends;
    return piece;
}

QByteArray HttpStream::take(qsizetype size)
{
    QByteArray bytes = m_buffer.left(size);
    m_buffer.remove(0, size);
    return bytes;
}

bool HttpStream::takeHead(QList<Piece> &pieces)
{
    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    if (end < 0) {
        if (m_buffer.size() > MaxHeadSize)
            m_state = State::Opaque;
        return m_state == State::Opaque;
    }
    Piece piece;
    piece.kind = Piece::Kind::Head;
    piece.bytes = take(end + 4);
    if (!parseHead(piece)) {
        m_state = State::Opaque;
        pieces.append(opaque(std::move(piece.bytes)));
        return true;
    }
    pieces.append(std::move(piece));
    return true;
}

// Reads the head and decides how its body ends; false when it is not HTTP/1.x.
bool HttpStream::parseHead(Piece &piece)
{
    const QList<QByteArray> lines = piece.bytes.split('\n');
    const QList<QByteArray> start = lines.value(0).trimmed().split(' ');
    if (start.size() < 2)
        return false;
    Head &head = piece.head;
    if (m_side == Side::Requests) {
        if (start.size() != 3 || !start.at(2).startsWith("HTTP/1."))
            return false;
        head.method = start.at(0);
        head.target = start.at(1);
    } else {
        bool ok = false;
        head.status = start.at(1).toInt(&ok);
        if (!start.at(0).startsWith("HTTP/1.") || !ok)
            return false;
    }
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length") {
            bool ok = false;
            head.contentLength = value.toLongLong(&ok);
            if (!ok || head.contentLength < 0)
                return false;
        } else if (name == "transfer-encoding") {
            head.chunked = value.toLower().contains("chunked");
        }
    }
    m_state = State::Head;
    if (m_side == Side::Requests) {
        startBody(piece, head.chunked || head.contentLength > 0);
        return true;
    }
    if (head.status == 101) {
        piece.ends = true;
        piece.upgrade = true;
        m_state = State::Opaque;
        return true;
    }
    if (head.status >= 100 && head.status < 200) {
        piece.ends = true;
        piece.interim = true;
        return true;
    }
    const QByteArray method = m_methods.isEmpty() ? QByteArray("GET") : m_methods.takeFirst();
    const bool bodiless = method == "HEAD" || head.status == 204 || head.status == 304;
    if (bodiless || (!head.chunked && head.contentLength == 0)) {
        piece.ends = true;
    } else if (!head.chunked && head.contentLength < 0) {
        m_state = State::UntilClose;
    } else {
        startBody(piece, true);
    }
    return true;
}

void HttpStream::startBody(Piece &piece, bool hasBody)
{
    if (!hasBody) {
        piece.ends = true;
        return;
    }
    if (piece.head.chunked) {
        m_state = State::ChunkSize;
    } else {
        m_state = State::Length;
        m_remaining = piece.head.contentLength;
    }
}

void HttpStream::takeCounted(QList<Piece> &pieces)
{
    const qsizetype size = static_cast<qsizetype>(std::min<qint64>(m_remaining, m_buffer.size()));
    m_remaining -= size;
    bool ends = false;
    if (m_remaining == 0) {
        if (m_state == State::Length) {
            m_state = State::Head;
            ends = true;
        } else if (m_state == State::ChunkData) {
            m_state = State::ChunkEnd;
            m_remaining = 2; // the CRLF after the chunk
        } else {
            m_state = State::ChunkSize;
        }
    }
    pieces.append(body(take(size), ends));
}

bool HttpStream::takeLine(QList<Piece> &pieces)
{
    const qsizetype end = m_buffer.indexOf("\r\n");
    if (end < 0) {
        if (m_buffer.size() > MaxLineSize)
            m_state = State::Opaque;
        return m_state == State::Opaque;
    }
    const QByteArray line = m_buffer.left(end);
    if (m_state == State::Trailer) {
        const bool last = line.isEmpty();
        if (last)
            m_state = State::Head;
        pieces.append(body(take(end + 2), last));
        return true;
    }
    bool ok = false;
    const qint64 size = line.split(';').value(0).trimmed().toLongLong(&ok, 16);
    if (!ok || size < 0) {
        m_state = State::Opaque;
        return true;
    }
    if (size == 0) {
        m_state = State::Trailer;
    } else {
        m_state = State::ChunkData;
        m_remaining = size;
    }
    pieces.append(body(take(end + 2), false));
    return true;
}

} // namespace portico::test
