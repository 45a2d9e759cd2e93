#include "FakeAcmeServer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>

using namespace Qt::StringLiterals;

namespace {

QJsonObject decodePart(const QJsonObject &jws, const QString &name)
{
    const QByteArray encoded = jws.value(name).toString().toLatin1();
    const auto decoded = QByteArray::fromBase64Encoding(
        encoded, QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return QJsonDocument::fromJson(decoded.decoded).object();
}

} // namespace

bool FakeAcmeServer::listen(const QString &certificatePem, const QString &keyPem)
{
    QFile keyFile(keyPem);
    if (!keyFile.open(QIODevice::ReadOnly))
        return false;
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(QSslCertificate::fromPath(certificatePem));
    tls.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Ec));
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    m_server.setSslConfiguration(tls);
    m_clock.start();
    connect(&m_server, &QSslServer::pendingConnectionAvailable, this, [this] {
        while (m_server.hasPendingConnections())
            serve(qobject_cast<QSslSocket *>(m_server.nextPendingConnection()));
    });
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl FakeAcmeServer::directoryUrl() const
{
    return QUrl(u"https://127.0.0.1:%1/dir"_s.arg(m_server.serverPort()));
}

QList<FakeAcmeServer::Request> FakeAcmeServer::requestsTo(const QString &path) const
{
    QList<Request> matching;
    for (const Request &request : requests) {
        if (request.path == path)
            matching << request;
    }
    return matching;
}

void FakeAcmeServer::serve(QSslSocket *socket)
{
    if (!socket)
        return;
    socket->setParent(this);
    connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
    // Keep-alive: any number of requests per connection, each with its body.
    connect(socket, &QSslSocket::readyRead, socket, [this, socket] {
        QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
        for (;;) {
            const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
            if (headEnd < 0)
                break;
            const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
            qsizetype length = 0;
            for (const QByteArray &line : lines) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
            if (buffer.size() < headEnd + 4 + length)
                break;
            const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
            const QByteArray body = buffer.mid(headEnd + 4, length);
            buffer.remove(0, headEnd + 4 + length);
            if (requestLine.size() < 2)
                break;
            socket->write(answer(requestLine.at(0), QString::fromLatin1(requestLine.at(1)), body));
        }
        socket->setProperty("buffer", buffer);
    });
}

QByteArray FakeAcmeServer::response(int status, const QByteArray &body,
                                    const QList<QByteArray> &headers, const QByteArray &contentType)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) +
                     " X\r\nContent-Type: " + contentType +
                     "\r\nContent-Length: " + QByteArray::number(body.size()) +
                     "\r\nReplay-Nonce: fake-nonce-" + QByteArray::number(++m_nonce) + "\r\n";
    for (const QByteArray &header : headers)
        out += header + "\r\n";
    return out + "\r\n" + body;
}

QByteArray FakeAcmeServer::problem(int status, const QString &type, const QString &detail,
                                   const QList<QByteArray> &headers)
{
    const QJsonObject body{{u"type"_s, QString(u"urn:ietf:params:acme:error:"_s + type)},
                           {u"detail"_s, detail}};
    return response(status, QJsonDocument(body).toJson(QJsonDocument::Compact), headers,
                    "application/problem+json");
}

QByteArray FakeAcmeServer::order(const QString &base, const QString &status)
{
    QJsonObject order{
        {u"status"_s, status},
        {u"identifiers"_s,
         QJsonArray{QJsonObject{{u"type"_s, u"dns"_s}, {u"value"_s, u"app.example.test"_s}}}},
        {u"authorizations"_s, QJsonArray{QString(base + u"/authz/1"_s)}},
        {u"finalize"_s, QString(base + u"/finalize/1"_s)}};
    if (status == u"valid"_s)
        order.insert(u"certificate"_s, QString(base + u"/cert/1"_s));
    return QJsonDocument(order).toJson(QJsonDocument::Compact);
}

QByteArray FakeAcmeServer::answer(const QByteArray &method, const QString &path,
                                  const QByteArray &body)
{
    Request request{method, path, {}, {}, m_clock.elapsed()};
    const QJsonObject jws = QJsonDocument::fromJson(body).object();
    if (!jws.isEmpty()) {
        request.protectedHeader = decodePart(jws, u"protected"_s);
        request.payload = decodePart(jws, u"payload"_s);
    }
    requests << request;
    const QString base = u"https://127.0.0.1:%1"_s.arg(m_server.serverPort());
    if (path == u"/dir"_s && hugeDirectory)
        return response(200, QByteArray(2 * 1024 * 1024, ' ') + "{}");
    if (path == u"/dir"_s) {
        const QJsonObject directory{
            {u"newNonce"_s, QString(base + u"/nonce"_s)},
            {u"newAccount"_s, QString(base + u"/new-account"_s)},
            {u"newOrder"_s, QString(base + u"/new-order"_s)},
            {u"revokeCert"_s, QString(base + u"/revoke"_s)},
            {u"renewalInfo"_s, QString(base + u"/renewal-info"_s)},
            {u"meta"_s,
             QJsonObject{{u"profiles"_s, QJsonObject{{u"classic"_s, u"90 days"_s},
                                                     {u"shortlived"_s, u"160 hours"_s}}}}}};
        return response(200, QJsonDocument(directory).toJson(QJsonDocument::Compact));
    }
    if (path == u"/nonce"_s)
        return response(200, {});
    if (method == "POST" && rejectNonces > 0) {
        --rejectNonces;
        return problem(400, u"badNonce"_s, u"try the fresh one"_s);
    }
    if (path == u"/new-account"_s)
        return response(201, R"({"status":"valid"})", {"Location: " + base.toLatin1() + "/acct/7"});
    if (issueOrders) {
        if (path == u"/new-order"_s)
            return response(201, order(base, u"pending"_s),
                            {"Location: " + base.toLatin1() + "/order/1"});
        if (path == u"/authz/1"_s)
            return response(200, R"({"status":"valid","identifier":{"type":"dns","value":)"
                                 R"("app.example.test"},"challenges":[]})");
        if (path == u"/order/1"_s && requestsTo(u"/finalize/1"_s).isEmpty())
            return response(200, order(base, u"ready"_s));
        if (path == u"/finalize/1"_s || (path == u"/order/1"_s && processingPolls-- > 0))
            return response(200, order(base, u"processing"_s),
                            {"Retry-After: " + QByteArray::number(processingRetryAfterS)});
        if (path == u"/order/1"_s)
            return response(200, order(base, u"valid"_s));
        if (path == u"/cert/1"_s)
            return response(200, chainPem, {}, "application/pem-certificate-chain");
    }
    if (path == u"/new-order"_s)
        return problem(429, u"rateLimited"_s, u"too many certificates for this exact set"_s,
                       {"Retry-After: " + QByteArray::number(orderRetryAfterS)});
    if (path.startsWith(u"/renewal-info/"_s)) {
        const QJsonObject window{{u"start"_s, renewalStart}, {u"end"_s, renewalEnd}};
        const QByteArray info =
            QJsonDocument(QJsonObject{{u"suggestedWindow"_s, window},
                                      {u"explanationURL"_s, u"https://ca.test/why"_s}})
                .toJson(QJsonDocument::Compact);
        return response(200, info, {"Retry-After: " + QByteArray::number(renewalRetryAfterS)});
    }
    return problem(404, u"malformed"_s, u"no such resource"_s);
}
