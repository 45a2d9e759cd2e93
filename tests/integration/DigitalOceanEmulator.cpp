#include "DigitalOceanEmulator.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>
#include <QUrlQuery>

namespace {

const QString apiPrefix = QStringLiteral("/v2");
const QStringList images{QStringLiteral("debian-12-x64"), QStringLiteral("ubuntu-24-04-x64")};
const QStringList regions{QStringLiteral("fra1"), QStringLiteral("ams3"), QStringLiteral("sgp1")};
const QStringList sizes{QStringLiteral("s-1vcpu-1gb"), QStringLiteral("s-1vcpu-2gb")};

} // namespace

DigitalOceanEmulator::DigitalOceanEmulator(QByteArray token)
    : m_token(std::move(token))
{}

DigitalOceanEmulator::~DigitalOceanEmulator() = default;

bool DigitalOceanEmulator::start()
{
    m_http = std::make_unique<EmulatorHttpServer>(
        [this](const EmulatorHttpServer::Request &r) { return handle(r); });
    return m_http->start();
}

QString DigitalOceanEmulator::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1/v2").arg(m_http->port());
}

qint64 DigitalOceanEmulator::addDroplet(const QString &name, const QJsonArray &tags)
{
    QMutexLocker lock(&m_mutex);
    Droplet d;
    d.id = m_nextId++;
    d.name = name;
    d.status = QStringLiteral("active");
    d.tags = tags;
    d.ipv4 = QStringLiteral("198.51.100.%1").arg(d.id % 250 + 1);
    m_droplets.insert(d.id, d);
    return d.id;
}

QList<DigitalOceanEmulator::Droplet> DigitalOceanEmulator::droplets() const
{
    QMutexLocker lock(&m_mutex);
    return m_droplets.values();
}

QList<DigitalOceanEmulator::ReservedIp> DigitalOceanEmulator::reservedIps() const
{
    QMutexLocker lock(&m_mutex);
    return m_reservedIps.values();
}

int DigitalOceanEmulator::requestCount(const QByteArray &method, const QString &pathPrefix) const
{
    QMutexLocker lock(&m_mutex);
    int n = 0;
    for (const auto &r : m_requests)
        n += r.first == method && r.second.startsWith(pathPrefix) ? 1 : 0;
    return n;
}

void DigitalOceanEmulator::assignAddresses(std::function<QString(const Droplet &)> assign)
{
    QMutexLocker lock(&m_mutex);
    m_assign = std::move(assign);
}

void DigitalOceanEmulator::onDestroyed(std::function<void(const Droplet &)> hook)
{
    QMutexLocker lock(&m_mutex);
    m_onDestroyed = std::move(hook);
}

void DigitalOceanEmulator::setBootReads(int reads)
{
    QMutexLocker lock(&m_mutex);
    m_bootReads = reads;
}

void DigitalOceanEmulator::setActionReads(int reads)
{
    QMutexLocker lock(&m_mutex);
    m_actionReads = reads;
}

void DigitalOceanEmulator::setNeverReady(bool never)
{
    QMutexLocker lock(&m_mutex);
    m_neverReady = never;
}

void DigitalOceanEmulator::failWith429(int count, int retryAfterSeconds)
{
    QMutexLocker lock(&m_mutex);
    m_fail429 = count;
    m_retryAfter = retryAfterSeconds;
}

void DigitalOceanEmulator::failWith5xx(int count)
{
    QMutexLocker lock(&m_mutex);
    m_fail5xx = count;
}

void DigitalOceanEmulator::failDestroys(int count)
{
    QMutexLocker lock(&m_mutex);
    m_failDestroys = count;
}

void DigitalOceanEmulator::loseCreateAnswers(int count)
{
    QMutexLocker lock(&m_mutex);
    m_loseCreates = count;
}

EmulatorHttpServer::Reply DigitalOceanEmulator::error(int status, const QString &id,
                                                      const QString &message)
{
    return json(status, {{QStringLiteral("id"), id}, {QStringLiteral("message"), message}});
}

EmulatorHttpServer::Reply DigitalOceanEmulator::json(int status, const QJsonObject &body)
{
    return {status, QJsonDocument(body).toJson(QJsonDocument::Compact), {}};
}

QJsonObject DigitalOceanEmulator::toJson(const Droplet &d) const
{
    QJsonArray v4;
    QJsonArray v6;
    if (d.status == QLatin1String("active")) {
        v4.append(QJsonObject{{QStringLiteral("ip_address"), QStringLiteral("10.19.0.5")},
                              {QStringLiteral("type"), QStringLiteral("private")}});
        v4.append(QJsonObject{{QStringLiteral("ip_address"), d.ipv4},
                              {QStringLiteral("type"), QStringLiteral("public")}});
        v6.append(QJsonObject{
            {QStringLiteral("ip_address"), QStringLiteral("2001:db8:d0::%1").arg(d.id % 1000)},
            {QStringLiteral("type"), QStringLiteral("public")}});
    }
    return {{QStringLiteral("id"), d.id},
            {QStringLiteral("name"), d.name},
            {QStringLiteral("status"), d.status},
            {QStringLiteral("tags"), d.tags},
            {QStringLiteral("region"), QJsonObject{{QStringLiteral("slug"), d.region}}},
            {QStringLiteral("size_slug"), d.size},
            {QStringLiteral("networks"),
             QJsonObject{{QStringLiteral("v4"), v4}, {QStringLiteral("v6"), v6}}}};
}

EmulatorHttpServer::Reply DigitalOceanEmulator::handle(const EmulatorHttpServer::Request &request)
{
    QMutexLocker lock(&m_mutex);
    m_requests.append({request.method, request.path});
    EmulatorHttpServer::Reply reply;
    const QStringList parts = request.path.mid(apiPrefix.size() + 1).split(QLatin1Char('/'));
    const qint64 id = parts.value(1).toLongLong();
    if (m_fail429 > 0) {
        --m_fail429;
        reply = error(429, QStringLiteral("too_many_requests"),
                      QStringLiteral("API Rate limit exceeded."));
        if (m_retryAfter >= 0)
            reply.headers.append({QByteArray("Retry-After"), QByteArray::number(m_retryAfter)});
    } else if (m_fail5xx > 0) {
        --m_fail5xx;
        reply = error(500, QStringLiteral("server_error"), QStringLiteral("Server Error"));
    } else if (request.headers.value("authorization") != "Bearer " + m_token) {
        reply = error(401, QStringLiteral("unauthorized"),
                      QStringLiteral("Unable to authenticate you."));
    } else if (!request.path.startsWith(apiPrefix + QLatin1Char('/'))) {
        reply = error(404, QStringLiteral("not_found"), QStringLiteral("no such route"));
    } else if (parts.value(0) == QLatin1String("account")) {
        reply = json(200, {{QStringLiteral("account"),
                            QJsonObject{{QStringLiteral("status"), QStringLiteral("active")}}}});
    } else if (parts.value(0) == QLatin1String("droplets") && parts.size() == 1) {
        reply = request.method == "POST" ? create(request.body) : list(request.query);
    } else if (parts.value(0) == QLatin1String("droplets") && parts.size() == 2) {
        auto it = m_droplets.find(id);
        if (it == m_droplets.end()) {
            reply = error(404, QStringLiteral("not_found"),
                          QStringLiteral("The resource you were accessing could not be found."));
        } else if (request.method == "DELETE") {
            if (m_failDestroys > 0) {
                --m_failDestroys;
                reply = error(500, QStringLiteral("server_error"),
                              QStringLiteral("Droplet could not be destroyed."));
            } else {
                const Droplet gone = *it;
                m_droplets.erase(it);
                for (ReservedIp &r : m_reservedIps) {
                    if (r.droplet == gone.id)
                        r.droplet = 0;
                }
                if (m_onDestroyed)
                    m_onDestroyed(gone);
                reply = {204, {}, {}};
            }
        } else {
            ++it->reads;
            if (it->status == QLatin1String("new") && !m_neverReady && it->reads >= m_bootReads)
                it->status = QStringLiteral("active");
            reply = json(200, {{QStringLiteral("droplet"), toJson(*it)}});
        }
    } else if (parts.value(0) == QLatin1String("reserved_ips")) {
        reply = reservedIpRequest(request, parts);
    } else {
        reply = error(404, QStringLiteral("not_found"), QStringLiteral("no such route"));
    }
    m_remaining = std::max(0, m_remaining - 1);
    reply.headers.append({QByteArray("ratelimit-limit"), QByteArray("5000")});
    reply.headers.append({QByteArray("ratelimit-remaining"), QByteArray::number(m_remaining)});
    reply.headers.append({QByteArray("ratelimit-reset"),
                          QByteArray::number(QDateTime::currentSecsSinceEpoch() + 60)});
    return reply;
}

EmulatorHttpServer::Reply DigitalOceanEmulator::create(const QByteArray &body)
{
    const QJsonObject in = QJsonDocument::fromJson(body).object();
    Droplet d;
    d.name = in.value(QLatin1String("name")).toString();
    d.region = in.value(QLatin1String("region")).toString();
    d.size = in.value(QLatin1String("size")).toString();
    d.image = in.value(QLatin1String("image")).toString();
    d.userData = in.value(QLatin1String("user_data")).toString().toUtf8();
    d.tags = in.value(QLatin1String("tags")).toArray();
    if (d.name.isEmpty() || !images.contains(d.image) || !regions.contains(d.region) ||
        !sizes.contains(d.size))
        return error(422, QStringLiteral("unprocessable_entity"),
                     QStringLiteral("You specified an invalid image, region or size: %1 %2 %3")
                         .arg(d.image, d.region, d.size));
    if (d.userData.size() > 64 * 1024)
        return error(422, QStringLiteral("unprocessable_entity"),
                     QStringLiteral("user_data is too long"));
    d.id = m_nextId++;
    d.status = QStringLiteral("new");
    d.ipv4 = QStringLiteral("203.0.113.%1").arg(d.id % 250 + 1);
    if (m_assign) {
        d.ipv4 = m_assign(d);
        if (d.ipv4.isEmpty())
            return error(
                422, QStringLiteral("unprocessable_entity"),
                QStringLiteral("Region %1 is currently unavailable for this size").arg(d.region));
    }
    m_droplets.insert(d.id, d);
    if (m_loseCreates > 0) {
        --m_loseCreates;
        return error(500, QStringLiteral("server_error"), QStringLiteral("Server Error"));
    }
    return json(202, {{QStringLiteral("droplet"), toJson(d)},
                      {QStringLiteral("links"),
                       QJsonObject{{QStringLiteral("actions"),
                                    QJsonArray{QJsonObject{
                                        {QStringLiteral("id"), d.id + 1},
                                        {QStringLiteral("rel"), QStringLiteral("create")}}}}}}});
}

EmulatorHttpServer::Reply DigitalOceanEmulator::list(const QString &query) const
{
    const QUrlQuery q(query);
    const QString tag = q.queryItemValue(QStringLiteral("tag_name"), QUrl::FullyDecoded);
    const int page = std::max(1, q.queryItemValue(QStringLiteral("page")).toInt());
    int perPage = q.queryItemValue(QStringLiteral("per_page")).toInt();
    perPage = perPage <= 0 ? 20 : std::min(perPage, 200);
    QList<Droplet> matching;
    for (const Droplet &d : m_droplets) {
        if (tag.isEmpty() || d.tags.contains(QJsonValue(tag)))
            matching.append(d);
    }
    QJsonArray out;
    for (qsizetype i = qsizetype(page - 1) * perPage;
         i < matching.size() && i < qsizetype(page) * perPage; ++i)
        out.append(toJson(matching.at(i)));
    QJsonObject pages;
    if (qsizetype(page) * perPage < matching.size()) {
        QUrlQuery next;
        next.addQueryItem(QStringLiteral("page"), QString::number(page + 1));
        next.addQueryItem(QStringLiteral("per_page"), QString::number(perPage));
        next.addQueryItem(QStringLiteral("tag_name"), tag);
        pages.insert(QStringLiteral("next"),
                     QString(QStringLiteral("https://api.digitalocean.com/v2/droplets?") +
                             next.toString(QUrl::FullyEncoded)));
    }
    return json(200, {{QStringLiteral("droplets"), out},
                      {QStringLiteral("links"), QJsonObject{{QStringLiteral("pages"), pages}}},
                      {QStringLiteral("meta"),
                       QJsonObject{{QStringLiteral("total"), int(matching.size())}}}});
}

QJsonObject DigitalOceanEmulator::toJson(const ReservedIp &r) const
{
    const auto d = m_droplets.find(r.droplet);
    return {{QStringLiteral("ip"), r.ip},
            {QStringLiteral("region"), QJsonObject{{QStringLiteral("slug"), r.region}}},
            {QStringLiteral("droplet"), d == m_droplets.end() ? QJsonValue() : toJson(*d)},
            {QStringLiteral("locked"), r.actionId != 0}};
}

QJsonObject DigitalOceanEmulator::actionJson(qint64 id, const QString &status)
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("status"), status},
            {QStringLiteral("resource_type"), QStringLiteral("reserved_ip")}};
}

EmulatorHttpServer::Reply
DigitalOceanEmulator::reservedIpRequest(const EmulatorHttpServer::Request &request,
                                        const QStringList &parts)
{
    if (parts.size() == 1 && request.method == "POST")
        return reserve(request.body);
    if (parts.size() == 1) {
        const QUrlQuery q(request.query);
        const int page = std::max(1, q.queryItemValue(QStringLiteral("page")).toInt());
        int perPage = q.queryItemValue(QStringLiteral("per_page")).toInt();
        perPage = perPage <= 0 ? 20 : std::min(perPage, 200);
        const QList<ReservedIp> all = m_reservedIps.values();
        QJsonArray out;
        for (qsizetype i = qsizetype(page - 1) * perPage;
             i < all.size() && i < qsizetype(page) * perPage; ++i)
            out.append(toJson(all.at(i)));
        QJsonObject pages;
        if (qsizetype(page) * perPage < all.size())
            pages.insert(QStringLiteral("next"),
                         QStringLiteral("https://api.digitalocean.com/v2/reserved_ips?page=%1"
                                        "&per_page=%2")
                             .arg(page + 1)
                             .arg(perPage));
        return json(200, {{QStringLiteral("reserved_ips"), out},
                          {QStringLiteral("links"), QJsonObject{{QStringLiteral("pages"), pages}}},
                          {QStringLiteral("meta"),
                           QJsonObject{{QStringLiteral("total"), int(all.size())}}}});
    }
    auto it = m_reservedIps.find(parts.value(1));
    if (it == m_reservedIps.end())
        return error(404, QStringLiteral("not_found"),
                     QStringLiteral("The resource you were accessing could not be found."));
    if (parts.size() == 2 && request.method == "GET")
        return json(200, {{QStringLiteral("reserved_ip"), toJson(*it)}});
    if (parts.size() == 2 && request.method == "DELETE") {
        if (it->droplet != 0 || it->actionId != 0)
            return error(422, QStringLiteral("unprocessable_entity"),
                         QStringLiteral("The reserved IP is assigned or locked."));
        m_reservedIps.erase(it);
        return {204, {}, {}};
    }
    if (parts.size() == 3 && parts.at(2) == QLatin1String("actions") && request.method == "POST")
        return startAction(*it, request.body);
    if (parts.size() == 4 && parts.at(2) == QLatin1String("actions") && request.method == "GET")
        return readAction(*it, parts.at(3).toLongLong());
    return error(404, QStringLiteral("not_found"), QStringLiteral("no such route"));
}

EmulatorHttpServer::Reply DigitalOceanEmulator::reserve(const QByteArray &body)
{
    const QJsonObject in = QJsonDocument::fromJson(body).object();
    ReservedIp r;
    r.ip = QStringLiteral("192.0.2.%1").arg(m_nextReservedIp++);
    if (in.contains(QLatin1String("droplet_id"))) {
        const auto d = m_droplets.find(in.value(QLatin1String("droplet_id")).toInteger());
        if (d == m_droplets.end())
            return error(422, QStringLiteral("unprocessable_entity"),
                         QStringLiteral("Droplet not found."));
        r.region = d->region;
        r.actionId = m_nextId++;
        r.pendingDroplet = d->id;
    } else {
        r.region = in.value(QLatin1String("region")).toString();
        if (!regions.contains(r.region))
            return error(422, QStringLiteral("unprocessable_entity"),
                         QStringLiteral("You specified an invalid region: %1").arg(r.region));
    }
    m_reservedIps.insert(r.ip, r);
    QJsonArray actions;
    if (r.actionId != 0)
        actions.append(QJsonObject{{QStringLiteral("id"), r.actionId},
                                   {QStringLiteral("rel"), QStringLiteral("assign_ip")}});
    return json(202,
                {{QStringLiteral("reserved_ip"), toJson(r)},
                 {QStringLiteral("links"), QJsonObject{{QStringLiteral("actions"), actions}}}});
}

EmulatorHttpServer::Reply DigitalOceanEmulator::startAction(ReservedIp &r, const QByteArray &body)
{
    const QJsonObject in = QJsonDocument::fromJson(body).object();
    const QString type = in.value(QLatin1String("type")).toString();
    if (r.actionId != 0)
        return error(422, QStringLiteral("unprocessable_entity"),
                     QStringLiteral("The reserved IP is locked by an action in progress."));
    if (type == QLatin1String("assign")) {
        const auto d = m_droplets.find(in.value(QLatin1String("droplet_id")).toInteger());
        if (d == m_droplets.end() || d->region != r.region)
            return error(422, QStringLiteral("unprocessable_entity"),
                         QStringLiteral("The droplet does not exist in the reserved IP's region."));
        r.pendingDroplet = d->id;
    } else if (type == QLatin1String("unassign")) {
        r.pendingDroplet = 0;
    } else {
        return error(422, QStringLiteral("unprocessable_entity"),
                     QStringLiteral("Unknown action type %1.").arg(type));
    }
    r.actionId = m_nextId++;
    r.actionReads = 0;
    return json(
        201, {{QStringLiteral("action"), actionJson(r.actionId, QStringLiteral("in-progress"))}});
}

EmulatorHttpServer::Reply DigitalOceanEmulator::readAction(ReservedIp &r, qint64 actionId)
{
    if (actionId != r.actionId)
        return json(
            200, {{QStringLiteral("action"), actionJson(actionId, QStringLiteral("completed"))}});
    if (++r.actionReads < m_actionReads)
        return json(
            200, {{QStringLiteral("action"), actionJson(actionId, QStringLiteral("in-progress"))}});
    r.droplet = r.pendingDroplet;
    r.actionId = 0;
    return json(200,
                {{QStringLiteral("action"), actionJson(actionId, QStringLiteral("completed"))}});
}
