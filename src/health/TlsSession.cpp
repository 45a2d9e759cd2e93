#include "health/TlsSession.h"

#include <QByteArray>
#include <QHostAddress>
#include <QUrl>

#include <cerrno>
#include <cstring>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <sys/socket.h>

namespace kokoa {

namespace {

QString lastOpenSslError()
{
    const unsigned long code = ERR_peek_last_error();
    ERR_clear_error();
    if (code == 0)
        return {};
    if (const char *reason = ERR_reason_error_string(code))
        return QString::fromLatin1(reason);
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    return QString::fromLatin1(buffer);
}

// A socket BIO that sends with MSG_NOSIGNAL and remembers errno in the
// session (OpenSSL's own socket BIO uses write(), which raises SIGPIPE).
int bioWrite(BIO *bio, const char *data, int length)
{
    auto *session = static_cast<TlsSession *>(BIO_get_data(bio));
    BIO_clear_retry_flags(bio);
    const ssize_t n = ::send(session->fd(), data, size_t(length), MSG_NOSIGNAL);
    if (n < 0) {
        session->setSocketErrno(errno);
        if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
            BIO_set_retry_write(bio);
        return -1;
    }
    return int(n);
}

int bioRead(BIO *bio, char *buffer, int capacity)
{
    auto *session = static_cast<TlsSession *>(BIO_get_data(bio));
    BIO_clear_retry_flags(bio);
    const ssize_t n = ::recv(session->fd(), buffer, size_t(capacity), 0);
    if (n < 0) {
        session->setSocketErrno(errno);
        if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
            BIO_set_retry_read(bio);
        return -1;
    }
    if (n == 0)
        session->setSocketErrno(0);
    return int(n);
}

long bioCtrl(BIO *, int command, long, void *)
{
    return command == BIO_CTRL_FLUSH ? 1 : 0;
}

int bioCreate(BIO *bio)
{
    BIO_set_init(bio, 1);
    return 1;
}

BIO_METHOD *socketMethod()
{
    static BIO_METHOD *method = [] {
        BIO_METHOD *m =
            BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "kokoa probe socket");
        BIO_meth_set_write(m, bioWrite);
        BIO_meth_set_read(m, bioRead);
        BIO_meth_set_ctrl(m, bioCtrl);
        BIO_meth_set_create(m, bioCreate);
        return m;
    }();
    return method;
}

} // namespace

TlsContext::TlsContext()
{
    m_ctx = SSL_CTX_new(TLS_client_method());
    if (!m_ctx) {
        m_error = lastOpenSslError();
        return;
    }
    SSL_CTX_set_verify(m_ctx, SSL_VERIFY_NONE, nullptr);
    SSL_CTX_set_min_proto_version(m_ctx, TLS1_2_VERSION);
    SSL_CTX_set_mode(m_ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    // Without a trust store every chain would read "not trusted".
    if (SSL_CTX_set_default_verify_paths(m_ctx) != 1)
        ERR_clear_error();
}

TlsContext::~TlsContext()
{
    SSL_CTX_free(m_ctx);
}

TlsSession::TlsSession(const TlsContext &context, int fd, const QString &hostname)
    : m_fd(fd)
{
    ERR_clear_error();
    m_ssl = context.get() ? SSL_new(context.get()) : nullptr;
    if (!m_ssl) {
        m_error = context.get() ? lastOpenSslError() : context.errorString();
        return;
    }
    BIO *bio = BIO_new(socketMethod());
    BIO_set_data(bio, this);
    SSL_set_bio(m_ssl, bio, bio);

    const QHostAddress literal(hostname);
    if (!literal.isNull()) {
        // No SNI for addresses (RFC 6066); check the certificate's IP SAN.
        X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(m_ssl), hostname.toLatin1().constData());
    } else if (!hostname.isEmpty()) {
        const QByteArray ace = QUrl::toAce(hostname);
        SSL_set_tlsext_host_name(m_ssl, ace.constData());
        SSL_set1_host(m_ssl, ace.constData());
    }
    SSL_set_connect_state(m_ssl);
}

TlsSession::~TlsSession()
{
    SSL_free(m_ssl); // frees the BIO too; the socket is the caller's
}

TlsSession::Io TlsSession::result(int ret, const char *operation)
{
    switch (SSL_get_error(m_ssl, ret)) {
    case SSL_ERROR_WANT_READ:
        return Io::WantRead;
    case SSL_ERROR_WANT_WRITE:
        return Io::WantWrite;
    case SSL_ERROR_ZERO_RETURN:
        return Io::Closed;
    case SSL_ERROR_SYSCALL:
        if (ERR_peek_error() == 0) {
            if (m_errno == 0) {
                m_error = QStringLiteral("connection closed by the edge");
                return Io::Closed;
            }
            m_error = QString::fromLocal8Bit(std::strerror(m_errno));
            return Io::Error;
        }
        break;
    default:
        break;
    }
    m_error = lastOpenSslError();
    if (m_error.isEmpty())
        m_error = QString::fromLatin1(operation) + QStringLiteral(" failed");
    return Io::Error;
}

TlsSession::Io TlsSession::handshake()
{
    if (!m_ssl)
        return Io::Error;
    ERR_clear_error();
    m_errno = 0;
    const int ret = SSL_do_handshake(m_ssl);
    if (ret == 1)
        return Io::Done;
    const Io io = result(ret, "handshake");
    if (io == Io::Closed) {
        m_error = QStringLiteral("connection closed by the edge");
        return Io::Error; // a handshake that ends is a failed one
    }
    return io;
}

TlsSession::Io TlsSession::read(char *buffer, int capacity, int *bytes)
{
    ERR_clear_error();
    m_errno = 0;
    const int ret = SSL_read(m_ssl, buffer, capacity);
    *bytes = ret > 0 ? ret : 0;
    return ret > 0 ? Io::Done : result(ret, "read");
}

TlsSession::Io TlsSession::write(const char *data, int length, int *bytes)
{
    ERR_clear_error();
    m_errno = 0;
    const int ret = SSL_write(m_ssl, data, length);
    *bytes = ret > 0 ? ret : 0;
    return ret > 0 ? Io::Done : result(ret, "write");
}

QString TlsSession::certificateProblem() const
{
    const long verify = SSL_get_verify_result(m_ssl);
    if (verify == X509_V_OK)
        return {};
    return QString::fromLatin1(X509_verify_cert_error_string(verify));
}

} // namespace kokoa
