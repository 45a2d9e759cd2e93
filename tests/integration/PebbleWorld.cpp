#include "PebbleWorld.h"

#include "AcmeTestSupport.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QTcpSocket>
#include <QTimer>
#include <QUdpSocket>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

constexpr int kStartTimeoutMs = 20000;
constexpr int kRequestTimeoutMs = 10000;

} // namespace

void ChallengeHttpServer::place(const QString &token, const QString &keyAuthorization)
{
    QMutexLocker lock(&m_mutex);
    m_answers.insert(token, keyAuthorization.toUtf8());
}

void ChallengeHttpServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    socket->setSocketDescriptor(socketDescriptor);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
        const QByteArray head = socket->peek(8192);
        if (!head.contains("\r\n\r\n"))
            return;
        socket->readAll();
        const QList<QByteArray> requestLine = head.left(head.indexOf("\r\n")).split(' ');
        const QByteArray prefix = "/.well-known/acme-challenge/";
        QByteArray status = "404 Not Found";
        QByteArray body;
        if (requestLine.size() >= 2 && requestLine.at(1).startsWith(prefix)) {
            const QString token = QString::fromLatin1(requestLine.at(1).mid(prefix.size()));
            QMutexLocker lock(&m_mutex);
            if (m_answers.contains(token)) {
                status = "200 OK";
                body = m_answers.value(token);
                ++m_answered;
            }
        }
        socket->write("HTTP/1.1 " + status + "\r\nContent-Type: text/plain\r\nContent-Length: " +
                      QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
        socket->disconnectFromHost();
    });
}

PebbleWorld::PebbleWorld(QString directory)
    : m_dir(std::move(directory))
{}

PebbleWorld::~PebbleWorld()
{
    for (QProcess *process : {&m_pebble, &m_challtestsrv}) {
        if (process->state() == QProcess::NotRunning)
            continue;
        process->terminate();
        if (!process->waitForFinished(5000)) {
            process->kill();
            process->waitForFinished(5000);
        }
    }
}

QList<quint16> PebbleWorld::freePorts(int count)
{
    // Ports free for TCP and UDP alike (challtestsrv's DNS binds both), all
    // held until every one is chosen so no two are the same.
    std::vector<std::unique_ptr<QTcpServer>> tcp;
    std::vector<std::unique_ptr<QUdpSocket>> udp;
    QList<quint16> ports;
    for (int attempt = 0; attempt < 100 && ports.size() < count; ++attempt) {
        auto server = std::make_unique<QTcpServer>();
        auto socket = std::make_unique<QUdpSocket>();
        if (!server->listen(QHostAddress::LocalHost, 0) ||
            !socket->bind(QHostAddress::LocalHost, server->serverPort()))
            continue;
        ports << server->serverPort();
        tcp.push_back(std::move(server));
        udp.push_back(std::move(socket));
    }
    return ports;
}

bool PebbleWorld::startProcess(QProcess &process, const QString &program,
                               const QStringList &arguments, const QByteArray &readyMarker,
                               QByteArray *log)
{
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setWorkingDirectory(m_dir);
    process.start(program, arguments);
    if (!process.waitForStarted(kStartTimeoutMs)) {
        m_error = program + QStringLiteral(" did not start: ") + process.errorString();
        return false;
    }
    QObject::connect(&process, &QProcess::readyRead, &process,
                     [&process, log] { *log += process.readAll(); });
    const QDeadlineTimer deadline(kStartTimeoutMs);
    while (!log->contains(readyMarker)) {
        if (deadline.hasExpired() || process.state() == QProcess::NotRunning) {
            m_error = program + QStringLiteral(" did not become ready: ") + QString::fromUtf8(*log);
            return false;
        }
        process.waitForReadyRead(100);
        *log += process.readAll();
    }
    return true;
}

bool PebbleWorld::start(int nonceRejectPercent, int validitySeconds)
{
    if (!makeTlsFiles(m_dir)) {
        m_error = QStringLiteral("openssl could not make the TLS files");
        return false;
    }
    if (!m_http.listen(QHostAddress::LocalHost, 0)) {
        m_error = QStringLiteral("no HTTP port for http-01");
        return false;
    }
    const QList<quint16> ports = freePorts(5);
    if (ports.size() != 5 || ports.contains(m_http.serverPort())) {
        m_error = QStringLiteral("no free loopback ports");
        return false;
    }
    m_acmePort = ports.at(0);
    m_managementPort = ports.at(1);
    m_dnsPort = ports.at(2);
    m_challengeManagementPort = ports.at(3);
    m_unusedPort = ports.at(4);
    const QString loopback = QStringLiteral("127.0.0.1:%1");
    if (!startProcess(m_challtestsrv, QStringLiteral("/usr/bin/pebble-challtestsrv"),
                      {u"-dns01"_s, loopback.arg(m_dnsPort), u"-http01"_s, u""_s, u"-https01"_s,
                       u""_s, u"-tlsalpn01"_s, u""_s, u"-defaultIPv6"_s, u""_s, u"-management"_s,
                       loopback.arg(m_challengeManagementPort)},
                      "Starting management server", &m_challLog))
        return false;
    QJsonObject config{
        {u"pebble"_s, QJsonObject{{u"listenAddress"_s, loopback.arg(m_acmePort)},
                                  {u"managementListenAddress"_s, loopback.arg(m_managementPort)},
                                  {u"certificate"_s, u"tls.pem"_s},
                                  {u"privateKey"_s, u"tls.key"_s},
                                  {u"httpPort"_s, int(m_http.serverPort())},
                                  {u"tlsPort"_s, int(m_unusedPort)},
                                  {u"ocspResponderURL"_s, u""_s},
                                  {u"externalAccountBindingRequired"_s, false}}}};
    if (validitySeconds > 0) {
        QJsonObject pebble = config.value(u"pebble"_s).toObject();
        pebble.insert(u"certificateValidityPeriod"_s, validitySeconds);
        config.insert(u"pebble"_s, pebble);
    }
    QFile file(m_dir + QStringLiteral("/pebble-config.json"));
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(config).toJson()) <= 0) {
        m_error = QStringLiteral("cannot write the Pebble config");
        return false;
    }
    file.close();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("PEBBLE_VA_NOSLEEP"), QStringLiteral("1"));
    if (nonceRejectPercent >= 0)
        environment.insert(QStringLiteral("PEBBLE_WFE_NONCEREJECT"),
                           QString::number(nonceRejectPercent));
    if (m_authzReusePercent >= 0)
        environment.insert(QStringLiteral("PEBBLE_AUTHZREUSE"),
                           QString::number(m_authzReusePercent));
    m_pebble.setProcessEnvironment(environment);
    if (!startProcess(m_pebble, QStringLiteral("/usr/bin/pebble"),
                      {u"-config"_s, u"pebble-config.json"_s, u"-dnsserver"_s,
                       m_dnsServer.isEmpty() ? loopback.arg(m_dnsPort) : m_dnsServer},
                      "ACME directory available at", &m_pebbleLog))
        return false;
    // Pebble logs the addresses before it binds them: ready is when both
    // the ACME directory and the management interface answer.
    const QDeadlineTimer deadline(kStartTimeoutMs);
    bool ok = false;
    while (request(directoryUrl(), QByteArray(), &ok).isEmpty() || !ok ||
           managementGet(u"/roots/0"_s).isEmpty()) {
        if (deadline.hasExpired() || m_pebble.state() == QProcess::NotRunning) {
            m_error = u"pebble does not answer: "_s + QString::fromUtf8(m_pebbleLog);
            return false;
        }
        m_pebble.waitForReadyRead(100);
    }
    return true;
}

QUrl PebbleWorld::directoryUrl() const
{
    return QUrl(QStringLiteral("https://127.0.0.1:%1/dir").arg(m_acmePort));
}

QByteArray PebbleWorld::request(const QUrl &url, const QByteArray &postBody, bool *ok)
{
    QNetworkRequest request(url);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(QSslCertificate::fromPath(caBundle()));
    request.setSslConfiguration(tls);
    request.setTransferTimeout(kRequestTimeoutMs);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply *reply =
        postBody.isNull() ? m_network.get(request) : m_network.post(request, postBody);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(kRequestTimeoutMs + 1000, &loop, &QEventLoop::quit);
    loop.exec();
    *ok = reply->isFinished() && reply->error() == QNetworkReply::NoError;
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    return body;
}

QByteArray PebbleWorld::managementGet(const QString &path)
{
    bool ok = false;
    const QByteArray body =
        request(QUrl(QStringLiteral("https://127.0.0.1:%1%2").arg(m_managementPort).arg(path)),
                QByteArray(), &ok);
    return ok ? body : QByteArray();
}

bool PebbleWorld::setTxt(const QString &name, const QString &value)
{
    bool ok = false;
    const QJsonObject body{{u"host"_s, QString(name + QLatin1Char('.'))}, {u"value"_s, value}};
    request(QUrl(QStringLiteral("http://127.0.0.1:%1/set-txt").arg(m_challengeManagementPort)),
            QJsonDocument(body).toJson(QJsonDocument::Compact), &ok);
    return ok;
}

bool PebbleWorld::clearTxt(const QString &name)
{
    bool ok = false;
    const QJsonObject body{{u"host"_s, QString(name + QLatin1Char('.'))}};
    request(QUrl(QStringLiteral("http://127.0.0.1:%1/clear-txt").arg(m_challengeManagementPort)),
            QJsonDocument(body).toJson(QJsonDocument::Compact), &ok);
    return ok;
}
