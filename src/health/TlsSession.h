#pragma once

#include <QString>
#include <QtGlobal>

#include <memory>

// OpenSSL types, opaque here.
typedef struct ssl_ctx_st SSL_CTX;
typedef struct ssl_st SSL;

namespace kokoa {

// One SSL_CTX for all the TLS connections of a ProbeEngine: client side, no
// peer verification enforced (availability is measured), but the system
// trust store is loaded so that each session can tell whether its chain and
// hostname verified.
class TlsContext final
{
    Q_DISABLE_COPY_MOVE(TlsContext)

public:
    TlsContext();
    ~TlsContext();

    // nullptr when OpenSSL could not make a context (errorString() says why).
    SSL_CTX *get() const { return m_ctx; }
    const QString &errorString() const { return m_error; }

private:
    SSL_CTX *m_ctx = nullptr;
    QString m_error;
};

// A non-blocking TLS client session over a connected, non-blocking socket
// the caller owns. Every call returns at once; WantRead / WantWrite say which
// readiness of the socket to wait for before calling again. Writes go through
// send(MSG_NOSIGNAL): a peer that went away never raises SIGPIPE.
class TlsSession final
{
    Q_DISABLE_COPY_MOVE(TlsSession)

public:
    enum class Io
    {
        Done,
        WantRead,
        WantWrite,
        Closed,
        Error
    };

    // hostname: SNI (unless it is an IP literal) and the name the certificate
    // is checked against.
    TlsSession(const TlsContext &context, int fd, const QString &hostname);
    ~TlsSession();

    Io handshake();
    // Done with *bytes > 0, or WantRead/WantWrite/Closed/Error.
    Io read(char *buffer, int capacity, int *bytes);
    // Done with *bytes > 0 written (possibly fewer than length).
    Io write(const char *data, int length, int *bytes);

    // After an Error: what failed, for humans ("wrong version number", …).
    const QString &errorString() const { return m_error; }
    // After the handshake: empty when the chain and the hostname verified,
    // else the reason ("self-signed certificate", …).
    QString certificateProblem() const;

    // Used by the BIO callbacks.
    int fd() const { return m_fd; }
    void setSocketErrno(int error) { m_errno = error; }

private:
    Io result(int ret, const char *operation);

    SSL *m_ssl = nullptr;
    int m_fd;
    int m_errno = 0;
    QString m_error;
};

} // namespace kokoa
