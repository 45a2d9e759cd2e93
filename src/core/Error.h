#pragma once

#include <QCoreApplication>
#include <QString>

namespace kokoa {

// Errors are values. Every error says what was attempted and why it failed;
// errors about input also name the field so a user can find what to fix.
class Error final
{
    Q_DECLARE_TR_FUNCTIONS(Error)

public:
    enum class Kind
    {
        InvalidInput, // the user gave something that breaks a rule
        NotFound,     // a named object does not exist
        Conflict,     // the request clashes with the stored state
        Storage,      // the database failed
        Io,           // a file or process failed
        Crypto,       // OpenSSL or libssh key handling failed
        Remote,       // a connection or a command on another host failed
        Refused,      // a remote service refused the request (bad credentials, bad
                      // request, permission): repeating it unchanged cannot succeed
        HostKey,      // a host's SSH key is unknown or changed: all work with it stops
        Timeout,      // something took longer than allowed
        Cancelled,    // the user or a shutdown stopped the work
        Internal,
    };

    Error() = default;
    Error(Kind kind, QString message, QString field = {}, QString value = {})
        : m_kind(kind)
        , m_message(std::move(message))
        , m_field(std::move(field))
        , m_value(std::move(value))
    {}

    static Error invalid(const QString &field, const QString &value, const QString &rule);

    Kind kind() const { return m_kind; }
    // Whether the same request may succeed later without anyone changing
    // anything (a timeout, a dropped connection, a busy server).
    bool retryable() const { return m_kind == Kind::Remote || m_kind == Kind::Timeout; }
    const QString &message() const { return m_message; }
    const QString &field() const { return m_field; }
    // The offending value as data (what the user gave, or what a host
    // presented, e.g. an SSH host key fingerprint), so a shell can show or
    // act on it without parsing the message. Empty when there is none.
    const QString &value() const { return m_value; }
    // How long the remote service asked not to be called again (an HTTP
    // 429's Retry-After), 0 if it did not say: callers back off at least that long.
    qint64 retryAfterMs() const { return m_retryAfterMs; }
    Error withRetryAfter(qint64 ms) const
    {
        Error e = *this;
        e.m_retryAfterMs = ms;
        return e;
    }

    // Adds context in front: "importing routes: <message>".
    Error prefixed(const QString &context) const;

private:
    Kind m_kind = Kind::Internal;
    QString m_message;
    QString m_field;
    QString m_value;
    qint64 m_retryAfterMs = 0;
};

// Makes a value safe to quote inside an error message: control characters and
// anything outside printable ASCII are shown as escapes, long values are cut.
QString quoteForMessage(const QString &value);

} // namespace kokoa
