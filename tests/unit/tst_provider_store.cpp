#include "store/ProviderStore.h"
#include "store/Store.h"

#include <QTemporaryDir>
#include <QTest>

using namespace kokoa;
using namespace Qt::StringLiterals;

class TestProviderStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void addListFindRemove();
    void duplicateNameIsAConflictAndKeepsTheFirst();
    void failedAlongsideRollsTheProviderBack();
    void serverLifecycleIsRecorded();
    void providerWithLiveServersCannotBeRemoved();
    void unknownKindIsRefusedByTheSchema();

private:
    ProviderRecord hetzner(const QString &name) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
};

ProviderRecord TestProviderStore::hetzner(const QString &name) const
{
    ProviderRecord p;
    p.name = name;
    p.kind = u"hetzner"_s;
    p.settings = {{u"location"_s, u"fsn1"_s}, {u"image"_s, u"debian-12"_s}};
    p.secretRef = u"provider-"_s + name;
    return p;
}

void TestProviderStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    auto store = Store::open(m_dir->filePath(u"kokoa.sqlite"_s));
    QVERIFY(store.ok());
    m_store = std::move(store).value();
    QVERIFY(m_store->database().schemaVersion() >= 6);
}

void TestProviderStore::addListFindRemove()
{
    ProviderStore providers(m_store->database());
    QVERIFY(providers.add(hetzner(u"hz"_s)).ok());
    const auto list = providers.list();
    QVERIFY(list.ok());
    QCOMPARE(list->size(), 1);
    QCOMPARE(list->first().settings.value(u"location"_s).toString(), u"fsn1"_s);
    QCOMPARE(list->first().secretRef, u"provider-hz"_s);
    const auto found = providers.find(u"hz"_s);
    QVERIFY(found.ok() && found->has_value());
    QCOMPARE((*found)->kind, u"hetzner"_s);
    QVERIFY(providers.remove(u"hz"_s).ok());
    QVERIFY(providers.list()->isEmpty());
    const Status again = providers.remove(u"hz"_s);
    QVERIFY(!again.ok());
    QCOMPARE(again.error().kind(), Error::Kind::NotFound);
}

void TestProviderStore::duplicateNameIsAConflictAndKeepsTheFirst()
{
    ProviderStore providers(m_store->database());
    QVERIFY(providers.add(hetzner(u"hz"_s)).ok());
    ProviderRecord other = hetzner(u"hz"_s);
    other.kind = u"vultr"_s;
    const Status s = providers.add(other);
    QVERIFY(!s.ok());
    QCOMPARE(s.error().kind(), Error::Kind::Conflict);
    QCOMPARE(s.error().field(), u"name"_s);
    QCOMPARE((*providers.find(u"hz"_s))->kind, u"hetzner"_s);
}

void TestProviderStore::failedAlongsideRollsTheProviderBack()
{
    ProviderStore providers(m_store->database());
    const Status s = providers.add(hetzner(u"hz"_s),
                                   [] { return Status(Error(Error::Kind::Io, u"disk full"_s)); });
    QVERIFY(!s.ok());
    QVERIFY(providers.list()->isEmpty());
}

void TestProviderStore::serverLifecycleIsRecorded()
{
    ProviderStore providers(m_store->database());
    QVERIFY(providers.add(hetzner(u"hz"_s)).ok());
    ServerRecord s;
    s.provider = u"hz"_s;
    s.name = u"kokoa-tokyo-3-ab12"_s;
    s.edge = u"tokyo-3"_s;
    s.hostKey = u"SHA256:abc"_s;
    QVERIFY(providers.recordRequested(s).ok());
    // The same name twice is refused: one row per server.
    QVERIFY(!providers.recordRequested(s).ok());
    auto servers = providers.servers(u"hz"_s);
    QCOMPARE(servers->size(), 1);
    QCOMPARE(servers->first().state, ServerRecord::State::Requested);
    QVERIFY(servers->first().serverId.isEmpty());

    QVERIFY(providers.recordCreated(u"hz"_s, s.name, u"4711"_s, u"192.0.2.7"_s, {}).ok());
    auto forEdge = providers.serverForEdge(u"tokyo-3"_s);
    QVERIFY(forEdge.ok() && forEdge->has_value());
    QCOMPARE((*forEdge)->serverId, u"4711"_s);
    QCOMPARE((*forEdge)->ipv4, u"192.0.2.7"_s);
    QCOMPARE((*forEdge)->state, ServerRecord::State::Created);
    QCOMPARE((*forEdge)->hostKey, u"SHA256:abc"_s);

    QVERIFY(providers.setPendingHostKey(u"hz"_s, s.name, u"SHA256:new"_s).ok());
    QCOMPARE((*providers.serverForEdge(u"tokyo-3"_s))->pendingHostKey, u"SHA256:new"_s);

    QVERIFY(providers.setServerState(u"hz"_s, s.name, ServerRecord::State::Destroyed).ok());
    QVERIFY(!providers.serverForEdge(u"tokyo-3"_s)->has_value());
    // By provider and name the row is found whatever its state.
    auto byName = providers.server(u"hz"_s, s.name);
    QVERIFY(byName.ok() && byName->has_value());
    QCOMPARE((*byName)->serverId, u"4711"_s);
    QCOMPARE((*byName)->state, ServerRecord::State::Destroyed);
    QVERIFY(!providers.server(u"other"_s, s.name)->has_value());
    QVERIFY(!providers.server(u"hz"_s, u"nope"_s)->has_value());
    const Status missing =
        providers.setServerState(u"hz"_s, u"nope"_s, ServerRecord::State::Destroyed);
    QCOMPARE(missing.error().kind(), Error::Kind::NotFound);
}

void TestProviderStore::providerWithLiveServersCannotBeRemoved()
{
    ProviderStore providers(m_store->database());
    QVERIFY(providers.add(hetzner(u"hz"_s)).ok());
    ServerRecord s;
    s.provider = u"hz"_s;
    s.name = u"kokoa-a"_s;
    QVERIFY(providers.recordRequested(s).ok());
    const Status refused = providers.remove(u"hz"_s);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind(), Error::Kind::Conflict);
    QVERIFY(providers.find(u"hz"_s)->has_value());
    QVERIFY(providers.setServerState(u"hz"_s, s.name, ServerRecord::State::Destroyed).ok());
    QVERIFY(providers.remove(u"hz"_s).ok());
    QVERIFY(providers.servers()->isEmpty());
}

void TestProviderStore::unknownKindIsRefusedByTheSchema()
{
    ProviderStore providers(m_store->database());
    ProviderRecord p = hetzner(u"x"_s);
    p.kind = u"aws"_s;
    QVERIFY(!providers.add(p).ok());
    QVERIFY(providers.list()->isEmpty());
}

QTEST_GUILESS_MAIN(TestProviderStore)
#include "tst_provider_store.moc"
