// DigitalOcean and Vultr against their emulators: the same contract as
// Hetzner (tst_cloud_hetzner), plus creates that are never retried blindly
// where names are not unique.
#include "DigitalOceanEmulator.h"
#include "VultrEmulator.h"
#include "cloud/DigitalOceanProvider.h"
#include "cloud/ServerReadiness.h"
#include "cloud/VultrProvider.h"

#include <QElapsedTimer>
#include <QTest>

using namespace kokoa;
using namespace Qt::StringLiterals;

namespace {

const QByteArray token = "api-token-0123456789";
const QString owner = u"0123456789abcdef0123456789abcdef"_s;
const QString ownerTag = u"kokoa-owner:"_s + owner;

RetryPolicy quickRetries()
{
    RetryPolicy p;
    p.initialBackoffMs = 10;
    p.maxBackoffMs = 20;
    p.budgetMs = 8'000;
    return p;
}

ServerSpec doSpec(const QString &name)
{
    return {name, u"debian-12-x64"_s, u"s-1vcpu-1gb"_s, u"fra1"_s, "#cloud-config\n", {}};
}

ServerSpec vultrSpec(const QString &name)
{
    return {name, u"2136"_s, u"vc2-1c-1gb"_s, u"nrt"_s, "#cloud-config\n", {}};
}

} // namespace

class TestCloudDoVultr : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void digitalOceanCreateWaitListDestroy();
    void digitalOceanListingFollowsPagesOnItsOwnBase();
    void digitalOceanLostCreateAnswerMakesNoTwin();
    void digitalOceanRateLimitAndErrors();
    void digitalOceanReservedIpIsKeptForTheReplacement();
    void digitalOceanOwnAddressCannotBeKept();
    void digitalOceanReservedIpActionThatNeverFinishesTimesOut();
    void vultrCreateWaitListDestroy();
    void vultrListingFollowsTheCursor();
    void vultrLostCreateAnswerMakesNoTwin();
    void vultrRefusalsAndFaults();
    void vultrKeepsAnAddressForTheReplacement();

private:
    std::unique_ptr<DigitalOceanProvider> digitalOcean(const QByteArray &t = token,
                                                       bool reservedIp = false) const
    {
        return std::make_unique<DigitalOceanProvider>(m_do->baseUrl(), t, owner, reservedIp,
                                                      quickRetries(), ActionPolling{2'000, 10});
    }
    // A droplet created and running, and the address attachAddress gave it.
    std::pair<CloudServer, QString> runningDroplet(DigitalOceanProvider &p, const QString &name,
                                                   const QString &kept = {});
    DigitalOceanEmulator::ReservedIp onlyReservedIp() const { return m_do->reservedIps().value(0); }
    // Requests to /v2/reserved_ips itself (not to one reserved IP).
    int reservedIpsRequests(const QByteArray &method) const
    {
        return m_do->requestCount(method, u"/v2/reserved_ips"_s) -
               m_do->requestCount(method, u"/v2/reserved_ips/"_s);
    }
    std::unique_ptr<VultrProvider> vultr(const QByteArray &t = token) const
    {
        return std::make_unique<VultrProvider>(m_vultr->baseUrl(), t, owner, quickRetries());
    }

    std::unique_ptr<DigitalOceanEmulator> m_do;
    std::unique_ptr<VultrEmulator> m_vultr;
};

void TestCloudDoVultr::init()
{
    m_do = std::make_unique<DigitalOceanEmulator>(token);
    m_vultr = std::make_unique<VultrEmulator>(token);
    QVERIFY(m_do->start());
    QVERIFY(m_vultr->start());
}

void TestCloudDoVultr::digitalOceanCreateWaitListDestroy()
{
    m_do->setBootReads(2);
    auto p = digitalOcean();
    QVERIFY(p->checkCredentials().ok());
    const Result<CloudServer> created = p->create(doSpec(u"kokoa-a-1"_s));
    QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().message()));
    QVERIFY(!created->running);
    QVERIFY(created->owned);
    const auto droplet = m_do->droplets().first();
    QCOMPARE(droplet.userData, QByteArray("#cloud-config\n"));
    QVERIFY(droplet.tags.contains(QJsonValue(ownerTag)));
    const Result<CloudServer> running =
        ServerReadiness::waitUntilRunning(*p, created->id, {3'000, 10});
    QVERIFY(running.ok());
    QCOMPARE(running->ipv4, droplet.ipv4); // the public one, not the private
    QVERIFY(!running->ipv6.isEmpty());
    QCOMPARE(p->owned()->size(), 1);
    m_do->failDestroys(100); // a 5xx is retried: only one that persists fails
    QVERIFY(!p->destroy(created->id).ok());
    QCOMPARE(m_do->droplets().size(), 1);
    m_do->failDestroys(0);
    QVERIFY(p->destroy(created->id).ok());
    QVERIFY(m_do->droplets().isEmpty());
    QVERIFY(p->destroy(created->id).ok()); // gone counts as destroyed
}

void TestCloudDoVultr::digitalOceanListingFollowsPagesOnItsOwnBase()
{
    for (int i = 0; i < 450; ++i)
        m_do->addDroplet(u"mine-%1"_s.arg(i), QJsonArray{ownerTag});
    m_do->addDroplet(u"theirs"_s, QJsonArray{QString(u"kokoa-owner:"_s + u"f"_s.repeated(32))});
    m_do->addDroplet(u"web"_s, QJsonArray());
    const auto owned = digitalOcean()->owned();
    QVERIFY2(owned.ok(), qPrintable(owned.ok() ? QString() : owned.error().message()));
    QCOMPARE(owned->size(), 450);
    QCOMPARE(m_do->requestCount("GET", u"/v2/droplets"_s), 3); // 200 + 200 + 50
}

void TestCloudDoVultr::digitalOceanLostCreateAnswerMakesNoTwin()
{
    m_do->loseCreateAnswers(1);
    const Result<CloudServer> created = digitalOcean()->create(doSpec(u"kokoa-b-1"_s));
    QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().message()));
    QCOMPARE(m_do->droplets().size(), 1);
    QCOMPARE(m_do->requestCount("POST", u"/v2/droplets"_s), 1);
    QCOMPARE(created->id, QString::number(m_do->droplets().first().id));
}

void TestCloudDoVultr::digitalOceanRateLimitAndErrors()
{
    m_do->failWith429(1, 1);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(digitalOcean()->create(doSpec(u"a"_s)).ok());
    QVERIFY(timer.elapsed() >= 950);
    QCOMPARE(m_do->droplets().size(), 1); // the refused attempt made nothing

    const Status badToken = digitalOcean("wrong-token-000")->checkCredentials();
    QCOMPARE(badToken.error().kind(), Error::Kind::Refused);
    QCOMPARE(badToken.error().field(), u"token"_s);

    ServerSpec bad = doSpec(u"b"_s);
    bad.image = u"windows"_s;
    const Result<CloudServer> refused = digitalOcean()->create(bad);
    QCOMPARE(refused.error().kind(), Error::Kind::Refused);
    QVERIFY(refused.error().message().contains(u"unprocessable_entity"_s));

    m_do->setNeverReady(true);
    auto p = digitalOcean();
    const Result<CloudServer> slow = p->create(doSpec(u"c"_s));
    QVERIFY(slow.ok());
    const Result<CloudServer> running = ServerReadiness::waitUntilRunning(*p, slow->id, {200, 20});
    QCOMPARE(running.error().kind(), Error::Kind::Timeout);

    m_do->failWith5xx(100);
    QVERIFY(!digitalOcean()->owned().ok());
    QCOMPARE(m_do->droplets().size(), 2);
}

std::pair<CloudServer, QString>
TestCloudDoVultr::runningDroplet(DigitalOceanProvider &p, const QString &name, const QString &kept)
{
    ServerSpec spec = doSpec(name);
    spec.keptAddress = kept;
    const Result<CloudServer> created = p.create(spec);
    if (!created)
        return {};
    const Result<CloudServer> running =
        ServerReadiness::waitUntilRunning(p, created->id, {3'000, 10});
    if (!running)
        return {};
    const Result<QString> address = p.attachAddress(*running, kept);
    if (!address) {
        qWarning("%s", qPrintable(address.error().message()));
        return {*running, QString()};
    }
    return {*running, *address};
}

// --reserved-ip: each droplet's public address is a reserved IP, attached
// once it runs. --keep-ip unassigns it before the droplet goes (a droplet's
// destroy deletes the reserved IPs it still holds) and assigns it to the
// replacement; every step can run again and finds its own work done.
void TestCloudDoVultr::digitalOceanReservedIpIsKeptForTheReplacement()
{
    m_do->setActionReads(3); // each action is polled until it completes
    auto p = digitalOcean(token, true);
    const auto [first, address] = runningDroplet(*p, u"kokoa-r-1"_s);
    QVERIFY(!address.isEmpty());
    QVERIFY(address != first.ipv4); // not the droplet's own
    QCOMPARE(onlyReservedIp().ip, address);
    QCOMPARE(onlyReservedIp().droplet, first.id.toLongLong());
    QCOMPARE(p->attachAddress(first, {}).value(), address); // found, not reserved twice
    QCOMPARE(reservedIpsRequests("POST"), 1);

    QVERIFY(p->checkKeepable(first.id, address).ok());
    QCOMPARE(onlyReservedIp().droplet, first.id.toLongLong()); // the check changes nothing
    const Result<QString> kept = p->keepAddress(first.id, address);
    QVERIFY2(kept.ok(), qPrintable(kept.ok() ? QString() : kept.error().message()));
    QCOMPARE(*kept, address);
    QCOMPARE(onlyReservedIp().droplet, 0);
    QCOMPARE(p->keepAddress(first.id, address).value(), address); // a rerun
    QCOMPARE(m_do->requestCount("POST", u"/v2/reserved_ips/"_s + address + u"/actions"_s), 1);
    QVERIFY(p->destroy(first.id).ok());
    QVERIFY(m_do->droplets().isEmpty());
    QCOMPARE(m_do->reservedIps().size(), 1); // the kept address outlives its droplet

    const auto [second, again] = runningDroplet(*p, u"kokoa-r-2"_s, *kept);
    QCOMPARE(again, address);
    QCOMPARE(onlyReservedIp().droplet, second.id.toLongLong());
    QCOMPARE(p->attachAddress(second, *kept).value(), address); // a rerun
    QCOMPARE(reservedIpsRequests("POST"), 1);
    QVERIFY(p->releaseKeptAddress(*kept).ok());
    QCOMPARE(p->releaseKeptAddress(u"../account"_s).error().field(), u"keep-ip"_s);
    // Another droplet's address is not this one's to keep.
    const Result<QString> foreign = p->keepAddress(u"42"_s, address);
    QCOMPARE(foreign.error().kind(), Error::Kind::Conflict);
    QCOMPARE(onlyReservedIp().droplet, second.id.toLongLong());

    // Burned without --keep-ip: the address goes with the droplet.
    QVERIFY(p->destroy(second.id).ok());
    QVERIFY(m_do->droplets().isEmpty());
    QVERIFY(m_do->reservedIps().isEmpty());
}

// Without --reserved-ip an edge has the droplet's own address: nothing is
// reserved, and keeping it is refused before anything changes, naming why.
void TestCloudDoVultr::digitalOceanOwnAddressCannotBeKept()
{
    auto p = digitalOcean();
    const auto [droplet, address] = runningDroplet(*p, u"kokoa-o-1"_s);
    QCOMPARE(address, droplet.ipv4);
    QVERIFY(m_do->reservedIps().isEmpty());
    const Status refused = p->checkKeepable(droplet.id, address);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().field(), u"keep-ip"_s);
    QVERIFY2(refused.error().message().contains(u"reserved-ip"_s),
             qPrintable(refused.error().message()));
    QCOMPARE(p->keepAddress(droplet.id, address).error().field(), u"keep-ip"_s);
    QCOMPARE(p->keepAddress(droplet.id, u"1.2.3.4/../../account"_s).error().field(), u"keep-ip"_s);
    QVERIFY(p->destroy(droplet.id).ok());
    QCOMPARE(reservedIpsRequests("GET"), 0); // no reserved IPs to look for
}

void TestCloudDoVultr::digitalOceanReservedIpActionThatNeverFinishesTimesOut()
{
    m_do->setActionReads(1'000'000);
    auto p = std::make_unique<DigitalOceanProvider>(m_do->baseUrl(), token, owner, true,
                                                    quickRetries(), ActionPolling{200, 10});
    const Result<CloudServer> created = p->create(doSpec(u"kokoa-t-1"_s));
    QVERIFY(created.ok());
    const Result<CloudServer> running =
        ServerReadiness::waitUntilRunning(*p, created->id, {3'000, 10});
    QVERIFY(running.ok());
    const Result<QString> address = p->attachAddress(*running, {});
    QVERIFY(!address.ok());
    QCOMPARE(address.error().kind(), Error::Kind::Timeout);
}

void TestCloudDoVultr::vultrCreateWaitListDestroy()
{
    auto p = vultr();
    QVERIFY(p->checkCredentials().ok());
    const Result<CloudServer> created = p->create(vultrSpec(u"kokoa-v-1"_s));
    QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().message()));
    QVERIFY(!created->running);
    QVERIFY(created->ipv4.isEmpty()); // 0.0.0.0 until assigned
    const auto instance = m_vultr->instances().first();
    QCOMPARE(instance.userData, QByteArray("#cloud-config\n")); // sent base64, decoded there
    QCOMPARE(instance.osId, 2136);
    QVERIFY(instance.tags.contains(QJsonValue(ownerTag)));
    const Result<CloudServer> running =
        ServerReadiness::waitUntilRunning(*p, created->id, {3'000, 10});
    QVERIFY(running.ok());
    QCOMPARE(running->ipv4, instance.ipv4);
    QCOMPARE(p->owned()->size(), 1);
    QVERIFY(p->destroy(created->id).ok());
    QVERIFY(m_vultr->instances().isEmpty());
    QCOMPARE(p->destroy(u"../../account"_s).error().field(), u"id"_s);
}

void TestCloudDoVultr::vultrListingFollowsTheCursor()
{
    for (int i = 0; i < 1100; ++i)
        m_vultr->addInstance(u"mine-%1"_s.arg(i), QJsonArray{ownerTag});
    m_vultr->addInstance(u"theirs"_s, QJsonArray());
    const auto owned = vultr()->owned();
    QVERIFY(owned.ok());
    QCOMPARE(owned->size(), 1100);
    QCOMPARE(m_vultr->requestCount("GET", u"/v2/instances"_s), 3); // 500 + 500 + 100
}

void TestCloudDoVultr::vultrLostCreateAnswerMakesNoTwin()
{
    m_vultr->loseCreateAnswers(1);
    const Result<CloudServer> created = vultr()->create(vultrSpec(u"kokoa-v-2"_s));
    QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().message()));
    QCOMPARE(m_vultr->instances().size(), 1);
    QCOMPARE(m_vultr->requestCount("POST", u"/v2/instances"_s), 1);
}

void TestCloudDoVultr::vultrRefusalsAndFaults()
{
    ServerSpec bad = vultrSpec(u"a"_s);
    bad.region = u"mars"_s;
    const Result<CloudServer> refused = vultr()->create(bad);
    QCOMPARE(refused.error().kind(), Error::Kind::Refused);
    QVERIFY(refused.error().message().contains(u"mars"_s));
    QCOMPARE(vultr("nope-nope-nope")->checkCredentials().error().field(), u"token"_s);

    m_vultr->failWith5xx(2);
    QVERIFY(vultr()->create(vultrSpec(u"b"_s)).ok()); // 5xx before anything was made: retried
    QCOMPARE(m_vultr->instances().size(), 1);
    m_vultr->failWith429(100, 0);
    const Result<CloudServer> limited = vultr()->create(vultrSpec(u"c"_s));
    QVERIFY(!limited.ok());
    QVERIFY(limited.error().retryable());
    QCOMPARE(m_vultr->instances().size(), 1);
    m_vultr->failWith429(0, 0);
    m_vultr->failDestroys(100);
    const QString id = m_vultr->instances().first().id;
    QVERIFY(!vultr()->destroy(id).ok());
    QCOMPARE(m_vultr->instances().size(), 1);
}

// --keep-ip at Vultr: the main IP becomes a reserved IP labelled as kept
// (asked twice, converted once), outlives its instance, becomes the main IP
// of the replacement, and once handed over goes with that instance: its
// destroy deletes it too, so nothing is left reserved and billed.
void TestCloudDoVultr::vultrKeepsAnAddressForTheReplacement()
{
    auto p = vultr();
    const Result<CloudServer> first = p->create(vultrSpec(u"kokoa-v-1"_s));
    QVERIFY(first.ok());
    const Result<CloudServer> running =
        ServerReadiness::waitUntilRunning(*p, first->id, {3'000, 10});
    QVERIFY(running.ok());
    const QString address = running->ipv4;

    const Result<QString> kept = p->keepAddress(first->id, address);
    QVERIFY2(kept.ok(), qPrintable(kept.ok() ? QString() : kept.error().message()));
    QCOMPARE(p->keepAddress(first->id, address).value(), *kept); // a rerun finds it
    QCOMPARE(m_vultr->requestCount("POST", u"/v2/reserved-ips/convert"_s), 1);
    QVERIFY(p->destroy(first->id).ok());
    QCOMPARE(m_vultr->reservedIps().size(), 1); // a kept address outlives its instance
    QCOMPARE(m_vultr->reservedIps().first().label, u"kokoa-kept:"_s + owner);

    ServerSpec spec = vultrSpec(u"kokoa-v-2"_s);
    spec.keptAddress = *kept;
    const Result<CloudServer> second = p->create(spec);
    QVERIFY2(second.ok(), qPrintable(second.ok() ? QString() : second.error().message()));
    const Result<CloudServer> replacement =
        ServerReadiness::waitUntilRunning(*p, second->id, {3'000, 10});
    QVERIFY(replacement.ok());
    QCOMPARE(replacement->ipv4, address);
    QVERIFY(p->releaseKeptAddress(*kept).ok());
    QCOMPARE(m_vultr->reservedIps().first().label, ownerTag);

    QVERIFY(p->destroy(second->id).ok());
    QVERIFY(m_vultr->instances().isEmpty());
    QVERIFY(m_vultr->reservedIps().isEmpty());
    QCOMPARE(p->releaseKeptAddress(u"../account"_s).error().field(), u"keep-ip"_s);
}

QTEST_GUILESS_MAIN(TestCloudDoVultr)
#include "tst_cloud_do_vultr.moc"
