#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace kokoa {

// Incremental HTTP/1.x response parser for the health probes. Bytes are fed
// as they arrive, in pieces of any size (down to one byte); the parser keeps
// only the current line, never the body. It reads the status line and the
// headers, then consumes the body as Content-Length, chunked, or "until the
// connection closes" says, so that a keep-alive connection stays usable.
// Interim 1xx responses are skipped. Limits keep a hostile peer from making
// it buffer without bound.
class HttpResponseParser final
{
public:
    enum class Status
    {
        NeedMore,
        Complete,
        Error
    };

    static constexpr qsizetype MaxLineLength = 8 * 1024;
    static constexpr int MaxHeaderCount = 100;

    // Ready for the next response on the same connection.
    void reset();

    // Consumes bytes up to the end of the current response. *consumed tells
    // how many were used; on Complete, bytes after it belong to nothing (the
    // probe never pipelines), which the caller treats as a protocol error.
    Status feed(QByteArrayView data, qsizetype *consumed);

    // The peer closed the connection: completes a body delimited by the
    // close, fails anything else.
    Status finishOnClose();

    bool hasStarted() const { return m_started; }
    bool headersComplete() const { return m_headersComplete; }
    bool isComplete() const { return m_state == State::Done; }
    int statusCode() const { return m_status; }
    // Whether the connection may carry another request after this response.
    bool keepAlive() const { return m_keepAlive; }
    const QString &errorString() const { return m_error; }

private:
    enum class State
    {
        StatusLine,
        Headers,
        Body,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        UntilClose,
        Done,
        Failed
    };

    Status fail(const QString &why);
    bool processLine(QByteArrayView line); // false after fail()
    bool parseStatusLine(QByteArrayView line);
    bool parseHeader(QByteArrayView line);
    bool endOfHeaders();
    bool parseChunkSize(QByteArrayView line);
    bool isLineState() const;

    State m_state = State::StatusLine;
    QByteArray m_line; // the current, incomplete line
    int m_status = 0;
    int m_headerCount = 0;
    qint64 m_remaining = 0;      // body or chunk bytes still to come
    qint64 m_contentLength = -1; // -1 when absent
    bool m_chunked = false;
    bool m_transferEncoding = false;
    bool m_http10 = false;
    bool m_connectionClose = false;
    bool m_connectionKeepAlive = false;
    bool m_keepAlive = false;
    bool m_started = false;
    bool m_headersComplete = false;
    QString m_error;
};

} // namespace kokoa
