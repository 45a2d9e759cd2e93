#include "HetznerEmulator.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QUrlQuery>

namespace {

const QString apiPrefix = QStringLiteral("/v1");
const QStringList images{QStringLiteral("debian-12"), QStringLiteral("ubuntu-24.04")};
const QStringList locations{QStringLiteral("fsn1"), QStringLiteral("nbg1"), QStringLiteral("hel1")};
const QStringList serverTypes{QStringLiteral("cx22"), QStringLiteral("cx32"),
                              QStringLiteral("cpx11")};

// key==value or key=value, the forms Kokoa uses.
bool matchesSelector(const QJsonObject &labels, const QString &selector)
{
    if (selector.isEmpty())
        return true;
    QString key = selector.section(QStringLiteral("=="), 0, 0);
    QString value = selector.section(QStringLiteral("=="), 1);
    if (!selector.contains(QStringLiteral("=="))) {
        key = selector.section(QLatin1Char('='), 0, 0);
        value = selector.section(QLatin1Char('='), 1);
    }
    return labels.contains(key) && labels.value(key).toString() == value;
}

} // namespace

HetznerEmulator::HetznerEmulator(QByteArray token)
    : m_token(std::move(token))
{}

HetznerEmulator::~HetznerEmulator() = default;

bool HetznerEmulator::start()
{
    m_http = std::make_unique<EmulatorHttpServer>(
        [this](const EmulatorHttpServer::Request &r) { return handle(r); });
    return m_http->start();
}

QString HetznerEmulator::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1/v1").arg(m_http->port());
}

qint64 HetznerEmulator::addServer(const QString &name, const QJsonObject &labels)
{
    QMutexLocker lock(&m_mutex);
    Server s;
    s.id = m_nextId++;
    s.name = name;
    s.status = QStringLiteral("running");
    s.labels = labels;
    s.ipv4 = QStringLiteral("198.51.100.%1").arg(s.id % 250 + 1);
    m_servers.insert(s.id, s);
    return s.id;
}

QList<HetznerEmulator::PrimaryIp> HetznerEmulator::primaryIps() const
{
    QMutexLocker lock(&m_mutex);
    return m_primaryIps.values();
}

QList<HetznerEmulator::Server> HetznerEmulator::servers() const
{
    QMutexLocker lock(&m_mutex);
    return m_servers.values();
}

std::optional<HetznerEmulator::Server> HetznerEmulator::server(const QString &name) const
{
    QMutexLocker lock(&m_mutex);
    for (const Server &s : m_servers) {
        if (s.name == name)
            return s;
    }
    return std::nullopt;
}

int HetznerEmulator::requestCount(const QByteArray &method, const QString &pathPrefix) const
{
    QMutexLocker lock(&m_mutex);
    int n = 0;
    for (const auto &r : m_requests) {
        if (r.first == method && r.second.startsWith(pathPrefix))
            ++n;
    }
    return n;
}

void HetznerEmulator::onCreate(std::function<void(const Server &)> hook)
{
    QMutexLocker lock(&m_mutex);
    m_onCreate = std::move(hook);
}

void HetznerEmulator::assignAddresses(std::function<QString(const Server &)> assign)
{
    QMutexLocker lock(&m_mutex);
    m_assign = std::move(assign);
}

void HetznerEmulator::onDestroyed(std::function<void(const Server &)> hook)
{
    QMutexLocker lock(&m_mutex);
    m_onDestroyed = std::move(hook);
}

void HetznerEmulator::setBootReads(int reads)
{
    QMutexLocker lock(&m_mutex);
    m_bootReads = reads;
}

void HetznerEmulator::setNeverReady(bool never)
{
    QMutexLocker lock(&m_mutex);
    m_neverReady = never;
}

void HetznerEmulator::failWith429(int count, int retryAfterSeconds)
{
    QMutexLocker lock(&m_mutex);
    m_fail429 = count;
    m_retryAfter = retryAfterSeconds;
}

void HetznerEmulator::failWith5xx(int count, int status)
{
    QMutexLocker lock(&m_mutex);
    m_fail5xx = count;
    m_5xxStatus = status;
}

void HetznerEmulator::failDestroys(int count)
{
    QMutexLocker lock(&m_mutex);
    m_failDestroys = count;
}

void HetznerEmulator::loseCreateAnswers(int count)
{
    QMutexLocker lock(&m_mutex);
    m_loseCreates = count;
}

EmulatorHttpServer::Reply HetznerEmulator::error(int status, const QString &code,
                                                 const QString &message)
{
    return json(status, {{QStringLiteral("error"),
                          QJsonObject{{QStringLiteral("code"), code},
                                      {QStringLiteral("message"), message},
                                      {QStringLiteral("details"), QJsonObject()}}}});
}

EmulatorHttpServer::Reply HetznerEmulator::json(int status, const QJsonObject &body)
{
    return {status, QJsonDocument(body).toJson(QJsonDocument::Compact), {}};
}

QJsonObject HetznerEmulator::toJson(const Server &s) const
{
    return {
        {QStringLiteral("id"), s.id},
        {QStringLiteral("name"), s.name},
        {QStringLiteral("status"), s.status},
        {QStringLiteral("created"), QStringLiteral("2026-01-01T00:00:00+00:00")},
        {QStringLiteral("labels"), s.labels},
        {QStringLiteral("server_type"), QJsonObject{{QStringLiteral("name"), s.serverType}}},
        {QStringLiteral("image"), QJsonObject{{QStringLiteral("name"), s.image}}},
        {QStringLiteral("public_net"),
         QJsonObject{{QStringLiteral("ipv4"),
                      QJsonObject{{QStringLiteral("id"),
                                   s.primaryIpv4 ? QJsonValue(s.primaryIpv4) : QJsonValue::Null},
                                  {QStringLiteral("ip"), s.ipv4},
                                  {QStringLiteral("blocked"), false}}},
                     {QStringLiteral("ipv6"),
                      QJsonObject{{QStringLiteral("ip"),
                                   QStringLiteral("2001:db8:%1::/64").arg(s.id, 0, 16)},
                                  {QStringLiteral("blocked"), false}}}}},
    };
}

EmulatorHttpServer::Reply HetznerEmulator::handle(const EmulatorHttpServer::Request &request)
{
    QMutexLocker lock(&m_mutex);
    m_requests.append({request.method, request.path});
    EmulatorHttpServer::Reply reply;
    if (m_fail429 > 0) {
        --m_fail429;
        reply = error(429, QStringLiteral("rate_limit_exceeded"),
                      QStringLiteral("limit of 3600 requests per hour reached"));
        if (m_retryAfter >= 0)
            reply.headers.append({QByteArray("Retry-After"), QByteArray::number(m_retryAfter)});
    } else if (m_fail5xx > 0) {
        --m_fail5xx;
        reply = {m_5xxStatus, "<html><body>Service Unavailable</body></html>", {}};
    } else if (request.headers.value("authorization") != "Bearer " + m_token) {
        reply =
            error(401, QStringLiteral("unauthorized"), QStringLiteral("unable to authenticate"));
    } else if (!request.path.startsWith(apiPrefix + QLatin1Char('/'))) {
        reply = error(404, QStringLiteral("not_found"), QStringLiteral("no such route"));
    } else {
        const QStringList parts = request.path.mid(apiPrefix.size() + 1).split(QLatin1Char('/'));
        const qint64 id = parts.value(1).toLongLong();
        if (parts.value(0) == QLatin1String("servers") && parts.size() == 1) {
            if (request.method == "POST")
                reply = createServer(request.body);
            else if (request.method == "GET")
                reply = listServers(request.query);
            else
                reply = error(405, QStringLiteral("method_not_allowed"), QStringLiteral("no"));
        } else if (parts.value(0) == QLatin1String("servers") && parts.size() == 2) {
            if (request.method == "GET")
                reply = getServer(id);
            else if (request.method == "DELETE")
                reply = deleteServer(id);
            else
                reply = error(405, QStringLiteral("method_not_allowed"), QStringLiteral("no"));
        } else if (parts.value(0) == QLatin1String("actions") && parts.size() == 2) {
            reply = getAction(id);
        } else if (parts.value(0) == QLatin1String("primary_ips") && parts.size() == 2) {
            reply = primaryIp(request.method, id, request.body);
        } else {
            reply = error(404, QStringLiteral("not_found"), QStringLiteral("no such route"));
        }
    }
    m_remaining = std::max(0, m_remaining - 1);
    reply.headers.append({QByteArray("RateLimit-Limit"), QByteArray("3600")});
    reply.headers.append({QByteArray("RateLimit-Remaining"), QByteArray::number(m_remaining)});
    reply.headers.append({QByteArray("RateLimit-Reset"),
                          QByteArray::number(QDateTime::currentSecsSinceEpoch() + 3600)});
    return reply;
}

EmulatorHttpServer::Reply HetznerEmulator::createServer(const QByteArray &body)
{
    const QJsonObject in = QJsonDocument::fromJson(body).object();
    Server s;
    s.name = in.value(QLatin1String("name")).toString();
    s.serverType = in.value(QLatin1String("server_type")).toString();
    s.image = in.value(QLatin1String("image")).toString();
    s.location = in.value(QLatin1String("location")).toString();
    s.userData = in.value(QLatin1String("user_data")).toString().toUtf8();
    s.labels = in.value(QLatin1String("labels")).toObject();
    if (s.name.isEmpty())
        return error(422, QStringLiteral("invalid_input"),
                     QStringLiteral("invalid input in field 'name'"));
    if (!images.contains(s.image))
        return error(422, QStringLiteral("invalid_input"),
                     QStringLiteral("image %1 not found").arg(s.image));
    if (!locations.contains(s.location))
        return error(422, QStringLiteral("invalid_input"),
                     QStringLiteral("location %1 not found").arg(s.location));
    if (!serverTypes.contains(s.serverType))
        return error(422, QStringLiteral("invalid_input"),
                     QStringLiteral("server type %1 not found").arg(s.serverType));
    if (s.userData.size() > 32 * 1024)
        return error(422, QStringLiteral("invalid_input"), QStringLiteral("user_data too long"));
    for (const Server &other : std::as_const(m_servers)) {
        if (other.name == s.name)
            return error(409, QStringLiteral("uniqueness_error"),
                         QStringLiteral("server name is already used"));
    }
    s.id = m_nextId++;
    s.status = QStringLiteral("initializing");
    const QJsonValue wantedIp =
        in.value(QLatin1String("public_net")).toObject().value(QLatin1String("ipv4"));
    if (std::optional<EmulatorHttpServer::Reply> refused = takePrimaryIp(s, wantedIp))
        return *refused;
    m_servers.insert(s.id, s);
    const qint64 actionId = m_nextId++;
    const QJsonObject action{{QStringLiteral("id"), actionId},
                             {QStringLiteral("command"), QStringLiteral("create_server")},
                             {QStringLiteral("status"), QStringLiteral("running")},
                             {QStringLiteral("progress"), 0},
                             {QStringLiteral("error"), QJsonValue::Null}};
    m_actions.insert(actionId, action);
    if (m_onCreate)
        m_onCreate(s);
    if (m_loseCreates > 0) {
        --m_loseCreates;
        return {503, "<html><body>upstream went away</body></html>", {}};
    }
    return json(201, {{QStringLiteral("server"), toJson(s)},
                      {QStringLiteral("action"), action},
                      {QStringLiteral("next_actions"), QJsonArray()},
                      {QStringLiteral("root_password"), QJsonValue::Null}});
}

EmulatorHttpServer::Reply HetznerEmulator::listServers(const QString &query)
{
    const QUrlQuery q(query);
    const QString name = q.queryItemValue(QStringLiteral("name"), QUrl::FullyDecoded);
    const QString selector = q.queryItemValue(QStringLiteral("label_selector"), QUrl::FullyDecoded);
    const int page = std::max(1, q.queryItemValue(QStringLiteral("page")).toInt());
    int perPage = q.queryItemValue(QStringLiteral("per_page")).toInt();
    if (perPage <= 0)
        perPage = 25;
    perPage = std::min(perPage, 50);
    QList<Server> matching;
    for (const Server &s : std::as_const(m_servers)) {
        if ((name.isEmpty() || s.name == name) && matchesSelector(s.labels, selector))
            matching.append(s);
    }
    const int lastPage = std::max(1, int((matching.size() + perPage - 1) / perPage));
    QJsonArray out;
    for (qsizetype i = qsizetype(page - 1) * perPage;
         i < matching.size() && i < qsizetype(page) * perPage; ++i)
        out.append(toJson(matching.at(i)));
    const QJsonObject pagination{
        {QStringLiteral("page"), page},
        {QStringLiteral("per_page"), perPage},
        {QStringLiteral("previous_page"), page > 1 ? QJsonValue(page - 1) : QJsonValue::Null},
        {QStringLiteral("next_page"), page < lastPage ? QJsonValue(page + 1) : QJsonValue::Null},
        {QStringLiteral("last_page"), lastPage},
        {QStringLiteral("total_entries"), int(matching.size())}};
    return json(
        200, {{QStringLiteral("servers"), out},
              {QStringLiteral("meta"), QJsonObject{{QStringLiteral("pagination"), pagination}}}});
}

EmulatorHttpServer::Reply HetznerEmulator::getServer(qint64 id)
{
    auto it = m_servers.find(id);
    if (it == m_servers.end())
        return error(404, QStringLiteral("not_found"), QStringLiteral("server not found"));
    ++it->reads;
    if (it->status == QLatin1String("initializing") && !m_neverReady && it->reads >= m_bootReads)
        it->status = QStringLiteral("running");
    return json(200, {{QStringLiteral("server"), toJson(*it)}});
}

EmulatorHttpServer::Reply HetznerEmulator::deleteServer(qint64 id)
{
    auto it = m_servers.find(id);
    if (it == m_servers.end())
        return error(404, QStringLiteral("not_found"), QStringLiteral("server not found"));
    it->status = QStringLiteral("deleting");
    const qint64 actionId = m_nextId++;
    const QJsonObject action{{QStringLiteral("id"), actionId},
                             {QStringLiteral("command"), QStringLiteral("delete_server")},
                             {QStringLiteral("status"), QStringLiteral("running")},
                             {QStringLiteral("progress"), 0},
                             {QStringLiteral("error"), QJsonValue::Null}};
    m_actions.insert(actionId, action);
    m_actionServer.insert(actionId, id);
    return json(200, {{QStringLiteral("action"), action}});
}

EmulatorHttpServer::Reply HetznerEmulator::getAction(qint64 id)
{
    auto it = m_actions.find(id);
    if (it == m_actions.end())
        return error(404, QStringLiteral("not_found"), QStringLiteral("action not found"));
    if (it->value(QLatin1String("status")).toString() == QLatin1String("running") &&
        m_actionServer.contains(id)) {
        const qint64 serverId = m_actionServer.value(id);
        if (m_failDestroys > 0) {
            --m_failDestroys;
            it->insert(QStringLiteral("status"), QStringLiteral("error"));
            it->insert(QStringLiteral("error"),
                       QJsonObject{{QStringLiteral("code"), QStringLiteral("action_failed")},
                                   {QStringLiteral("message"), QStringLiteral("Action failed")}});
            if (m_servers.contains(serverId))
                m_servers[serverId].status = QStringLiteral("running");
        } else {
            it->insert(QStringLiteral("status"), QStringLiteral("success"));
            it->insert(QStringLiteral("progress"), 100);
            serverGone(serverId);
        }
    }
    return json(200, {{QStringLiteral("action"), *it}});
}

// public_net.ipv4: null or absent gives the server a new primary IP, an id
// gives it that one if it is free and in the server's location.
std::optional<EmulatorHttpServer::Reply> HetznerEmulator::takePrimaryIp(Server &server,
                                                                        const QJsonValue &wanted)
{
    if (wanted.isDouble()) {
        auto it = m_primaryIps.find(wanted.toInteger());
        if (it == m_primaryIps.end())
            return error(404, QStringLiteral("not_found"), QStringLiteral("primary ip not found"));
        if (it->assignee != 0)
            return error(409, QStringLiteral("primary_ip_assigned"),
                         QStringLiteral("primary ip is already assigned"));
        if (it->location != server.location)
            return error(422, QStringLiteral("invalid_input"),
                         QStringLiteral("primary ip is in another location"));
        it->assignee = server.id;
        server.primaryIpv4 = it->id;
        server.ipv4 = it->ip;
        return std::nullopt;
    }
    PrimaryIp ip;
    ip.id = m_nextId++;
    ip.ip = QStringLiteral("203.0.113.%1").arg(server.id % 250 + 1);
    if (m_assign) {
        ip.ip = m_assign(server);
        if (ip.ip.isEmpty())
            return error(412, QStringLiteral("resource_unavailable"),
                         QStringLiteral("no server could be provisioned"));
    }
    ip.location = server.location;
    ip.assignee = server.id;
    m_primaryIps.insert(ip.id, ip);
    server.primaryIpv4 = ip.id;
    server.ipv4 = ip.ip;
    return std::nullopt;
}

// A deleted server's primary IP goes with it, or stays unassigned when its
// auto_delete was turned off.
void HetznerEmulator::serverGone(qint64 serverId)
{
    const Server gone = m_servers.value(serverId);
    const qint64 ipId = gone.primaryIpv4;
    m_servers.remove(serverId);
    if (m_onDestroyed)
        m_onDestroyed(gone);
    auto it = m_primaryIps.find(ipId);
    if (it == m_primaryIps.end())
        return;
    if (it->autoDelete)
        m_primaryIps.erase(it);
    else
        it->assignee = 0;
}

QJsonObject HetznerEmulator::toJson(const PrimaryIp &ip) const
{
    return {
        {QStringLiteral("id"), ip.id},
        {QStringLiteral("ip"), ip.ip},
        {QStringLiteral("type"), QStringLiteral("ipv4")},
        {QStringLiteral("assignee_type"), QStringLiteral("server")},
        {QStringLiteral("assignee_id"), ip.assignee ? QJsonValue(ip.assignee) : QJsonValue::Null},
        {QStringLiteral("auto_delete"), ip.autoDelete},
        {QStringLiteral("datacenter"),
         QJsonObject{
             {QStringLiteral("location"), QJsonObject{{QStringLiteral("name"), ip.location}}}}}};
}

EmulatorHttpServer::Reply HetznerEmulator::primaryIp(const QByteArray &method, qint64 id,
                                                     const QByteArray &body)
{
    auto it = m_primaryIps.find(id);
    if (it == m_primaryIps.end())
        return error(404, QStringLiteral("not_found"), QStringLiteral("primary ip not found"));
    if (method == "PUT") {
        const QJsonObject in = QJsonDocument::fromJson(body).object();
        const QJsonValue autoDelete = in.value(QLatin1String("auto_delete"));
        if (!autoDelete.isUndefined() && !autoDelete.isBool())
            return error(422, QStringLiteral("invalid_input"),
                         QStringLiteral("invalid input in field 'auto_delete'"));
        if (autoDelete.isBool())
            it->autoDelete = autoDelete.toBool();
    } else if (method != "GET") {
        return error(405, QStringLiteral("method_not_allowed"), QStringLiteral("no"));
    }
    return json(200, {{QStringLiteral("primary_ip"), toJson(*it)}});
}
