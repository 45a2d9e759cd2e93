// Rfc2136Provider and DnsReconciler against a real BIND9 (named) started on
// 127.0.0.1 and a free port with a private configuration, TSIG hmac-sha256
// keys made by tsig-keygen, results checked with dig.
#include "BindServer.h"
#include "LoopbackPorts.h"
#include "ManualClock.h"
#include "dns/DnsBackendFactory.h"
#include "dns/DnsReconciler.h"
#include "dns/Rfc2136Provider.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace kokoa;
using namespace kokoa::test;

namespace {

const QString zoneName = QStringLiteral("example.test");
const QString ownerA = QStringLiteral("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
const QString ownerB = QStringLiteral("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");

QString markerOf(const QString &owner, const QString &addresses)
{
    return QStringLiteral("\"heritage=kokoa,owner=%1,addresses=%2\"").arg(owner, addresses);
}

QString run(const QString &program, const QStringList &args, int *exitCode = nullptr,
            const QByteArray &input = {})
{
    QProcess p;
    p.start(program, args);
    if (!input.isEmpty()) {
        p.write(input);
        p.closeWriteChannel();
    }
    p.waitForFinished(20000);
    if (exitCode)
        *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return QString::fromUtf8(p.readAllStandardOutput());
}

} // namespace

class TestRfc2136 final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<BindServer> m_bind;
    QString m_keyConf;
    QByteArray m_secret;      // kokoa-key, may update
    QByteArray m_otherSecret; // other-key, known to the server, may not update

    TsigKey key(const QByteArray &secret64 = {},
                const QString &name = QStringLiteral("kokoa-key")) const
    {
        return {name, QStringLiteral("hmac-sha256"),
                QByteArray::fromBase64(secret64.isEmpty() ? m_secret : secret64)};
    }

    // Installation A's data directory predates owner ids; B is new.
    std::unique_ptr<Rfc2136Provider> provider(const TsigKey &k, const QString &owner = ownerA) const
    {
        // A's edges: the only addresses it may adopt under an old marker.
        const QSet<QString> edges{QStringLiteral("192.0.2.5"), QStringLiteral("192.0.2.7")};
        return std::make_unique<Rfc2136Provider>(zoneName, QStringLiteral("127.0.0.1"),
                                                 m_bind->port(), k,
                                                 DnsOwner{owner, owner == ownerA, edges}, 5000);
    }
    std::unique_ptr<Rfc2136Provider> provider() const { return provider(key()); }

    QStringList dig(const QString &name, const QString &type) const
    {
        return m_bind->dig(name, type);
    }

    bool nsupdate(const QString &commands)
    {
        int code = -1;
        const QString script =
            QStringLiteral("server 127.0.0.1 %1\nzone %2\n").arg(m_bind->port()).arg(zoneName) +
            commands + QStringLiteral("\nsend\n");
        run(QStringLiteral("nsupdate"), {QStringLiteral("-k"), m_keyConf}, &code, script.toUtf8());
        return code == 0;
    }

    template <typename T> static QString message(const Result<T> &s)
    {
        return s.ok() ? QString() : s.error().message();
    }

    // The SOA serial: BIND bumps it once per UPDATE it applies.
    qint64 serial()
    {
        const QStringList soa = dig(zoneName, QStringLiteral("SOA"));
        return soa.isEmpty() ? -1 : soa.first().split(QLatin1Char(' ')).value(2).toLongLong();
    }

    // Plans every name to hold `wanted` from one read of all of them.
    Result<QList<DnsChangeSet>> planAll(Rfc2136Provider &dns, const QStringList &names,
                                        const QStringList &wanted)
    {
        const auto current = dns.recordsOf(names, false);
        if (!current)
            return current.error();
        QList<DnsChangeSet> plans;
        for (const QString &name : names) {
            const Result<DnsChangeSet> plan =
                DnsReconciler::plan({name, wanted, 60}, current->value(name));
            if (!plan)
                return plan.error();
            plans.append(*plan);
        }
        return plans;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_bind = std::make_unique<BindServer>(m_dir.path());
        const QString why =
            m_bind->start("manual IN A 192.0.2.50\n"
                          "mail IN TXT \"v=spf1 -all\"\n",
                          {QStringLiteral("kokoa-key"), QStringLiteral("other-key")});
        QVERIFY2(why.isEmpty(), qPrintable(why));
        m_secret = m_bind->secret(QStringLiteral("kokoa-key"));
        m_otherSecret = m_bind->secret(QStringLiteral("other-key"));
        m_keyConf = QDir(m_dir.path()).filePath(QStringLiteral("kokoa-key.conf"));
        QFile keyFile(m_keyConf);
        QVERIFY(keyFile.open(QIODevice::WriteOnly));
        keyFile.write(m_bind->keyStatement(QStringLiteral("kokoa-key")).toUtf8());
        keyFile.close();
    }

    void cleanupTestCase() { m_bind.reset(); }

    void verifiesKeys()
    {
        QVERIFY2(provider()->verify().ok(), qPrintable(message(provider()->verify())));
        // Right name, wrong secret: BADSIG.
        QByteArray wrong = QByteArray::fromBase64(m_secret);
        wrong[0] = char(wrong.at(0) ^ 0x55);
        Result<DnsZoneListing> badSig =
            provider(TsigKey{QStringLiteral("kokoa-key"), QStringLiteral("hmac-sha256"), wrong})
                ->verify();
        QVERIFY(!badSig.ok());
        QVERIFY2(message(badSig).contains(QStringLiteral("BADSIG")) &&
                     message(badSig).contains(QStringLiteral("NOTAUTH")),
                 qPrintable(message(badSig)));
        // A TSIG error reply carries no MAC this key verifies (anyone could
        // forge it): retried with back-off, it never pauses the zone.
        QCOMPARE(badSig.error().kind(), Error::Kind::Remote);
        // A key the server does not know: BADKEY.
        Result<DnsZoneListing> badKey = provider(key({}, QStringLiteral("nobody-key")))->verify();
        QVERIFY2(message(badKey).contains(QStringLiteral("BADKEY")), qPrintable(message(badKey)));
        QCOMPARE(badKey.error().kind(), Error::Kind::Remote);
        // A known key without update permission: REFUSED, signed and
        // verified, so not retryable: the monitor backs off instead of resending.
        Result<DnsZoneListing> refused =
            provider(key(m_otherSecret, QStringLiteral("other-key")))->verify();
        QVERIFY2(message(refused).contains(QStringLiteral("REFUSED")),
                 qPrintable(message(refused)));
        QCOMPARE(refused.error().kind(), Error::Kind::Refused);
        // Clocks 1 hour apart: BADTIME.
        ManualClock skewed(QDateTime::currentMSecsSinceEpoch() + 3600 * 1000);
        Rfc2136Provider late(zoneName, QStringLiteral("127.0.0.1"), m_bind->port(), key(),
                             DnsOwner{ownerA}, 5000, skewed);
        Result<DnsZoneListing> badTime = late.verify();
        QVERIFY2(message(badTime).contains(QStringLiteral("BADTIME")),
                 qPrintable(message(badTime)));
        // Passes once NTP fixes the clock: retryable.
        QCOMPARE(badTime.error().kind(), Error::Kind::Remote);
        // Nothing listening.
        Rfc2136Provider nowhere(zoneName, QStringLiteral("127.0.0.1"), freeLoopbackPort(), key(),
                                DnsOwner{ownerA}, 2000);
        Result<DnsZoneListing> down = nowhere.verify();
        QVERIFY(!down.ok());
        QVERIFY(down.error().retryable());
    }

    // The "Test" of a zone before it is stored: credentials checked, the
    // zone listed; a wrong TSIG secret fails clearly.
    void testListsTheZone()
    {
        Zone zone;
        zone.name = zoneName;
        zone.provider = DnsProvider::Rfc2136;
        zone.secretRef = QStringLiteral("tsig");
        zone.providerSettings = {{QStringLiteral("server"), QStringLiteral("127.0.0.1")},
                                 {QStringLiteral("port"), QString::number(m_bind->port())},
                                 {QStringLiteral("tsig_name"), QStringLiteral("kokoa-key")},
                                 {QStringLiteral("tsig_algorithm"), QStringLiteral("hmac-sha256")}};
        Result<DnsZoneListing> listing = DnsBackendFactory::test(zone, m_secret);
        QVERIFY2(listing.ok(), qPrintable(message(listing)));
        QVERIFY2(listing->complete, qPrintable(listing->note));
        QVERIFY(listing->totalRecords >= 5); // SOA, NS, ns1 A, manual A, mail TXT
        QStringList addresses;
        for (const DnsRecord &r : listing->addresses)
            addresses.append(r.name + QLatin1Char(' ') + r.content);
        QVERIFY2(addresses.contains(QStringLiteral("manual.example.test 192.0.2.50")) &&
                     addresses.contains(QStringLiteral("ns1.example.test 127.0.0.1")),
                 qPrintable(addresses.join(u',')));

        QByteArray wrong = QByteArray::fromBase64(m_secret);
        wrong[3] = char(wrong.at(3) ^ 0x21);
        Result<DnsZoneListing> bad = DnsBackendFactory::test(zone, wrong.toBase64());
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().kind(), Error::Kind::Remote);
        QVERIFY2(message(bad).contains(QStringLiteral("TSIG secret is wrong")) &&
                     message(bad).contains(QStringLiteral("kokoa-key")),
                 qPrintable(message(bad)));
        QVERIFY(!message(bad).contains(QString::fromLatin1(wrong.toBase64())));
        QVERIFY(!DnsBackendFactory::test(zone, "not base64 !!").ok());
    }

    void createsWithOwnershipTxt()
    {
        auto dns = provider();
        DnsReconciler reconciler(*dns);
        const QString www = QStringLiteral("www.example.test");
        Result<DnsChangeSet> c = reconciler.reconcile(
            {www, {QStringLiteral("203.0.113.1"), QStringLiteral("2001:db8::1")}, 60});
        QVERIFY2(c.ok(), qPrintable(c.ok() ? QString() : c.error().message()));
        QCOMPARE(dig(www, QStringLiteral("A")), QStringList{QStringLiteral("203.0.113.1")});
        QCOMPARE(dig(www, QStringLiteral("AAAA")), QStringList{QStringLiteral("2001:db8::1")});
        QCOMPARE(dig(www, QStringLiteral("TXT")),
                 QStringList{markerOf(ownerA, QStringLiteral("2001:db8::1 203.0.113.1"))});
        Result<DnsHostRecords> r = dns->records(www);
        QVERIFY(r.ok());
        QCOMPARE(r->owned.size(), 2);
        QCOMPARE(r->owned[0].ttl, 60);
    }

    void replacesAndRemoves()
    {
        auto dns = provider();
        DnsReconciler reconciler(*dns);
        const QString www = QStringLiteral("www.example.test");
        QVERIFY(reconciler
                    .reconcile(
                        {www, {QStringLiteral("203.0.113.2"), QStringLiteral("203.0.113.3")}, 60})
                    .ok());
        QCOMPARE(dig(www, QStringLiteral("A")),
                 (QStringList{QStringLiteral("203.0.113.2"), QStringLiteral("203.0.113.3")}));
        QVERIFY(dig(www, QStringLiteral("AAAA")).isEmpty());
        QElapsedTimer timer;
        timer.start();
        Result<DnsChangeSet> c = reconciler.reconcile({www, {QStringLiteral("203.0.113.3")}, 60});
        QVERIFY(c.ok());
        // A figure for the failover budget, not a pass/fail threshold.
        qInfo("read (3 signed queries) + one signed UPDATE: %lld ms", qint64(timer.elapsed()));
        QCOMPARE(c->toRemove.size(), 1);
        QCOMPARE(dig(www, QStringLiteral("A")), QStringList{QStringLiteral("203.0.113.3")});
        // Nothing healthy: the last record stays.
        Result<DnsChangeSet> empty = reconciler.reconcile({www, {}, 60});
        QVERIFY(empty.ok());
        QVERIFY(!empty->warnings.isEmpty());
        QCOMPARE(dig(www, QStringLiteral("A")), QStringList{QStringLiteral("203.0.113.3")});
        // Dry run changes nothing.
        Result<DnsChangeSet> dry = reconciler.reconcile({www, {QStringLiteral("203.0.113.9")}, 60},
                                                        DnsReconciler::Mode::DryRun);
        QVERIFY(dry.ok());
        QCOMPARE(dry->toAdd.size(), 1);
        QCOMPARE(dig(www, QStringLiteral("A")), QStringList{QStringLiteral("203.0.113.3")});
    }

    // Regression test: any address record at a name with the ownership TXT
    // counted as Kokoa's, so a sync deleted records added by hand.
    void handMadeRecordsAreNeverTouched()
    {
        auto dns = provider();
        DnsReconciler reconciler(*dns);
        // A name that had a record before Kokoa came: Kokoa adds beside it.
        const QString manual = QStringLiteral("manual.example.test");
        Result<DnsChangeSet> c =
            reconciler.reconcile({manual, {QStringLiteral("203.0.113.1")}, 60});
        QVERIFY2(c.ok(), qPrintable(c.ok() ? QString() : c.error().message()));
        QCOMPARE(dig(manual, QStringLiteral("A")),
                 (QStringList{QStringLiteral("192.0.2.50"), QStringLiteral("203.0.113.1")}));
        QCOMPARE(dig(manual, QStringLiteral("TXT")),
                 QStringList{markerOf(ownerA, QStringLiteral("203.0.113.1"))});
        QVERIFY(reconciler.reconcile({manual, {QStringLiteral("203.0.113.2")}, 60}).ok());
        QCOMPARE(dig(manual, QStringLiteral("A")),
                 (QStringList{QStringLiteral("192.0.2.50"), QStringLiteral("203.0.113.2")}));

        // A record added by hand at a name Kokoa already serves.
        const QString shop = QStringLiteral("shop.example.test");
        QVERIFY(reconciler
                    .reconcile(
                        {shop, {QStringLiteral("203.0.113.1"), QStringLiteral("203.0.113.2")}, 60})
                    .ok());
        QVERIFY(nsupdate(QStringLiteral("update add shop.example.test 300 A 192.0.2.99")));
        Result<DnsChangeSet> sync =
            reconciler.reconcile({shop, {QStringLiteral("203.0.113.3")}, 60});
        QVERIFY2(sync.ok(), qPrintable(sync.ok() ? QString() : sync.error().message()));
        QCOMPARE(sync->toRemove.size(), 2);
        QCOMPARE(dig(shop, QStringLiteral("A")),
                 (QStringList{QStringLiteral("192.0.2.99"), QStringLiteral("203.0.113.3")}));
        // Nothing healthy: Kokoa's last record stays too.
        QVERIFY(reconciler.reconcile({shop, {}, 60}).ok());
        QCOMPARE(dig(shop, QStringLiteral("A")),
                 (QStringList{QStringLiteral("192.0.2.99"), QStringLiteral("203.0.113.3")}));
        // Outside the zone.
        QVERIFY(!dns->records(QStringLiteral("www.example.org")).ok());
    }

    // Regression test: a second installation sharing the zone deleted the
    // first one's records (one fixed owner string for every installation).
    void secondInstallationsRecordsAreKept()
    {
        auto a = provider(key(), ownerA);
        auto b = provider(key(), ownerB);
        DnsReconciler byA(*a);
        DnsReconciler byB(*b);
        const QString shared = QStringLiteral("shared.example.test");
        QVERIFY(byA.reconcile({shared, {QStringLiteral("203.0.113.10")}, 60}).ok());
        Result<DnsChangeSet> fromB = byB.reconcile({shared, {QStringLiteral("203.0.113.20")}, 60});
        QVERIFY2(fromB.ok(), qPrintable(fromB.ok() ? QString() : fromB.error().message()));
        QVERIFY(fromB->toRemove.isEmpty());
        QCOMPARE(dig(shared, QStringLiteral("A")),
                 (QStringList{QStringLiteral("203.0.113.10"), QStringLiteral("203.0.113.20")}));
        QVERIFY(byA.reconcile({shared, {QStringLiteral("203.0.113.11")}, 60}).ok());
        QVERIFY(byB.reconcile({shared, {QStringLiteral("203.0.113.21")}, 60}).ok());
        QCOMPARE(dig(shared, QStringLiteral("A")),
                 (QStringList{QStringLiteral("203.0.113.11"), QStringLiteral("203.0.113.21")}));
        QCOMPARE(dig(shared, QStringLiteral("TXT")),
                 (QStringList{markerOf(ownerA, QStringLiteral("203.0.113.11")),
                              markerOf(ownerB, QStringLiteral("203.0.113.21"))}));
        Result<DnsHostRecords> seenByA = a->records(shared);
        QVERIFY(seenByA.ok());
        QCOMPARE(seenByA->owned.size(), 1);
        QCOMPARE(seenByA->foreign.size(), 1);
    }

    // Regression test: the dry run said "in sync" while the real run
    // deleted records, and it missed addresses of removed edges.
    void dryRunProposesWhatTheRealRunDoes()
    {
        auto dns = provider();
        DnsReconciler reconciler(*dns);
        const QString app = QStringLiteral("app.example.test");
        QVERIFY(reconciler
                    .reconcile(
                        {app, {QStringLiteral("203.0.113.1"), QStringLiteral("203.0.113.2")}, 60})
                    .ok());
        // The edge with 203.0.113.2 was removed: its record is an orphan.
        const DnsDesired desired{
            app, {QStringLiteral("203.0.113.1"), QStringLiteral("203.0.113.5")}, 60};
        Result<DnsChangeSet> dry = reconciler.reconcile(desired, DnsReconciler::Mode::DryRun);
        QVERIFY(dry.ok());
        QCOMPARE(dig(app, QStringLiteral("A")),
                 (QStringList{QStringLiteral("203.0.113.1"), QStringLiteral("203.0.113.2")}));
        Result<DnsChangeSet> real = reconciler.reconcile(desired);
        QVERIFY(real.ok());
        QCOMPARE(dry->describe(), real->describe());
        QVERIFY2(dry->describe().join(u'\n').contains(
                     QStringLiteral("- A app.example.test 203.0.113.2")),
                 qPrintable(dry->describe().join(u'\n')));
        QCOMPARE(dig(app, QStringLiteral("A")),
                 (QStringList{QStringLiteral("203.0.113.1"), QStringLiteral("203.0.113.5")}));
        QVERIFY(reconciler.reconcile(desired, DnsReconciler::Mode::DryRun)->isEmpty());
    }

    // Names marked by releases before owner ids keep working: their records
    // are this installation's if its data directory predates owner ids, no
    // other installation marks the name and the address is one of its edges'
    // (192.0.2.6 was added by hand: it survives); the next change rewrites the marker.
    void legacyMarkersAreMigrated()
    {
        const QString old = QStringLiteral("old.example.test");
        QVERIFY(nsupdate(
            QStringLiteral("update add old.example.test 300 TXT \"heritage=kokoa,owner=kokoa\"\n"
                           "update add old.example.test 60 A 192.0.2.5\n"
                           "update add old.example.test 60 A 192.0.2.6")));
        // A new installation never wrote such markers: not its records.
        auto fresh = provider(key(), ownerB);
        Result<DnsHostRecords> seenByNew = fresh->records(old);
        QVERIFY(seenByNew.ok());
        QVERIFY(seenByNew->owned.isEmpty());
        QCOMPARE(seenByNew->foreign.size(), 2);
        auto dns = provider();
        DnsReconciler reconciler(*dns);
        const DnsDesired desired{old, {QStringLiteral("192.0.2.5")}, 60};
        Result<DnsChangeSet> dry = reconciler.reconcile(desired, DnsReconciler::Mode::DryRun);
        QVERIFY2(dry.ok(), qPrintable(dry.ok() ? QString() : dry.error().message()));
        QCOMPARE(dry->toRemove.size(), 0);
        QCOMPARE(dry->toClaim.size(), 1);
        Result<DnsChangeSet> real = reconciler.reconcile(desired);
        QVERIFY(real.ok());
        QCOMPARE(dry->describe(), real->describe());
        QCOMPARE(dig(old, QStringLiteral("A")),
                 (QStringList{QStringLiteral("192.0.2.5"), QStringLiteral("192.0.2.6")}));
        QCOMPARE(dig(old, QStringLiteral("TXT")),
                 QStringList{markerOf(ownerA, QStringLiteral("192.0.2.5"))});
        QVERIFY(reconciler.reconcile(desired, DnsReconciler::Mode::DryRun)->isEmpty());
        QVERIFY(reconciler.reconcile({old, {QStringLiteral("203.0.113.40")}, 60}).ok());
        QCOMPARE(dig(old, QStringLiteral("A")),
                 (QStringList{QStringLiteral("192.0.2.6"), QStringLiteral("203.0.113.40")}));

        // Beside another installation's marker an old one may be either's:
        // its records are left alone.
        const QString mixed = QStringLiteral("mixed.example.test");
        QVERIFY(nsupdate(
            QStringLiteral("update add mixed.example.test 300 TXT \"heritage=kokoa,owner=kokoa\"\n"
                           "update add mixed.example.test 60 A 192.0.2.7")));
        auto b = provider(key(), ownerB);
        DnsReconciler byB(*b);
        QVERIFY(byB.reconcile({mixed, {QStringLiteral("203.0.113.30")}, 60}).ok());
        Result<DnsChangeSet> c =
            reconciler.reconcile({mixed, {QStringLiteral("203.0.113.31")}, 60});
        QVERIFY(c.ok());
        QVERIFY(c->toRemove.isEmpty());
        QCOMPARE(dig(mixed, QStringLiteral("A")),
                 (QStringList{QStringLiteral("192.0.2.7"), QStringLiteral("203.0.113.30"),
                              QStringLiteral("203.0.113.31")}));
    }

    void keepsOtherTxtRecords()
    {
        auto dns = provider();
        DnsReconciler reconciler(*dns);
        const QString mail = QStringLiteral("mail.example.test");
        QVERIFY(reconciler.reconcile({mail, {QStringLiteral("203.0.113.25")}, 60}).ok());
        QCOMPARE(dig(mail, QStringLiteral("A")), QStringList{QStringLiteral("203.0.113.25")});
        QCOMPARE(dig(mail, QStringLiteral("TXT")),
                 (QStringList{markerOf(ownerA, QStringLiteral("203.0.113.25")),
                              QStringLiteral("\"v=spf1 -all\"")}));
    }

    void concurrentMarkerChangeIsRefusedAtomically()
    {
        auto dns = provider();
        const QString race = QStringLiteral("race.example.test");
        Result<DnsHostRecords> before = dns->records(race);
        QVERIFY(before.ok() && before->owned.isEmpty());
        // Another installation writes at the name between read and write.
        auto b = provider(key(), ownerB);
        DnsReconciler byB(*b);
        QVERIFY(byB.reconcile({race, {QStringLiteral("192.0.2.77")}, 60}).ok());
        Result<DnsChangeSet> plan =
            DnsReconciler::plan({race, {QStringLiteral("203.0.113.1")}, 60}, *before);
        QVERIFY(plan.ok());
        Status s = dns->apply(*plan);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().kind(), Error::Kind::Conflict);
        QVERIFY2(message(s).contains(QStringLiteral("YXRRSET")), qPrintable(message(s)));
        QCOMPARE(dig(race, QStringLiteral("A")), QStringList{QStringLiteral("192.0.2.77")});
        QCOMPARE(dig(race, QStringLiteral("TXT")),
                 QStringList{markerOf(ownerB, QStringLiteral("192.0.2.77"))});
        // Read again, it works beside B's record.
        QVERIFY(DnsReconciler(*dns).reconcile({race, {QStringLiteral("203.0.113.1")}, 60}).ok());
        QCOMPARE(dig(race, QStringLiteral("A")),
                 (QStringList{QStringLiteral("192.0.2.77"), QStringLiteral("203.0.113.1")}));
    }

    void oneUpdateChangesEveryHostname()
    {
        auto dns = provider();
        const QStringList names{QStringLiteral("m1.example.test"),
                                QStringLiteral("m2.example.test"),
                                QStringLiteral("m3.example.test")};
        const QStringList both{QStringLiteral("203.0.113.41"), QStringLiteral("203.0.113.42")};
        for (const QString &name : names)
            QVERIFY(DnsReconciler(*dns).reconcile({name, both, 60}).ok());
        const qint64 before = serial();
        QVERIFY(before > 0);
        // Failover of every name at once: one signed UPDATE for all three.
        const auto plans = planAll(*dns, names, {QStringLiteral("203.0.113.41")});
        QVERIFY2(plans.ok(), qPrintable(message(plans)));
        const Status s = dns->applyAll(*plans);
        QVERIFY2(s.ok(), qPrintable(message(s)));
        QCOMPARE(serial(), before + 1);
        for (const QString &name : names) {
            QCOMPARE(dig(name, QStringLiteral("A")), QStringList{QStringLiteral("203.0.113.41")});
            QCOMPARE(dig(name, QStringLiteral("TXT")),
                     QStringList{markerOf(ownerA, QStringLiteral("203.0.113.41"))});
        }
        // Applied: the next change of them reads them again first.
        QVERIFY(!dns->applyAll(*plans).ok());
        QCOMPARE(serial(), before + 1);
    }

    void oneStaleNameRefusesTheWholeUpdate()
    {
        auto dns = provider();
        const QStringList names{QStringLiteral("n1.example.test"),
                                QStringLiteral("n2.example.test")};
        for (const QString &name : names)
            QVERIFY(
                DnsReconciler(*dns).reconcile({name, {QStringLiteral("203.0.113.51")}, 60}).ok());
        const auto plans = planAll(*dns, names, {QStringLiteral("203.0.113.52")});
        QVERIFY2(plans.ok(), qPrintable(message(plans)));
        // Another installation writes at the second name after the read.
        auto b = provider(key(), ownerB);
        QVERIFY(DnsReconciler(*b).reconcile({names[1], {QStringLiteral("192.0.2.78")}, 60}).ok());
        const qint64 before = serial();
        const Status s = dns->applyAll(*plans);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().kind(), Error::Kind::Conflict);
        // Nothing of the UPDATE was applied, not even at the first name.
        QCOMPARE(serial(), before);
        QCOMPARE(dig(names[0], QStringLiteral("A")), QStringList{QStringLiteral("203.0.113.51")});
        QCOMPARE(dig(names[1], QStringLiteral("A")),
                 (QStringList{QStringLiteral("192.0.2.78"), QStringLiteral("203.0.113.51")}));
    }

    void namedStillHealthy() { QVERIFY(m_bind->running()); }
};

QTEST_GUILESS_MAIN(TestRfc2136)
#include "tst_rfc2136.moc"
