// Certificates in a deployment against a scripted host (FakeShell): keys and
// chains installed before the nginx that names them, changed certificates
// going in as one set with one test and one reload, restoring every file of a
// refused or failed set, dry runs that never show a key, and HTTP-01 answers
// placed on every edge.

#include "DeployTestSupport.h"
#include "deploy/CertificateSet.h"
#include "deploy/ChallengePlacement.h"
#include "deploy/FileKind.h"
#include "deploy/HostDeployment.h"
#include "ssh/SshSession.h"

#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <memory>

using namespace kokoa;
using namespace kokoa::test;
using namespace Qt::StringLiterals;

namespace {

const QString certKeyPath = u"/etc/kokoa/certs/www.example.com/privkey.pem"_s;
const QString certChainPath = u"/etc/kokoa/certs/www.example.com/fullchain.pem"_s;
constexpr char keyPem[] = "-----BEGIN PRIVATE KEY-----\nsecret\n-----END PRIVATE KEY-----\n";

QByteArray chainPem(const QByteArray &marker)
{
    return "-----BEGIN CERTIFICATE-----\n" + marker + "\n-----END CERTIFICATE-----\n";
}

RenderedHost edgeWithCertificate(const QByteArray &marker)
{
    RenderedHost edge = defaultEdge();
    edge.files.append(RenderedFile{certChainPath, chainPem(marker), 0644});
    edge.files.append(RenderedFile{certKeyPath, keyPem, 0600});
    return edge;
}

// Where `target` was moved into place: (command index, pair within the
// command), for a plain mv or a CertificateSet move script; (-1, -1) if not.
std::pair<int, int> movedAt(const FakeShell &host, const QString &target)
{
    const QString staged = target + u".kokoa-staged"_s;
    for (int i = 0; i < host.commands().size(); ++i) {
        const QStringList &c = host.commands().at(i);
        if (c == QStringList{u"mv"_s, u"-f"_s, u"--"_s, staged, target})
            return {i, 0};
        if (c.size() > 4 && c.at(2) == CertificateSet::moveScript()) {
            for (int p = 4; p + 1 < c.size(); p += 2) {
                if (c.at(p) == staged && c.at(p + 1) == target)
                    return {i, p};
            }
        }
    }
    return {-1, -1};
}

// The outcomes (not the starts) reported for `step`.
QList<DeployProgress> reportsOf(const QList<DeployProgress> &progress, const QString &step)
{
    QList<DeployProgress> out;
    for (const DeployProgress &p : progress) {
        if (p.step == step && p.state != DeployProgress::State::Started)
            out.append(p);
    }
    return out;
}

QString keyPathOf(const QString &host)
{
    return u"/etc/kokoa/certs/%1.example.com/privkey.pem"_s.arg(host);
}

QString chainPathOf(const QString &host)
{
    return u"/etc/kokoa/certs/%1.example.com/fullchain.pem"_s.arg(host);
}

QByteArray keyOf(const QByteArray &marker, int i)
{
    return "-----BEGIN PRIVATE KEY-----\n" + marker + QByteArray::number(i) +
           "\n-----END PRIVATE KEY-----\n";
}

// www and api, each with its chain; the keys are keyPem unless given.
RenderedHost twoCertificates(const QByteArray &www, const QByteArray &api,
                             const QByteArray &key = keyPem)
{
    RenderedHost edge = defaultEdge();
    edge.files.append(RenderedFile{chainPathOf(u"www"_s), chainPem(www), 0644});
    edge.files.append(RenderedFile{keyPathOf(u"www"_s), key, 0600});
    edge.files.append(RenderedFile{chainPathOf(u"api"_s), chainPem(api), 0644});
    edge.files.append(RenderedFile{keyPathOf(u"api"_s), key, 0600});
    return edge;
}

// n certificates h0..h<n-1>, each chain and key marked with `marker` and i.
RenderedHost manyCertificates(int n, const QByteArray &marker)
{
    RenderedHost edge = defaultEdge();
    for (int i = 0; i < n; ++i) {
        const QString host = u"h%1"_s.arg(i);
        edge.files.append(
            RenderedFile{chainPathOf(host), chainPem(marker + QByteArray::number(i)), 0644});
        edge.files.append(RenderedFile{keyPathOf(host), keyOf(marker, i), 0600});
    }
    return edge;
}

} // namespace

class TestDeployCertificates final : public QObject, private DeployBench
{
    Q_OBJECT

    static void withAndWithoutSystemd()
    {
        QTest::addColumn<bool>("systemd");
        QTest::newRow("without systemd") << false;
        QTest::newRow("with systemd") << true;
    }

private slots:
    void init() { resetHost(); }
    void cleanup() { checkHostLog(); }

    // ---- Certificates: key and chain before the nginx that names them ----

    void apply_installsCertificateKeyAndChainBeforeNginx_data() { withAndWithoutSystemd(); }

    void apply_installsCertificateKeyAndChainBeforeNginx()
    {
        QFETCH(bool, systemd);
        const Result<PreparedHost> prepared = readyEdge(systemd);
        QVERIFY(prepared);
        m_host->clearLog();
        const Result<HostReport> r = deployment().apply(edgeWithCertificate("c1"), *prepared);
        QVERIFY2(r, r ? "" : qPrintable(r.error().message() + u'\n' + log(*m_host)));
        // Key, then chain, then the nginx.conf that names them.
        std::pair<int, int> at{-1, -1};
        for (const QString &target : {certKeyPath, certChainPath, nginxPath}) {
            const std::pair<int, int> i = movedAt(*m_host, target);
            QVERIFY2(i > at, qPrintable(target + u" out of order:\n"_s + log(*m_host)));
            at = i;
        }
        QCOMPARE(m_host->file(certKeyPath)->content, QByteArray(keyPem));
        QCOMPARE(m_host->file(certKeyPath)->mode, 0600);
        QCOMPARE(m_host->file(certChainPath)->content, chainPem("c1"));
        QCOMPARE(m_host->file(certChainPath)->mode, 0644);
        // nginx was not running: the certificates wait for its start.
        QCOMPARE(countRuns(*m_host, {u"reload"_s}), 0);
        QVERIFY(m_host->nginxRunning);
        QCOMPARE(stateOf(u"certificates"_s), toString(DeployProgress::State::Changed));
        QVERIFY2(lastProgress(u"certificates"_s)->detail.contains(u"2 file"_s),
                 qPrintable(lastProgress(u"certificates"_s)->detail));
    }

    // Every certificate's key and chain go in as one set: all staged, all
    // moved into place (each key right before its chain), and only then one
    // nginx -t: a key and chain pair never meets nginx -t half-installed.
    void apply_installsEachCertificateKeyThenItsChain()
    {
        const Result<PreparedHost> prepared = readyEdge(false);
        QVERIFY(prepared);
        QVERIFY(deployment().apply(twoCertificates("c1", "a1"), *prepared));
        const QByteArray otherKey = "-----BEGIN PRIVATE KEY-----\nnew\n-----END PRIVATE KEY-----\n";
        // nginx -t compares every installed key with its chain.
        int tests = 0;
        m_host->addHandler(
            [&](const QStringList &c, const QByteArray &) -> std::optional<ExecResult> {
                if (c != QStringList{u"nginx"_s, u"-t"_s, u"-q"_s, u"-c"_s, nginxPath})
                    return std::nullopt;
                ++tests;
                for (const QString &host : {u"www"_s, u"api"_s}) {
                    const auto key = m_host->file(keyPathOf(host));
                    const auto chain = m_host->file(chainPathOf(host));
                    const bool newKey = key && key->content == otherKey;
                    const bool newChain = chain && chain->content.contains("2\n");
                    if (newKey != newChain)
                        return exitWith(1, "nginx: [emerg] SSL_CTX_use_PrivateKey: key values "
                                           "mismatch\n");
                }
                return std::nullopt;
            });
        // Every file of the set is staged before the first one moves in.
        std::optional<bool> stagedAtFirstMove;
        m_host->addHandler(
            [&](const QStringList &c, const QByteArray &) -> std::optional<ExecResult> {
                if (c.size() > 2 && c.at(2) == CertificateSet::moveScript() && !stagedAtFirstMove) {
                    bool all = true;
                    for (const QString &host : {u"www"_s, u"api"_s}) {
                        for (const QString &target : {keyPathOf(host), chainPathOf(host)})
                            all = all && m_host->exists(target + u".kokoa-staged"_s);
                    }
                    stagedAtFirstMove = all;
                }
                return std::nullopt;
            });
        m_host->clearLog();
        const Result<HostReport> r =
            deployment().apply(twoCertificates("c2", "a2", otherKey), *prepared);
        const bool allStagedAtFirstMove = stagedAtFirstMove.value_or(false);
        QVERIFY2(r, r ? "" : qPrintable(r.error().message() + u'\n' + log(*m_host)));
        QCOMPARE(tests, 1);
        std::pair<int, int> at{-1, -1};
        for (const QString &host : {u"api"_s, u"www"_s}) {
            for (const QString &target : {keyPathOf(host), chainPathOf(host)}) {
                const std::pair<int, int> i = movedAt(*m_host, target);
                QVERIFY2(i > at, qPrintable(target + u" out of order:\n"_s + log(*m_host)));
                at = i;
            }
        }
        const int test = firstRun(*m_host, {u"nginx"_s, u"-t"_s, u"-q"_s, u"-c"_s, nginxPath});
        QVERIFY2(test > at.first, qPrintable(log(*m_host)));
        QVERIFY2(allStagedAtFirstMove, qPrintable(log(*m_host)));
        QCOMPARE(m_host->file(keyPathOf(u"www"_s))->content, otherKey);
        QCOMPARE(m_host->file(chainPathOf(u"api"_s))->content, chainPem("a2"));
    }

    // However many certificates changed, the set costs one nginx -t and one
    // reload, and is reported as one step with a count.
    void apply_changedCertificatesCostOneTestAndOneReload_data() { withAndWithoutSystemd(); }

    void apply_changedCertificatesCostOneTestAndOneReload()
    {
        QFETCH(bool, systemd);
        const Result<PreparedHost> prepared = readyEdge(systemd);
        QVERIFY(prepared);
        constexpr int n = 12;
        QVERIFY(deployment().apply(manyCertificates(n, "old"), *prepared));
        m_host->clearLog();
        m_progress.clear();
        const Result<HostReport> r = deployment().apply(manyCertificates(n, "new"), *prepared);
        QVERIFY2(r, r ? "" : qPrintable(r.error().message() + u'\n' + log(*m_host)));
        QCOMPARE(r->changes.size(), 2 * n);
        const QStringList reload = systemd ? QStringList{u"systemctl"_s, u"reload"_s, u"nginx"_s}
                                           : QStringList{u"nginx"_s, u"-s"_s, u"reload"_s};
        QCOMPARE(countRuns(*m_host, {u"nginx"_s, u"-t"_s}), 1);
        QCOMPARE(countRuns(*m_host, reload), 1);
        QVERIFY2(firstRun(*m_host, reload) > firstRun(*m_host, {u"nginx"_s, u"-t"_s}),
                 qPrintable(log(*m_host)));
        for (int i = 0; i < n; ++i) {
            const QString host = u"h%1"_s.arg(i);
            QCOMPARE(m_host->file(chainPathOf(host))->content,
                     chainPem("new" + QByteArray::number(i)));
            QCOMPARE(m_host->file(keyPathOf(host))->content, keyOf("new", i));
            QVERIFY(!m_host->exists(chainPathOf(host) + u".kokoa-staged"_s));
        }
        QCOMPARE(m_host->nginxServing, std::optional<QByteArray>(nginxConf("v1")));
        const QList<DeployProgress> steps = reportsOf(m_progress, u"certificates"_s);
        QCOMPARE(steps.size(), 1);
        QCOMPARE(toString(steps.first().state), toString(DeployProgress::State::Changed));
        QVERIFY2(steps.first().detail.contains(u"%1 file"_s.arg(2 * n)) &&
                     steps.first().detail.contains(QString::number(n)),
                 qPrintable(steps.first().detail));
        // Nothing changed: no test, no reload, one unchanged line.
        m_host->clearLog();
        m_progress.clear();
        QVERIFY(deployment().apply(manyCertificates(n, "new"), *prepared));
        QCOMPARE(countRuns(*m_host, {u"nginx"_s, u"-t"_s}), 0);
        QCOMPARE(countRuns(*m_host, reload), 0);
        QCOMPARE(reportsOf(m_progress, u"certificates"_s).size(), 1);
        QCOMPARE(stateOf(u"certificates"_s), toString(DeployProgress::State::Unchanged));
    }

    // nginx -t refuses the set: every certificate file goes back to its
    // previous content, a new one is removed, nginx is never reloaded with
    // the refused set and the deploy stops before nginx.conf.
    void apply_refusedCertificateSetRestoresEveryFile()
    {
        const Result<PreparedHost> prepared = readyEdge(false);
        QVERIFY(prepared);
        constexpr int n = 5;
        QVERIFY(deployment().apply(manyCertificates(n, "old"), *prepared));
        const QByteArray serving = *m_host->nginxServing;
        RenderedHost next = manyCertificates(n, "bad");
        // A certificate that is new in this deploy.
        next.files.append(RenderedFile{chainPathOf(u"fresh"_s), chainPem("f"), 0644});
        next.files.append(RenderedFile{keyPathOf(u"fresh"_s), keyOf("f", 0), 0600});
        next.files.first().content = nginxConf("v2"); // never reached
        int tests = 0;
        QMap<QString, QByteArray> seenByTest;
        m_host->addHandler(
            [&](const QStringList &c, const QByteArray &) -> std::optional<ExecResult> {
                if (c != QStringList{u"nginx"_s, u"-t"_s, u"-q"_s, u"-c"_s, nginxPath})
                    return std::nullopt;
                if (++tests > 1)
                    return std::nullopt;
                for (int i = 0; i < n; ++i)
                    seenByTest.insert(chainPathOf(u"h%1"_s.arg(i)),
                                      m_host->file(chainPathOf(u"h%1"_s.arg(i)))->content);
                return exitWith(1, "nginx: [emerg] cannot load certificate\n");
            });
        m_host->clearLog();
        const Result<HostReport> r = deployment().apply(next, *prepared);
        QVERIFY(!r);
        QVERIFY2(r.error().message().contains(u"put back as it was"_s),
                 qPrintable(r.error().message()));
        // The test saw the whole new set in place.
        for (int i = 0; i < n; ++i)
            QCOMPARE(seenByTest.value(chainPathOf(u"h%1"_s.arg(i))),
                     chainPem("bad" + QByteArray::number(i)));
        for (int i = 0; i < n; ++i) {
            const QString host = u"h%1"_s.arg(i);
            QCOMPARE(m_host->file(chainPathOf(host))->content,
                     chainPem("old" + QByteArray::number(i)));
            QCOMPARE(m_host->file(chainPathOf(host))->mode, 0644);
            QCOMPARE(m_host->file(keyPathOf(host))->content, keyOf("old", i));
            QCOMPARE(m_host->file(keyPathOf(host))->mode, 0600);
        }
        QVERIFY(!m_host->exists(chainPathOf(u"fresh"_s)));
        QVERIFY(!m_host->exists(keyPathOf(u"fresh"_s)));
        for (const QString &path : m_host->paths())
            QVERIFY2(!path.endsWith(u".kokoa-staged"_s), qPrintable(path));
        // Never reloaded with the refused set: at most once, after the restore.
        const QStringList test{u"nginx"_s, u"-t"_s, u"-q"_s, u"-c"_s, nginxPath};
        const int refused = firstRun(*m_host, test);
        const int restored = firstRun(*m_host, test, refused + 1);
        QVERIFY2(refused >= 0 && restored > refused, qPrintable(log(*m_host)));
        const QStringList reload{u"nginx"_s, u"-s"_s, u"reload"_s};
        QVERIFY(countRuns(*m_host, reload) <= 1);
        const int reloaded = firstRun(*m_host, reload);
        QVERIFY2(reloaded < 0 || reloaded > restored, qPrintable(log(*m_host)));
        QCOMPARE(*m_host->nginxServing, serving);
        QCOMPARE(m_host->file(nginxPath)->content, nginxConf("v1"));
        QCOMPARE(stateOf(u"certificates"_s), toString(DeployProgress::State::Failed));
    }

    // A renewal changes only the chain: nginx -t on the live configuration,
    // one reload; the key and nginx.conf are not touched.
    void apply_renewedCertificateIsTestedAndReloadedOnce_data() { withAndWithoutSystemd(); }

    void apply_renewedCertificateIsTestedAndReloadedOnce()
    {
        QFETCH(bool, systemd);
        const Result<PreparedHost> prepared = readyEdge(systemd);
        QVERIFY(prepared);
        QVERIFY(deployment().apply(edgeWithCertificate("c1"), *prepared));
        m_host->clearLog();
        const Result<HostReport> r = deployment().apply(edgeWithCertificate("c2"), *prepared);
        QVERIFY2(r, r ? "" : qPrintable(r.error().message() + u'\n' + log(*m_host)));
        QCOMPARE(r->changes, QStringList{u"updated "_s + certChainPath});
        const int test = firstRun(*m_host, {u"nginx"_s, u"-t"_s, u"-q"_s, u"-c"_s, nginxPath});
        const QStringList reload = systemd ? QStringList{u"systemctl"_s, u"reload"_s, u"nginx"_s}
                                           : QStringList{u"nginx"_s, u"-s"_s, u"reload"_s};
        QVERIFY2(test >= 0 && firstRun(*m_host, reload) > test, qPrintable(log(*m_host)));
        QCOMPARE(countRuns(*m_host, reload), 1);
        QCOMPARE(m_host->file(certChainPath)->content, chainPem("c2"));
        QCOMPARE(m_host->file(certKeyPath)->content, QByteArray(keyPem));
    }

    // nginx refuses the live configuration with the new chain: the previous
    // chain goes back and keeps serving.
    void apply_refusedCertificateRestoresThePreviousChain()
    {
        const Result<PreparedHost> prepared = readyEdge(false);
        QVERIFY(prepared);
        QVERIFY(deployment().apply(edgeWithCertificate("c1"), *prepared));
        int tests = 0;
        m_host->addHandler([&](const QStringList &c,
                               const QByteArray &) -> std::optional<ExecResult> {
            if (c == QStringList{u"nginx"_s, u"-t"_s, u"-q"_s, u"-c"_s, nginxPath} && ++tests == 1)
                return exitWith(1, "nginx: [emerg] SSL_CTX_use_PrivateKey failed\n");
            return std::nullopt;
        });
        m_host->clearLog();
        const Result<HostReport> r = deployment().apply(edgeWithCertificate("bad"), *prepared);
        QVERIFY(!r);
        QVERIFY2(r.error().message().contains(u"put back as it was"_s),
                 qPrintable(r.error().message()));
        QCOMPARE(m_host->file(certChainPath)->content, chainPem("c1"));
        // Reloaded at most with the restored chain, never with the refused one.
        QCOMPARE(tests, 2);
        QVERIFY(countRuns(*m_host, {u"nginx"_s, u"-s"_s, u"reload"_s}) <= 1);
    }

    // Moving the set in fails after the first file: that file goes back,
    // the others were never touched, and no staged file is left.
    void apply_failedCertificateMoveRestoresEveryFile()
    {
        const Result<PreparedHost> prepared = readyEdge(false);
        QVERIFY(prepared);
        constexpr int n = 3;
        QVERIFY(deployment().apply(manyCertificates(n, "old"), *prepared));
        bool failed = false;
        m_host->addHandler(
            [&](const QStringList &c, const QByteArray &) -> std::optional<ExecResult> {
                if (failed || c.size() < 6 || c.at(2) != CertificateSet::moveScript())
                    return std::nullopt;
                failed = true;
                const auto first = m_host->file(c.at(4));
                m_host->writeFile(c.at(5), first->content, first->mode);
                m_host->removeFile(c.at(4));
                return exitWith(1, "mv: cannot move: No space left on device\n");
            });
        m_host->clearLog();
        const Result<HostReport> r = deployment().apply(manyCertificates(n, "new"), *prepared);
        QVERIFY(!r);
        QVERIFY(failed);
        QVERIFY2(r.error().message().contains(u"put back as it was"_s),
                 qPrintable(r.error().message()));
        for (int i = 0; i < n; ++i) {
            const QString host = u"h%1"_s.arg(i);
            QCOMPARE(m_host->file(chainPathOf(host))->content,
                     chainPem("old" + QByteArray::number(i)));
            QCOMPARE(m_host->file(keyPathOf(host))->content, keyOf("old", i));
        }
        for (const QString &path : m_host->paths())
            QVERIFY2(!path.endsWith(u".kokoa-staged"_s), qPrintable(path));
    }

    // A dry run names the key file but never shows what is in it.
    void apply_dryRunNeverShowsACertificateKey()
    {
        const Result<PreparedHost> prepared = readyEdge(false);
        QVERIFY(prepared);
        const Result<HostReport> r = deployment(true).apply(edgeWithCertificate("c1"), *prepared);
        QVERIFY2(r, r ? "" : qPrintable(r.error().message()));
        QVERIFY(m_host->uploads().isEmpty());
        QVERIFY(r->changes.contains(u"update "_s + certKeyPath));
        QVERIFY2(!r->diff.contains(u"PRIVATE"_s), qPrintable(r->diff));
        QVERIFY(r->diff.contains(certKeyPath));
        QVERIFY(r->diff.contains(u"+c1"_s)); // the chain is public
    }

    // A file below the certificate directory that is not a key or chain of
    // one hostname is not Kokoa's to deploy.
    void fileKinds_certificatePathsAreExact()
    {
        QCOMPARE(FileKind::forPath(certKeyPath)->id, FileKind::Id::CertificateKey);
        QCOMPARE(FileKind::forPath(certChainPath)->id, FileKind::Id::Certificate);
        QCOMPARE(FileKind::forPath(u"/etc/kokoa/certs/_wildcard.example.com/privkey.pem"_s)->id,
                 FileKind::Id::CertificateKey);
        for (const QString &path :
             {u"/etc/kokoa/certs/privkey.pem"_s, u"/etc/kokoa/certs/a/b/privkey.pem"_s,
              u"/etc/kokoa/certs/../privkey.pem"_s, u"/etc/kokoa/certs/a/other.pem"_s,
              u"/etc/kokoa/certsx/a/privkey.pem"_s})
            QVERIFY2(!FileKind::forPath(path), qPrintable(path));
    }

    // ---- HTTP-01 answers on every edge ----

    // Written on every edge where nginx serves the challenge location, no
    // reload; removed from every edge afterwards.
    void challenge_placedOnEveryEdgeAndRemovedWithoutReload()
    {
        QTemporaryDir dataDir;
        QVERIFY(dataDir.isValid());
        std::map<QString, std::unique_ptr<FakeShell>> hosts;
        QList<Edge> edges;
        for (const QString &ip : {u"192.0.2.1"_s, u"192.0.2.2"_s}) {
            hosts[ip] = std::make_unique<FakeShell>();
            Edge e;
            e.name = u"e-"_s + ip.section(u'.', 3);
            e.ssh.host = ip;
            e.sshHostKey = u"SHA256:"_s + QString(43, u'A');
            edges.append(e);
        }
        const QString token = u"LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0"_s;
        const QString path = u"/var/lib/kokoa/acme/.well-known/acme-challenge/"_s + token;
        {
            ChallengePlacement placement(
                edges, dataDir.path(),
                [&](const SshSession::Options &o) -> Result<std::unique_ptr<RemoteShell>> {
                    return std::unique_ptr<RemoteShell>(std::make_unique<TimeoutShell>(
                        *hosts.at(o.target.host), QStringList{u"never"_s}));
                });
            QCOMPARE(ChallengePlacement::challengePath(token), path);
            QVERIFY(placement.place(token, token.toLatin1() + ".thumbprint"));
            for (const auto &[ip, host] : hosts) {
                QVERIFY2(host->exists(path), qPrintable(ip));
                QCOMPARE(host->file(path)->content, token.toLatin1() + ".thumbprint");
                QCOMPARE(host->file(path)->mode, 0644);
                QCOMPARE(countRuns(*host, {u"reload"_s}), 0);
                QCOMPARE(countRuns(*host, {u"nginx"_s}), 0);
            }
            QVERIFY(placement.remove(token));
            for (const auto &[ip, host] : hosts)
                QVERIFY2(!host->exists(path), qPrintable(ip));

            // A token that is not base64url never becomes a path.
            const Status bad = placement.place(u"../../../etc/passwd"_s, "x");
            QVERIFY(!bad);
            QCOMPARE(bad.error().field(), u"token"_s);

            // Left placed when the placement ends: it is taken away then.
            QVERIFY(placement.place(token, "again"));
        }
        for (const auto &[ip, host] : hosts) {
            QVERIFY2(!host->exists(path), qPrintable(ip));
            QVERIFY2(host->unexpected().isEmpty(), qPrintable(host->unexpected().join(u'\n')));
        }

        // An edge that cannot take it: the error names it and the edges that
        // did take it are cleaned.
        edges[1].sshHostKey.clear();
        ChallengePlacement failing(
            edges, dataDir.path(),
            [&](const SshSession::Options &o) -> Result<std::unique_ptr<RemoteShell>> {
                return std::unique_ptr<RemoteShell>(std::make_unique<TimeoutShell>(
                    *hosts.at(o.target.host), QStringList{u"never"_s}));
            });
        const Status s = failing.place(token, "x");
        QVERIFY(!s);
        QVERIFY2(s.error().message().contains(edges[1].name), qPrintable(s.error().message()));
        QVERIFY(!hosts.at(u"192.0.2.1"_s)->exists(path));
    }
};

QTEST_GUILESS_MAIN(TestDeployCertificates)
#include "tst_deploy_certificates.moc"
