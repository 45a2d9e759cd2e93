#include "CloudflareEmulator.h"

#include "CloudflareBatch.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QPointer>
#include <QThread>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>

namespace {

const QString apiPrefix = QStringLiteral("/client/v4");

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

} // namespace

CloudflareEmulator::CloudflareEmulator(QByteArray token, QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
    , m_token(std::move(token))
{
    connect(m_server, &QTcpServer::newConnection, this, &CloudflareEmulator::onConnection);
}

CloudflareEmulator::~CloudflareEmulator()
{
    if (m_thread) {
        // Sockets and server belong to the emulator's thread: close them
        // there, then bring the object home to be destroyed.
        QThread *home = QThread::currentThread();
        QMetaObject::invokeMethod(
            this,
            [this, home] {
                shutDown();
                moveToThread(home);
            },
            Qt::BlockingQueuedConnection);
        m_thread->quit();
        m_thread->wait();
    } else {
        shutDown();
    }
}

void CloudflareEmulator::shutDown()
{
    // Sockets first, while the members their handlers use still exist.
    const QList<QTcpSocket *> sockets = m_server->findChildren<QTcpSocket *>();
    for (QTcpSocket *socket : sockets) {
        socket->disconnect(this);
        delete socket;
    }
    m_server->close();
}

bool CloudflareEmulator::start()
{
    return start(QHostAddress(QHostAddress::LocalHost), 0);
}

bool CloudflareEmulator::start(const QHostAddress &address, quint16 port)
{
    return m_server->listen(address, port);
}

bool CloudflareEmulator::startOnOwnThread()
{
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(QStringLiteral("cf-emulator"));
    moveToThread(m_thread.get());
    m_thread->start();
    bool ok = false;
    QMetaObject::invokeMethod(
        this, [this, &ok] { ok = start(); }, Qt::BlockingQueuedConnection);
    return ok;
}

QStringList CloudflareEmulator::zoneIds() const
{
    QMutexLocker lock(&m_mutex);
    return m_zones.keys();
}

QString CloudflareEmulator::zoneName(const QString &zoneId) const
{
    QMutexLocker lock(&m_mutex);
    return m_zones.value(zoneId);
}

QList<CloudflareEmulator::Request> CloudflareEmulator::requests() const
{
    QMutexLocker lock(&m_mutex);
    return m_requests;
}

void CloudflareEmulator::clearRequests()
{
    QMutexLocker lock(&m_mutex);
    m_requests.clear();
}

void CloudflareEmulator::setLatencyMs(int ms)
{
    QMutexLocker lock(&m_mutex);
    m_latencyMs = ms;
}

void CloudflareEmulator::failWith429(int count, int retryAfterSeconds)
{
    QMutexLocker lock(&m_mutex);
    m_fail429 = count;
    m_retryAfter = retryAfterSeconds;
}

void CloudflareEmulator::failWith5xx(int count, int status)
{
    QMutexLocker lock(&m_mutex);
    m_fail5xx = count;
    m_5xxStatus = status;
}

void CloudflareEmulator::failBatches(int count)
{
    QMutexLocker lock(&m_mutex);
    m_failBatches = count;
}

void CloudflareEmulator::setBatchLimit(int records)
{
    QMutexLocker lock(&m_mutex);
    m_batchLimit = records;
}

int CloudflareEmulator::batchLimit() const
{
    QMutexLocker lock(&m_mutex);
    return m_batchLimit;
}

int CloudflareEmulator::requestCount() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_requests.size());
}

int CloudflareEmulator::requestCount(const QByteArray &method, const QString &pathSuffix) const
{
    QMutexLocker lock(&m_mutex);
    return int(std::count_if(m_requests.cbegin(), m_requests.cend(), [&](const Request &r) {
        return r.method == method && r.path.endsWith(pathSuffix);
    }));
}

void CloudflareEmulator::setListingPatch(std::function<void(QJsonObject &)> patch)
{
    QMutexLocker lock(&m_mutex);
    m_listingPatch = std::move(patch);
}

void CloudflareEmulator::setPaddingBytes(qsizetype bytes)
{
    QMutexLocker lock(&m_mutex);
    m_paddingBytes = bytes;
}

void CloudflareEmulator::setTrickleMs(int ms)
{
    QMutexLocker lock(&m_mutex);
    m_trickleMs = ms;
}

QString CloudflareEmulator::baseUrl() const
{
    const QHostAddress a = m_server->serverAddress();
    QString host = a.isNull() || a == QHostAddress(QHostAddress::AnyIPv4) ||
                           a == QHostAddress(QHostAddress::Any)
                       ? QStringLiteral("127.0.0.1")
                       : a.toString();
    if (a.protocol() == QAbstractSocket::IPv6Protocol && a != QHostAddress(QHostAddress::Any))
        host = QLatin1Char('[') + host + QLatin1Char(']');
    return QStringLiteral("http://%1:%2").arg(host).arg(m_server->serverPort()) + apiPrefix;
}

QString CloudflareEmulator::newId()
{
    // 32 hex digits like Cloudflare's identifiers.
    return QStringLiteral("%1").arg(m_nextId++, 32, 16, QLatin1Char('0'));
}

QString CloudflareEmulator::addZone(const QString &name)
{
    QMutexLocker lock(&m_mutex);
    const QString id = newId();
    m_zones.insert(id, name);
    return id;
}

QString CloudflareEmulator::addRecord(const Record &record)
{
    QMutexLocker lock(&m_mutex);
    Record r = record;
    if (r.id.isEmpty())
        r.id = newId();
    m_records.append(r);
    return r.id;
}

bool CloudflareEmulator::dropRecord(const QString &id)
{
    QMutexLocker lock(&m_mutex);
    return m_records.removeIf([&](const Record &r) { return r.id == id; }) > 0;
}

QList<CloudflareEmulator::Record> CloudflareEmulator::records(const QString &zoneId) const
{
    QMutexLocker lock(&m_mutex);
    QList<Record> out;
    for (const Record &r : m_records)
        if (r.zoneId == zoneId)
            out.append(r);
    return out;
}

QList<CloudflareEmulator::Record> CloudflareEmulator::recordsNamed(const QString &name) const
{
    QMutexLocker lock(&m_mutex);
    QList<Record> out;
    for (const Record &r : m_records)
        if (r.name == name)
            out.append(r);
    return out;
}

void CloudflareEmulator::onConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void CloudflareEmulator::onReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer.append(socket->readAll());
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return; // a request may arrive in pieces
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    QHash<QByteArray, QByteArray> headers;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            headers.insert(lines[i].left(colon).trimmed().toLower(),
                           lines[i].mid(colon + 1).trimmed());
    }
    const qsizetype length = headers.value("content-length", "0").toLongLong();
    if (buffer.size() < headerEnd + 4 + length)
        return;
    const QList<QByteArray> requestLine = lines[0].trimmed().split(' ');
    Request request;
    request.method = requestLine.value(0);
    const QByteArray target = requestLine.value(1);
    const qsizetype q = target.indexOf('?');
    request.path = QString::fromLatin1(q < 0 ? target : target.left(q));
    request.query =
        q < 0 ? QString()
              : QUrlQuery(QString::fromLatin1(target.mid(q + 1))).toString(QUrl::FullyDecoded);
    request.body = buffer.mid(headerEnd + 4, length);
    buffer.clear();

    QMutexLocker lock(&m_mutex);
    Reply reply = handle(request, headers);
    if (reply.contentType == "application/json")
        reply.body.append(QByteArray(m_paddingBytes, ' '));
    request.status = reply.status;
    m_requests.append(request);
    const int latencyMs = m_latencyMs;
    const int trickleMs = m_trickleMs;
    lock.unlock();
    emit requestHandled();

    QByteArray out =
        "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' + reasonPhrase(reply.status) + "\r\n";
    out += "Content-Type: " + reply.contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n";
    for (const auto &h : std::as_const(reply.headers))
        out += h.first + ": " + h.second + "\r\n";
    out += "Connection: close\r\n\r\n" + reply.body;
    QPointer<QTcpSocket> guard(socket);
    QTimer::singleShot(latencyMs, this, [this, guard, out, trickleMs] {
        if (!guard)
            return;
        if (trickleMs > 0) {
            // Headers at once, then the body byte by byte: the transfer
            // never goes silent, so only an overall deadline ends it.
            const qsizetype bodyStart = out.indexOf("\r\n\r\n") + 4;
            guard->write(out.left(bodyStart));
            trickle(guard, out.mid(bodyStart));
            return;
        }
        guard->write(out);
        guard->disconnectFromHost();
    });
}

void CloudflareEmulator::trickle(QTcpSocket *socket, QByteArray rest)
{
    if (rest.isEmpty()) {
        socket->disconnectFromHost();
        return;
    }
    socket->write(rest.left(1));
    QPointer<QTcpSocket> guard(socket);
    int ms = 0;
    {
        QMutexLocker lock(&m_mutex);
        ms = m_trickleMs;
    }
    QTimer::singleShot(ms, this, [this, guard, rest] {
        if (guard)
            trickle(guard, rest.mid(1));
    });
}

CloudflareEmulator::Reply CloudflareEmulator::error(int status, int code, const QString &message)
{
    const QJsonObject body{
        {QStringLiteral("success"), false},
        {QStringLiteral("errors"), QJsonArray{QJsonObject{{QStringLiteral("code"), code},
                                                          {QStringLiteral("message"), message}}}},
        {QStringLiteral("messages"), QJsonArray()},
        {QStringLiteral("result"), QJsonValue::Null}};
    return {status, QJsonDocument(body).toJson(QJsonDocument::Compact), {}, "application/json"};
}

CloudflareEmulator::Reply CloudflareEmulator::success(const QJsonValue &result,
                                                      const QJsonObject &resultInfo)
{
    QJsonObject body{{QStringLiteral("success"), true},
                     {QStringLiteral("errors"), QJsonArray()},
                     {QStringLiteral("messages"), QJsonArray()},
                     {QStringLiteral("result"), result}};
    if (!resultInfo.isEmpty())
        body.insert(QStringLiteral("result_info"), resultInfo);
    return {200, QJsonDocument(body).toJson(QJsonDocument::Compact), {}, "application/json"};
}

QJsonObject CloudflareEmulator::toJson(const Record &r)
{
    return {{QStringLiteral("id"), r.id},
            {QStringLiteral("zone_id"), r.zoneId},
            {QStringLiteral("name"), r.name},
            {QStringLiteral("type"), r.type},
            {QStringLiteral("content"), r.content},
            {QStringLiteral("ttl"), r.ttl},
            {QStringLiteral("proxied"), r.proxied},
            {QStringLiteral("proxiable"), true},
            {QStringLiteral("comment"),
             r.comment.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.comment)},
            {QStringLiteral("tags"), QJsonArray()}};
}

CloudflareEmulator::Reply CloudflareEmulator::handle(Request &request,
                                                     const QHash<QByteArray, QByteArray> &headers)
{
    if (m_fail429 > 0) {
        --m_fail429;
        Reply r = error(429, 971,
                        QStringLiteral("Please wait and consider throttling your request speed"));
        if (m_retryAfter >= 0) // negative: no Retry-After header
            r.headers.append({"Retry-After", QByteArray::number(m_retryAfter)});
        return r;
    }
    if (m_fail5xx > 0) {
        --m_fail5xx;
        return {m_5xxStatus,
                "<html><body><h1>" + QByteArray::number(m_5xxStatus) +
                    " Bad Gateway</h1></body></html>",
                {},
                "text/html"};
    }
    if (!request.path.startsWith(apiPrefix + QLatin1Char('/')))
        return error(404, 7000, QStringLiteral("No route for that URI"));
    const QString path = request.path.mid(apiPrefix.size());
    request.path = path;

    const QByteArray auth = headers.value("authorization");
    if (auth.isEmpty())
        return error(400, 9106,
                     QStringLiteral("Missing X-Auth-Key, X-Auth-Email or Authorization headers"));
    request.authorized = auth == "Bearer " + m_token;
    const bool verifyCall = path == QLatin1String("/user/tokens/verify");
    if (!request.authorized) {
        if (verifyCall)
            return error(401, 1000, QStringLiteral("Invalid API Token"));
        return error(403, 9109, QStringLiteral("Invalid access token"));
    }
    if (verifyCall) {
        if (request.method != "GET")
            return error(405, 10405, QStringLiteral("Method not allowed"));
        return success(
            QJsonObject{{QStringLiteral("id"), QStringLiteral("f267e341f3dd4697bd3b9f71dd96247f")},
                        {QStringLiteral("status"), QStringLiteral("active")}});
    }
    QJsonObject query;
    const QUrlQuery parsed(request.query);
    for (const auto &item : parsed.queryItems(QUrl::FullyDecoded))
        query.insert(item.first, item.second);
    const QStringList parts = path.mid(1).split(QLatin1Char('/'));
    if (parts.value(0) == QLatin1String("zones"))
        return routeZones(request, parts, query);
    return error(404, 7000, QStringLiteral("No route for that URI"));
}

CloudflareEmulator::Reply CloudflareEmulator::routeZones(const Request &request,
                                                         const QStringList &parts,
                                                         const QJsonObject &query)
{
    if (parts.size() == 1) {
        if (request.method != "GET")
            return error(405, 10405, QStringLiteral("Method not allowed"));
        QJsonArray zones;
        for (auto it = m_zones.cbegin(); it != m_zones.cend(); ++it) {
            if (query.contains(QStringLiteral("name")) &&
                query.value(QStringLiteral("name")).toString() != it.value())
                continue;
            zones.append(QJsonObject{{QStringLiteral("id"), it.key()},
                                     {QStringLiteral("name"), it.value()},
                                     {QStringLiteral("status"), QStringLiteral("active")}});
        }
        return success(zones, {{QStringLiteral("page"), 1},
                               {QStringLiteral("per_page"), 20},
                               {QStringLiteral("count"), zones.size()},
                               {QStringLiteral("total_count"), zones.size()},
                               {QStringLiteral("total_pages"), 1}});
    }
    const QString zoneId = parts.at(1);
    if (!m_zones.contains(zoneId))
        return error(404, 7003,
                     QStringLiteral(
                         "Could not route to /zones/%1, perhaps your object identifier is invalid?")
                         .arg(zoneId));
    if (parts.size() == 2 && request.method == "GET") // the zone, with Cloudflare's name servers
        return success(QJsonObject{
            {QStringLiteral("id"), zoneId},
            {QStringLiteral("name"), m_zones.value(zoneId)},
            {QStringLiteral("status"), QStringLiteral("active")},
            {QStringLiteral("name_servers"), QJsonArray{QStringLiteral("ada.ns.cloudflare.com"),
                                                        QStringLiteral("bob.ns.cloudflare.com")}}});
    if (parts.value(2) != QLatin1String("dns_records") || parts.size() > 4)
        return error(404, 7000, QStringLiteral("No route for that URI"));
    if (parts.size() == 3) {
        if (request.method == "GET")
            return listRecords(zoneId, query);
        if (request.method == "POST")
            return createRecord(zoneId, request.body);
        return error(405, 10405, QStringLiteral("Method not allowed"));
    }
    if (parts.at(3) == QLatin1String("batch") && request.method == "POST")
        return batch(zoneId, request.body);
    if (request.method == "DELETE")
        return deleteRecord(zoneId, parts.at(3));
    if (request.method == "PATCH")
        return patchRecord(zoneId, parts.at(3), request.body);
    if (request.method == "GET") {
        for (const Record &r : std::as_const(m_records))
            if (r.zoneId == zoneId && r.id == parts.at(3))
                return success(toJson(r));
        return error(404, 81044, QStringLiteral("Record does not exist."));
    }
    return error(405, 10405, QStringLiteral("Method not allowed"));
}

CloudflareEmulator::Reply CloudflareEmulator::listRecords(const QString &zoneId,
                                                          const QJsonObject &query)
{
    const int page =
        std::max(1, query.value(QStringLiteral("page")).toString(QStringLiteral("1")).toInt());
    const int perPage =
        std::clamp(query.value(QStringLiteral("per_page")).toString(QStringLiteral("100")).toInt(),
                   5, 5'000'000);
    QList<Record> matching;
    for (const Record &r : std::as_const(m_records)) {
        if (r.zoneId != zoneId)
            continue;
        if (query.contains(QStringLiteral("type")) &&
            r.type != query.value(QStringLiteral("type")).toString())
            continue;
        if (query.contains(QStringLiteral("name")) &&
            r.name != query.value(QStringLiteral("name")).toString().toLower())
            continue;
        matching.append(r);
    }
    const int total = int(matching.size());
    const int totalPages = std::max(1, (total + perPage - 1) / perPage);
    QJsonArray result;
    for (int i = (page - 1) * perPage; i < std::min(total, page * perPage); ++i)
        result.append(toJson(matching.at(i)));
    Reply reply = success(result, {{QStringLiteral("page"), page},
                                   {QStringLiteral("per_page"), perPage},
                                   {QStringLiteral("count"), result.size()},
                                   {QStringLiteral("total_count"), total},
                                   {QStringLiteral("total_pages"), totalPages}});
    if (m_listingPatch) {
        QJsonObject envelope = QJsonDocument::fromJson(reply.body).object();
        m_listingPatch(envelope);
        reply.body = QJsonDocument(envelope).toJson(QJsonDocument::Compact);
    }
    return reply;
}

CloudflareEmulator::Reply CloudflareEmulator::createRecord(const QString &zoneId,
                                                           const QByteArray &body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    Record r;
    r.zoneId = zoneId;
    r.type = o.value(QStringLiteral("type")).toString();
    r.name = o.value(QStringLiteral("name")).toString().toLower();
    r.content = o.value(QStringLiteral("content")).toString();
    r.ttl = o.value(QStringLiteral("ttl")).toInt(1);
    r.proxied = o.value(QStringLiteral("proxied")).toBool(false);
    r.comment = o.value(QStringLiteral("comment")).toString();
    if (const auto failure = CloudflareBatch::checkNew(r, m_zones.value(zoneId), m_records))
        return error(failure->status, failure->code, failure->message);
    r.id = newId();
    m_records.append(r);
    emit recordsChanged(zoneId);
    return success(toJson(r));
}

CloudflareEmulator::Reply CloudflareEmulator::patchRecord(const QString &zoneId,
                                                          const QString &recordId,
                                                          const QByteArray &body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    for (Record &r : m_records) {
        if (r.zoneId != zoneId || r.id != recordId)
            continue;
        if (o.contains(QStringLiteral("proxied")))
            r.proxied = o.value(QStringLiteral("proxied")).toBool();
        if (o.contains(QStringLiteral("ttl")))
            r.ttl = o.value(QStringLiteral("ttl")).toInt();
        if (o.contains(QStringLiteral("comment")))
            r.comment = o.value(QStringLiteral("comment")).toString();
        if (o.contains(QStringLiteral("content")))
            r.content = o.value(QStringLiteral("content")).toString();
        const QJsonObject result = toJson(r);
        emit recordsChanged(zoneId);
        return success(result);
    }
    return error(404, 81044, QStringLiteral("Record does not exist."));
}

CloudflareEmulator::Reply CloudflareEmulator::deleteRecord(const QString &zoneId,
                                                           const QString &recordId)
{
    for (qsizetype i = 0; i < m_records.size(); ++i) {
        if (m_records[i].zoneId == zoneId && m_records[i].id == recordId) {
            m_records.removeAt(i);
            emit recordsChanged(zoneId);
            return success(QJsonObject{{QStringLiteral("id"), recordId}});
        }
    }
    return error(404, 81044, QStringLiteral("Record does not exist."));
}

CloudflareEmulator::Reply CloudflareEmulator::batch(const QString &zoneId, const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return error(400, 9207, QStringLiteral("Request body is invalid."));
    const bool fail = m_failBatches > 0;
    if (fail)
        --m_failBatches;
    CloudflareBatch run(zoneId, m_zones.value(zoneId), m_records, [this] { return newId(); });
    if (const auto failure = run.run(doc.object(), m_batchLimit, fail))
        return error(failure->status, failure->code, failure->message);
    m_records = run.records();
    emit recordsChanged(zoneId);
    return success(run.result());
}
