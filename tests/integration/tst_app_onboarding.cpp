#include "SshdFixture.h"
#include "app/HostOnboarding.h"
#include "app/OnboardingJob.h"
#include "ssh/SshIdentity.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace kokoa;
using namespace kokoa::app;

// Host onboarding driven directly, as a window would: no parser, no stdin;
// the host-key question is answered by a function.
class TestAppOnboarding : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void refusedKeyRunsNothingOnTheHost();
    void refusalComesBeforeAuthentication();
    void acceptedKeyIsPinnedAndKokoasKeyInstalled();
    void pinnedKeyIsNotAskedAbout();
    void changedKeyAsksWhetherToReplaceThePin();
    void jobAsksThroughASignalAndAcceptsTheAnswer();
    void jobRefusedKeyInstallsNothing();
    void jobCancelledWhileAskingRefuses();
    void jobDestroyedWhileAskingReturns();

private:
    HostOnboarding::Request testUserRequest() const;
    // Starts a job whose host-key question the test answers with `answer`
    // (none: the question stays open), recording every question asked.
    void runJob(OnboardingJob &job, std::optional<HostKeyDecision> answer,
                QList<HostKeyQuestion> &asked);
    QByteArray testUserAuthorizedKeys() const;

    std::unique_ptr<SshdFixture> m_sshd;
};

void TestAppOnboarding::initTestCase()
{
    QString why;
    m_sshd = SshdFixture::start(&why);
    if (!m_sshd)
        QSKIP(qPrintable(why));
}

void TestAppOnboarding::cleanupTestCase()
{
    m_sshd.reset();
}

HostOnboarding::Request TestAppOnboarding::testUserRequest() const
{
    HostOnboarding::Request r;
    r.target.user = QString::fromLatin1(SshdFixture::testUser);
    r.target.host = QStringLiteral("127.0.0.1");
    r.target.port = m_sshd->port();
    r.hostLabel = QStringLiteral("edge tokyo-1");
    r.password = QString::fromLatin1(SshdFixture::testPassword);
    return r;
}

// The test user's home is a directory of the fixture: what the host did to it
// is visible here without logging in.
QByteArray TestAppOnboarding::testUserAuthorizedKeys() const
{
    QFile f(m_sshd->directory() + QStringLiteral("/home/.ssh/authorized_keys"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

void TestAppOnboarding::refusedKeyRunsNothingOnTheHost()
{
    QTemporaryDir data;
    const QByteArray before = testUserAuthorizedKeys();
    QList<HostKeyQuestion> asked;
    HostOnboarding::Request r = testUserRequest();
    r.decideHostKey = [&](const HostKeyQuestion &q) {
        asked.append(q);
        return HostKeyDecision::Refuse;
    };

    const auto outcome = HostOnboarding(data.path()).establish(r);
    QVERIFY(!outcome.ok());
    QCOMPARE(outcome.error().kind(), Error::Kind::HostKey);
    QCOMPARE(outcome.error().value(), m_sshd->hostKeyFingerprint());
    QVERIFY2(!outcome.error().message().contains(QStringLiteral("--")),
             qPrintable(outcome.error().message()));
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.first().fingerprint, m_sshd->hostKeyFingerprint());
    QCOMPARE(asked.first().hostLabel, QStringLiteral("edge tokyo-1"));
    QCOMPARE(asked.first().target, r.target.toString());
    QVERIFY(!asked.first().replacesPinned());

    // The password was never used: Kokoa's key was not installed.
    const auto kokoaKey = SshIdentity::loadOrCreate(data.path());
    QVERIFY(kokoaKey.ok());
    QCOMPARE(testUserAuthorizedKeys(), before);
    QVERIFY(!testUserAuthorizedKeys().contains(kokoaKey->publicKeyLine().toLatin1()));
}

void TestAppOnboarding::refusalComesBeforeAuthentication()
{
    // A wrong password would fail authentication; the refusal is what is
    // reported, so the question was settled before any login was tried.
    QTemporaryDir data;
    HostOnboarding::Request r = testUserRequest();
    r.password = QStringLiteral("wrong");
    int asked = 0;
    r.decideHostKey = [&](const HostKeyQuestion &) {
        ++asked;
        return HostKeyDecision::Refuse;
    };
    const auto outcome = HostOnboarding(data.path()).establish(r);
    QVERIFY(!outcome.ok());
    QCOMPARE(outcome.error().kind(), Error::Kind::HostKey);
    QCOMPARE(asked, 1);

    // Without a hook nobody accepts: refused the same way.
    r.decideHostKey = {};
    const auto unanswered = HostOnboarding(data.path()).establish(r);
    QVERIFY(!unanswered.ok());
    QCOMPARE(unanswered.error().kind(), Error::Kind::HostKey);
}

void TestAppOnboarding::acceptedKeyIsPinnedAndKokoasKeyInstalled()
{
    QTemporaryDir data;
    int asked = 0;
    HostOnboarding::Request r = testUserRequest();
    r.decideHostKey = [&](const HostKeyQuestion &q) {
        ++asked;
        return q.fingerprint == m_sshd->hostKeyFingerprint() ? HostKeyDecision::Accept
                                                             : HostKeyDecision::Refuse;
    };
    const auto outcome = HostOnboarding(data.path()).establish(r);
    QVERIFY2(outcome.ok(), qPrintable(outcome.ok() ? QString() : outcome.error().message()));
    QCOMPARE(asked, 1);
    QCOMPARE(outcome->fingerprint, m_sshd->hostKeyFingerprint());
    QVERIFY(outcome->keyInstalled);
    const auto kokoaKey = SshIdentity::loadOrCreate(data.path());
    QVERIFY(kokoaKey.ok());
    QCOMPARE(testUserAuthorizedKeys().count(kokoaKey->publicKeyLine().toLatin1()), 1);
}

void TestAppOnboarding::pinnedKeyIsNotAskedAbout()
{
    QTemporaryDir data;
    HostOnboarding::Request r = testUserRequest();
    r.pinned = m_sshd->hostKeyFingerprint();
    int asked = 0;
    r.decideHostKey = [&](const HostKeyQuestion &) {
        ++asked;
        return HostKeyDecision::Refuse;
    };
    const auto outcome = HostOnboarding(data.path()).establish(r);
    QVERIFY2(outcome.ok(), qPrintable(outcome.ok() ? QString() : outcome.error().message()));
    QCOMPARE(asked, 0);
    QCOMPARE(outcome->fingerprint, m_sshd->hostKeyFingerprint());
}

void TestAppOnboarding::changedKeyAsksWhetherToReplaceThePin()
{
    QTemporaryDir data;
    const QString oldPin = QStringLiteral("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    HostOnboarding::Request r = testUserRequest();
    r.pinned = oldPin;
    const QByteArray before = testUserAuthorizedKeys();
    QList<HostKeyQuestion> asked;
    r.decideHostKey = [&](const HostKeyQuestion &q) {
        asked.append(q);
        return HostKeyDecision::Refuse;
    };
    const auto refused = HostOnboarding(data.path()).establish(r);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind(), Error::Kind::HostKey);
    QCOMPARE(refused.error().field(), QString::fromLatin1(hostKeyField::changed));
    QCOMPARE(refused.error().value(), m_sshd->hostKeyFingerprint());
    QCOMPARE(asked.size(), 1);
    QVERIFY(asked.first().replacesPinned());
    QCOMPARE(asked.first().pinned, oldPin);
    QCOMPARE(testUserAuthorizedKeys(), before);

    r.decideHostKey = [](const HostKeyQuestion &) { return HostKeyDecision::Accept; };
    const auto replaced = HostOnboarding(data.path()).establish(r);
    QVERIFY2(replaced.ok(), qPrintable(replaced.ok() ? QString() : replaced.error().message()));
    QCOMPARE(replaced->fingerprint, m_sshd->hostKeyFingerprint());
}

QTEST_GUILESS_MAIN(TestAppOnboarding)
void TestAppOnboarding::runJob(OnboardingJob &job, std::optional<HostKeyDecision> answer,
                               QList<HostKeyQuestion> &asked)
{
    connect(&job, &OnboardingJob::hostKeyQuestion, &job,
            [&job, &asked, answer](const HostKeyQuestion &q) {
                asked.append(q);
                if (answer)
                    job.answerHostKey(*answer);
            });
    QVERIFY(job.start());
    QVERIFY(!job.start()); // a job runs once
}

void TestAppOnboarding::jobAsksThroughASignalAndAcceptsTheAnswer()
{
    QTemporaryDir data;
    OnboardingJob job(data.path(), testUserRequest());
    QList<HostKeyQuestion> asked;
    runJob(job, HostKeyDecision::Accept, asked);
    QTRY_VERIFY_WITH_TIMEOUT(job.result().has_value(), 20000);
    const auto &outcome = *job.result();
    QVERIFY2(outcome.ok(), qPrintable(outcome.ok() ? QString() : outcome.error().message()));
    QCOMPARE(outcome->fingerprint, m_sshd->hostKeyFingerprint());
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.first().fingerprint, m_sshd->hostKeyFingerprint());
    const auto kokoaKey = SshIdentity::loadOrCreate(data.path());
    QVERIFY(kokoaKey.ok());
    QVERIFY(testUserAuthorizedKeys().contains(kokoaKey->publicKeyLine().toLatin1()));
}

void TestAppOnboarding::jobRefusedKeyInstallsNothing()
{
    QTemporaryDir data;
    const QByteArray before = testUserAuthorizedKeys();
    OnboardingJob job(data.path(), testUserRequest());
    QSignalSpy finished(&job, &OnboardingJob::finished);
    QList<HostKeyQuestion> asked;
    runJob(job, HostKeyDecision::Refuse, asked);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QVERIFY(job.result() && !job.result()->ok());
    QCOMPARE(job.result()->error().kind(), Error::Kind::HostKey);
    QCOMPARE(job.result()->error().value(), m_sshd->hostKeyFingerprint());
    QCOMPARE(asked.size(), 1);
    QCOMPARE(testUserAuthorizedKeys(), before);
}

void TestAppOnboarding::jobCancelledWhileAskingRefuses()
{
    QTemporaryDir data;
    const QByteArray before = testUserAuthorizedKeys();
    OnboardingJob job(data.path(), testUserRequest());
    QList<HostKeyQuestion> asked;
    runJob(job, std::nullopt, asked);
    QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 1, 20000);
    QVERIFY(!job.result()); // still waiting for the answer
    job.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(job.result().has_value(), 20000);
    QVERIFY(!job.result()->ok());
    QCOMPARE(job.result()->error().kind(), Error::Kind::HostKey);
    job.answerHostKey(HostKeyDecision::Accept); // too late: ignored
    QCOMPARE(testUserAuthorizedKeys(), before);
}

void TestAppOnboarding::jobDestroyedWhileAskingReturns()
{
    QTemporaryDir data;
    const QByteArray before = testUserAuthorizedKeys();
    auto job = std::make_unique<OnboardingJob>(data.path(), testUserRequest());
    QList<HostKeyQuestion> asked;
    runJob(*job, std::nullopt, asked);
    QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 1, 20000);
    // The destructor refuses the open question and waits for the work, which
    // then ends at once (Job's rule): no hang, nothing on the host.
    job.reset();
    QCOMPARE(testUserAuthorizedKeys(), before);
}

#include "tst_app_onboarding.moc"
