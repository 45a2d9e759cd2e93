#include "VultrEmulator.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>
#include <QUrlQuery>

namespace {

const QString apiPrefix = QStringLiteral("/v2");
const QList<int> osIds{2136, 2284}; // Debian 12, Ubuntu 24.04
const QStringList regions{QStringLiteral("fra"), QStringLiteral("nrt"), QStringLiteral("ams")};
const QStringList plans{QStringLiteral("vc2-1c-1gb"), QStringLiteral("vc2-1c-2gb")};

} // namespace

VultrEmulator::VultrEmulator(QByteArray token)
    : m_token(std::move(token))
{}

VultrEmulator::~VultrEmulator() = default;

bool VultrEmulator::start()
{
    m_http = std::make_unique<EmulatorHttpServer>(
        [this](const EmulatorHttpServer::Request &r) { return handle(r); });
    return m_http->start();
}

QString VultrEmulator::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1/v2").arg(m_http->port());
}

QString VultrEmulator::newId()
{
    return QStringLiteral("cb676a46-66fd-4dfb-b839-%1").arg(m_nextId++, 12, 10, QLatin1Char('0'));
}

QString VultrEmulator::addInstance(const QString &label, const QJsonArray &tags)
{
    QMutexLocker lock(&m_mutex);
    Instance i;
    i.id = newId();
    i.label = label;
    i.status = QStringLiteral("active");
    i.tags = tags;
    i.ipv4 = QStringLiteral("198.51.100.%1").arg(m_nextId % 250 + 1);
    m_instances.insert(i.id, i);
    return i.id;
}

QList<VultrEmulator::Instance> VultrEmulator::instances() const
{
    QMutexLocker lock(&m_mutex);
    return m_instances.values();
}

int VultrEmulator::requestCount(const QByteArray &method, const QString &pathPrefix) const
{
    QMutexLocker lock(&m_mutex);
    int n = 0;
    for (const auto &r : m_requests)
        n += r.first == method && r.second.startsWith(pathPrefix) ? 1 : 0;
    return n;
}

void VultrEmulator::assignAddresses(std::function<QString(const Instance &)> assign)
{
    QMutexLocker lock(&m_mutex);
    m_assign = std::move(assign);
}

void VultrEmulator::onDestroyed(std::function<void(const Instance &)> hook)
{
    QMutexLocker lock(&m_mutex);
    m_onDestroyed = std::move(hook);
}

void VultrEmulator::setNeverReady(bool never)
{
    QMutexLocker lock(&m_mutex);
    m_neverReady = never;
}

void VultrEmulator::failWith429(int count, int retryAfterSeconds)
{
    QMutexLocker lock(&m_mutex);
    m_fail429 = count;
    m_retryAfter = retryAfterSeconds;
}

void VultrEmulator::failWith5xx(int count)
{
    QMutexLocker lock(&m_mutex);
    m_fail5xx = count;
}

void VultrEmulator::failDestroys(int count)
{
    QMutexLocker lock(&m_mutex);
    m_failDestroys = count;
}

void VultrEmulator::loseCreateAnswers(int count)
{
    QMutexLocker lock(&m_mutex);
    m_loseCreates = count;
}

EmulatorHttpServer::Reply VultrEmulator::error(int status, const QString &message)
{
    return json(status, {{QStringLiteral("error"), message}, {QStringLiteral("status"), status}});
}

EmulatorHttpServer::Reply VultrEmulator::json(int status, const QJsonObject &body)
{
    return {status, QJsonDocument(body).toJson(QJsonDocument::Compact), {}};
}

QJsonObject VultrEmulator::toJson(const Instance &i) const
{
    const bool active = i.status == QLatin1String("active");
    return {{QStringLiteral("id"), i.id},
            {QStringLiteral("label"), i.label},
            {QStringLiteral("status"), i.status},
            {QStringLiteral("power_status"), QStringLiteral("running")},
            {QStringLiteral("server_status"),
             active ? QStringLiteral("ok") : QStringLiteral("installingbooting")},
            {QStringLiteral("region"), i.region},
            {QStringLiteral("plan"), i.plan},
            {QStringLiteral("os_id"), i.osId},
            {QStringLiteral("main_ip"), active ? i.ipv4 : QStringLiteral("0.0.0.0")},
            {QStringLiteral("v6_main_ip"),
             active ? QStringLiteral("2001:db8:7::%1").arg(m_nextId) : QString()},
            {QStringLiteral("tags"), i.tags}};
}

EmulatorHttpServer::Reply VultrEmulator::handle(const EmulatorHttpServer::Request &request)
{
    QMutexLocker lock(&m_mutex);
    m_requests.append({request.method, request.path});
    const QStringList parts = request.path.mid(apiPrefix.size() + 1).split(QLatin1Char('/'));
    if (m_fail429 > 0) {
        --m_fail429;
        EmulatorHttpServer::Reply r = error(429, QStringLiteral("Rate limit reached"));
        if (m_retryAfter >= 0)
            r.headers.append({QByteArray("Retry-After"), QByteArray::number(m_retryAfter)});
        return r;
    }
    if (m_fail5xx > 0) {
        --m_fail5xx;
        return error(503, QStringLiteral("Service Unavailable"));
    }
    if (request.headers.value("authorization") != "Bearer " + m_token)
        return error(401, QStringLiteral("Invalid API token."));
    if (!request.path.startsWith(apiPrefix + QLatin1Char('/')))
        return error(404, QStringLiteral("Not found"));
    if (parts.value(0) == QLatin1String("account"))
        return json(200, {{QStringLiteral("account"),
                           QJsonObject{{QStringLiteral("name"), QStringLiteral("kokoa")}}}});
    if (parts.value(0) == QLatin1String("reserved-ips"))
        return reservedIpRequest(request, parts);
    if (parts.value(0) != QLatin1String("instances"))
        return error(404, QStringLiteral("Not found"));
    if (parts.size() == 1)
        return request.method == "POST" ? create(request.body) : list(request.query);
    auto it = m_instances.find(parts.value(1));
    if (it == m_instances.end())
        return error(404, QStringLiteral("Instance not found."));
    if (request.method == "DELETE") {
        if (m_failDestroys > 0) {
            --m_failDestroys;
            return error(500, QStringLiteral("Unable to destroy server"));
        }
        for (ReservedIp &r : m_reserved) {
            if (r.instance == it->id)
                r.instance.clear();
        }
        const Instance gone = *it;
        m_instances.erase(it);
        if (m_onDestroyed)
            m_onDestroyed(gone);
        return {204, {}, {}};
    }
    ++it->reads;
    if (it->status == QLatin1String("pending") && !m_neverReady && it->reads >= m_bootReads)
        it->status = QStringLiteral("active");
    return json(200, {{QStringLiteral("instance"), toJson(*it)}});
}

EmulatorHttpServer::Reply VultrEmulator::create(const QByteArray &body)
{
    const QJsonObject in = QJsonDocument::fromJson(body).object();
    Instance i;
    i.label = in.value(QLatin1String("label")).toString();
    i.region = in.value(QLatin1String("region")).toString();
    i.plan = in.value(QLatin1String("plan")).toString();
    i.osId = in.value(QLatin1String("os_id")).toInt();
    i.tags = in.value(QLatin1String("tags")).toArray();
    const auto decoded =
        QByteArray::fromBase64Encoding(in.value(QLatin1String("user_data")).toString().toLatin1(),
                                       QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return error(400, QStringLiteral("user_data must be base64 encoded"));
    i.userData = decoded.decoded;
    if (!regions.contains(i.region))
        return error(400, QStringLiteral("Invalid region %1").arg(i.region));
    if (!plans.contains(i.plan))
        return error(400, QStringLiteral("Invalid plan %1").arg(i.plan));
    if (!osIds.contains(i.osId))
        return error(400, QStringLiteral("Invalid os_id %1").arg(i.osId));
    i.id = newId();
    i.status = QStringLiteral("pending");
    i.ipv4 = QStringLiteral("203.0.113.%1").arg(m_nextId % 250 + 1);
    if (const QString wanted = in.value(QLatin1String("reserved_ipv4")).toString();
        !wanted.isEmpty()) {
        auto r = m_reserved.find(wanted);
        if (r == m_reserved.end())
            return error(400, QStringLiteral("Invalid reserved_ipv4"));
        if (!r->instance.isEmpty())
            return error(400, QStringLiteral("Reserved IP is already attached"));
        if (r->region != i.region)
            return error(400, QStringLiteral("Reserved IP is in another region"));
        r->instance = i.id;
        i.ipv4 = r->ip;
    } else if (m_assign) {
        i.ipv4 = m_assign(i);
        if (i.ipv4.isEmpty())
            return error(
                400, QStringLiteral("Unable to create instance: no capacity in %1").arg(i.region));
    }
    m_instances.insert(i.id, i);
    if (m_loseCreates > 0) {
        --m_loseCreates;
        return error(503, QStringLiteral("Service Unavailable"));
    }
    return json(202, {{QStringLiteral("instance"), toJson(i)}});
}

QList<VultrEmulator::ReservedIp> VultrEmulator::reservedIps() const
{
    QMutexLocker lock(&m_mutex);
    return m_reserved.values();
}

QJsonObject VultrEmulator::toJson(const ReservedIp &r) const
{
    return {{QStringLiteral("id"), r.id},
            {QStringLiteral("region"), r.region},
            {QStringLiteral("ip_type"), QStringLiteral("v4")},
            {QStringLiteral("subnet"), r.ip},
            {QStringLiteral("subnet_size"), 32},
            {QStringLiteral("label"), r.label},
            {QStringLiteral("instance_id"), r.instance}};
}

EmulatorHttpServer::Reply
VultrEmulator::reservedIpRequest(const EmulatorHttpServer::Request &request,
                                 const QStringList &parts)
{
    if (parts.size() == 1 && request.method == "GET") {
        QJsonArray out;
        for (const ReservedIp &r : std::as_const(m_reserved))
            out.append(toJson(r));
        return json(200, {{QStringLiteral("reserved_ips"), out},
                          {QStringLiteral("meta"),
                           QJsonObject{{QStringLiteral("total"), int(m_reserved.size())},
                                       {QStringLiteral("links"),
                                        QJsonObject{{QStringLiteral("next"), QString()},
                                                    {QStringLiteral("prev"), QString()}}}}}});
    }
    if (parts.size() == 2 && parts.at(1) == QLatin1String("convert") && request.method == "POST")
        return convert(request.body);
    auto it = m_reserved.find(parts.value(1));
    if (it == m_reserved.end())
        return error(404, QStringLiteral("Reserved IP not found."));
    if (parts.size() == 3 && parts.at(2) == QLatin1String("detach") && request.method == "POST") {
        it->instance.clear();
        return {204, {}, {}};
    }
    if (parts.size() != 2)
        return error(404, QStringLiteral("Not found"));
    if (request.method == "PATCH") {
        it->label =
            QJsonDocument::fromJson(request.body).object().value(QLatin1String("label")).toString();
        return json(202, {{QStringLiteral("reserved_ip"), toJson(*it)}});
    }
    if (request.method == "DELETE") {
        if (!it->instance.isEmpty())
            return error(400, QStringLiteral("Reserved IP is attached to an instance"));
        m_reserved.erase(it);
        return {204, {}, {}};
    }
    return json(200, {{QStringLiteral("reserved_ip"), toJson(*it)}});
}

EmulatorHttpServer::Reply VultrEmulator::convert(const QByteArray &body)
{
    const QJsonObject in = QJsonDocument::fromJson(body).object();
    const QString ip = in.value(QLatin1String("ip_address")).toString();
    for (const ReservedIp &r : std::as_const(m_reserved)) {
        if (r.ip == ip)
            return error(400, QStringLiteral("IP address is already reserved"));
    }
    for (const Instance &i : std::as_const(m_instances)) {
        if (i.ipv4 != ip || i.status != QLatin1String("active"))
            continue;
        ReservedIp r;
        r.id = newId();
        r.region = i.region;
        r.ip = ip;
        r.label = in.value(QLatin1String("label")).toString();
        r.instance = i.id;
        m_reserved.insert(r.id, r);
        return json(201, {{QStringLiteral("reserved_ip"), toJson(r)}});
    }
    return error(400, QStringLiteral("IP address is not on an instance of this account"));
}

EmulatorHttpServer::Reply VultrEmulator::list(const QString &query) const
{
    const QUrlQuery q(query);
    const QString tag = q.queryItemValue(QStringLiteral("tag"), QUrl::FullyDecoded);
    int perPage = q.queryItemValue(QStringLiteral("per_page")).toInt();
    perPage = perPage <= 0 ? 100 : std::min(perPage, 500);
    const int start =
        q.queryItemValue(QStringLiteral("cursor")).toInt(); // an offset, opaque to clients
    QList<Instance> matching;
    for (const Instance &i : m_instances) {
        if (tag.isEmpty() || i.tags.contains(QJsonValue(tag)))
            matching.append(i);
    }
    QJsonArray out;
    for (qsizetype n = start; n < matching.size() && n < start + perPage; ++n)
        out.append(toJson(matching.at(n)));
    const QString next =
        start + perPage < matching.size() ? QString::number(start + perPage) : QString();
    return json(200, {{QStringLiteral("instances"), out},
                      {QStringLiteral("meta"),
                       QJsonObject{{QStringLiteral("total"), int(matching.size())},
                                   {QStringLiteral("links"),
                                    QJsonObject{{QStringLiteral("next"), next},
                                                {QStringLiteral("prev"), QString()}}}}}});
}
