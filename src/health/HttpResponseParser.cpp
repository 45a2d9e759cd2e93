#include "health/HttpResponseParser.h"

#include <cstring>

namespace kokoa {

namespace {

bool equalsNoCase(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && a.compare(b, Qt::CaseInsensitive) == 0;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Calls fn(token) for each comma-separated, trimmed, non-empty token.
template <typename Fn> void forEachToken(QByteArrayView list, Fn fn)
{
    while (!list.isEmpty()) {
        const qsizetype comma = list.indexOf(',');
        const QByteArrayView token = (comma < 0 ? list : list.first(comma)).trimmed();
        if (!token.isEmpty())
            fn(token);
        if (comma < 0)
            break;
        list = list.sliced(comma + 1);
    }
}

QString printable(QByteArrayView bytes)
{
    QString out;
    for (const char c : bytes.first(qMin<qsizetype>(bytes.size(), 40)))
        out += (c >= 0x20 && c < 0x7f) ? QChar::fromLatin1(c) : QChar(u'?');
    return out;
}

} // namespace

void HttpResponseParser::reset()
{
    m_state = State::StatusLine;
    m_line.clear();
    m_status = 0;
    m_headerCount = 0;
    m_remaining = 0;
    m_contentLength = -1;
    m_chunked = false;
    m_transferEncoding = false;
    m_http10 = false;
    m_connectionClose = false;
    m_connectionKeepAlive = false;
    m_keepAlive = false;
    m_started = false;
    m_headersComplete = false;
    m_error.clear();
}

HttpResponseParser::Status HttpResponseParser::fail(const QString &why)
{
    m_state = State::Failed;
    m_keepAlive = false;
    m_error = why;
    return Status::Error;
}

bool HttpResponseParser::isLineState() const
{
    return m_state == State::StatusLine || m_state == State::Headers ||
           m_state == State::ChunkSize || m_state == State::ChunkDataEnd ||
           m_state == State::Trailers;
}

HttpResponseParser::Status HttpResponseParser::feed(QByteArrayView data, qsizetype *consumed)
{
    qsizetype pos = 0;
    if (!data.isEmpty())
        m_started = true;
    while (pos < data.size()) {
        if (m_state == State::Failed) {
            *consumed = pos;
            return Status::Error;
        }
        if (m_state == State::Done)
            break;
        const QByteArrayView rest = data.sliced(pos);
        if (isLineState()) {
            const void *nl = std::memchr(rest.data(), '\n', size_t(rest.size()));
            const qsizetype take =
                nl ? static_cast<const char *>(nl) - rest.data() + 1 : rest.size();
            if (m_line.size() + take > MaxLineLength) {
                *consumed = pos;
                return fail(QStringLiteral("line longer than %1 bytes").arg(MaxLineLength));
            }
            pos += take;
            if (!nl) {
                m_line.append(rest.data(), take);
                break;
            }
            QByteArrayView line;
            if (m_line.isEmpty()) {
                line = rest.first(take); // whole line in this piece: no copy
            } else {
                m_line.append(rest.data(), take);
                line = m_line;
            }
            line.chop(1);
            if (line.endsWith('\r'))
                line.chop(1);
            const bool ok = processLine(line);
            m_line.clear();
            if (!ok) {
                *consumed = pos;
                return Status::Error;
            }
        } else if (m_state == State::UntilClose) {
            pos = data.size();
        } else { // Body, ChunkData
            const qsizetype take = qsizetype(qMin<qint64>(m_remaining, rest.size()));
            pos += take;
            m_remaining -= take;
            if (m_remaining == 0)
                m_state = m_state == State::Body ? State::Done : State::ChunkDataEnd;
        }
    }
    *consumed = pos;
    if (m_state == State::Failed)
        return Status::Error;
    return m_state == State::Done ? Status::Complete : Status::NeedMore;
}

HttpResponseParser::Status HttpResponseParser::finishOnClose()
{
    switch (m_state) {
    case State::Done:
        return Status::Complete;
    case State::UntilClose:
        m_state = State::Done;
        return Status::Complete;
    case State::Failed:
        return Status::Error;
    default:
        return fail(m_started ? QStringLiteral("connection closed in the middle of the response")
                              : QStringLiteral("connection closed without a response"));
    }
}

bool HttpResponseParser::processLine(QByteArrayView line)
{
    switch (m_state) {
    case State::StatusLine:
        return parseStatusLine(line);
    case State::Headers:
        if (line.isEmpty())
            return endOfHeaders();
        return parseHeader(line);
    case State::ChunkSize:
        return parseChunkSize(line);
    case State::ChunkDataEnd:
        if (!line.isEmpty()) {
            fail(QStringLiteral("chunk not followed by CRLF"));
            return false;
        }
        m_state = State::ChunkSize;
        return true;
    case State::Trailers:
        if (line.isEmpty())
            m_state = State::Done;
        return true;
    default:
        fail(QStringLiteral("internal parser state error"));
        return false;
    }
}

bool HttpResponseParser::parseStatusLine(QByteArrayView line)
{
    // HTTP/1.1 200 OK   (the reason phrase may be empty or missing)
    if (line.size() < 12 || !line.startsWith("HTTP/1.") || !isDigit(line[7]) || line[8] != ' ' ||
        !isDigit(line[9]) || !isDigit(line[10]) || !isDigit(line[11]) ||
        (line.size() > 12 && line[12] != ' ')) {
        fail(QStringLiteral("malformed status line \"%1\"").arg(printable(line)));
        return false;
    }
    m_http10 = line[7] == '0';
    m_status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    if (m_status < 100) {
        fail(QStringLiteral("invalid status code %1").arg(m_status));
        return false;
    }
    m_state = State::Headers;
    return true;
}

bool HttpResponseParser::parseHeader(QByteArrayView line)
{
    if (++m_headerCount > MaxHeaderCount) {
        fail(QStringLiteral("more than %1 header lines").arg(MaxHeaderCount));
        return false;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0 || line[0] == ' ' || line[0] == '\t') {
        fail(QStringLiteral("malformed header line \"%1\"").arg(printable(line)));
        return false;
    }
    const QByteArrayView name = line.first(colon);
    if (name.endsWith(' ') || name.endsWith('\t')) {
        fail(QStringLiteral("whitespace before ':' in a header name"));
        return false;
    }
    const QByteArrayView value = line.sliced(colon + 1).trimmed();

    if (equalsNoCase(name, "content-length")) {
        if (value.isEmpty() || value.size() > 18) {
            fail(QStringLiteral("invalid Content-Length"));
            return false;
        }
        qint64 length = 0;
        for (const char c : value) {
            if (!isDigit(c)) {
                fail(QStringLiteral("invalid Content-Length"));
                return false;
            }
            length = length * 10 + (c - '0');
        }
        if (m_contentLength >= 0 && m_contentLength != length) {
            fail(QStringLiteral("conflicting Content-Length headers"));
            return false;
        }
        m_contentLength = length;
    } else if (equalsNoCase(name, "transfer-encoding")) {
        m_transferEncoding = true;
        // chunked counts only as the final encoding
        m_chunked = false;
        forEachToken(value,
                     [this](QByteArrayView token) { m_chunked = equalsNoCase(token, "chunked"); });
    } else if (equalsNoCase(name, "connection")) {
        forEachToken(value, [this](QByteArrayView token) {
            if (equalsNoCase(token, "close"))
                m_connectionClose = true;
            else if (equalsNoCase(token, "keep-alive"))
                m_connectionKeepAlive = true;
        });
    }
    return true;
}

bool HttpResponseParser::endOfHeaders()
{
    if (m_status >= 100 && m_status < 200) {
        if (m_status == 101) {
            fail(QStringLiteral("unexpected protocol switch (101)"));
            return false;
        }
        // Interim response (100 Continue, 103 Early Hints): the real one follows.
        m_state = State::StatusLine;
        m_status = 0;
        m_headerCount = 0;
        m_contentLength = -1;
        m_chunked = m_transferEncoding = m_connectionClose = m_connectionKeepAlive = false;
        return true;
    }
    m_headersComplete = true;
    m_keepAlive = m_http10 ? m_connectionKeepAlive && !m_connectionClose : !m_connectionClose;

    if (m_status == 204 || m_status == 304) {
        m_state = State::Done;
    } else if (m_transferEncoding) {
        // RFC 9112 6.3: Transfer-Encoding overrides Content-Length, and a
        // message with both must not be followed on the same connection.
        if (m_contentLength >= 0)
            m_keepAlive = false;
        if (m_chunked) {
            m_state = State::ChunkSize;
        } else {
            m_keepAlive = false;
            m_state = State::UntilClose;
        }
    } else if (m_contentLength >= 0) {
        m_remaining = m_contentLength;
        m_state = m_remaining == 0 ? State::Done : State::Body;
    } else {
        m_keepAlive = false;
        m_state = State::UntilClose;
    }
    return true;
}

bool HttpResponseParser::parseChunkSize(QByteArrayView line)
{
    const qsizetype semicolon = line.indexOf(';');
    const QByteArrayView digits = (semicolon < 0 ? line : line.first(semicolon)).trimmed();
    if (digits.isEmpty() || digits.size() > 15) {
        fail(QStringLiteral("invalid chunk size"));
        return false;
    }
    qint64 size = 0;
    for (const char c : digits) {
        const int v = hexValue(c);
        if (v < 0) {
            fail(QStringLiteral("invalid chunk size"));
            return false;
        }
        size = size * 16 + v;
    }
    if (size == 0) {
        m_state = State::Trailers;
    } else {
        m_remaining = size;
        m_state = State::ChunkData;
    }
    return true;
}

} // namespace kokoa
