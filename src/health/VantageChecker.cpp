#include "health/VantageChecker.h"

#include "ssh/SshIdentity.h"
#include "ssh/SshSession.h"

#include <QMutex>

#include <deque>

namespace kokoa {

// Shared by the checker and its probe threads: answers wait here, under the
// mutex, until the checker's thread takes them.
struct VantageRelay
{
    struct Answer
    {
        quint64 generation = 0;
        QString suspect;
        QString from;
        VantageChecker::Reply reply;
    };
    QMutex mutex;
    VantageChecker *target = nullptr;
    std::deque<Answer> answers;
};

VantageChecker::VantageChecker(Probe probe, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_probe(std::move(probe))
    , m_clock(clock)
    , m_relay(std::make_shared<VantageRelay>())
{
    m_relay->target = this;
}

VantageChecker::~VantageChecker()
{
    {
        QMutexLocker lock(&m_relay->mutex);
        m_relay->target = nullptr;
    }
    // A probe still running ends at its own bound.
    for (Asking &a : m_asking)
        a.thread.join();
}

void VantageChecker::reap()
{
    for (auto it = m_asking.begin(); it != m_asking.end();) {
        if (it->done->load()) {
            it->thread.join();
            it = m_asking.erase(it);
        } else {
            ++it;
        }
    }
}

// The vantage's connect to the suspect: long enough for one SYN
// retransmission (Linux waits 1 s) so a lost packet is no verdict, short
// enough that the verdict is in by the time the re-probes reach `fall`.
namespace {
const char *const kVantageConnectTimeout = "1.3";
} // namespace

VantageChecker::Probe VantageChecker::sshProbe(const QString &dataDir)
{
    return [dataDir](const Edge &from, const QString &address) -> Reply {
        const Result<SshIdentity> identity = SshIdentity::loadOrCreate(dataDir);
        if (!identity)
            return {Answer::NoEvidence, identity.error().message()};
        SshSession::Options o;
        o.target = from.ssh;
        o.identityFile = identity->privateKeyFile();
        o.hostKey.pinned = from.sshHostKey;
        // Short: a stopping monitor waits for nothing longer than this.
        o.connectTimeoutMs = 2000;
        Result<std::unique_ptr<SshSession>> s = SshSession::connect(o);
        if (!s)
            return {Answer::NoEvidence, s.error().message()};
        const Result<ExecResult> r =
            (*s)->exec({QStringLiteral("timeout"), QString::fromLatin1(kVantageConnectTimeout),
                        QStringLiteral("bash"), QStringLiteral("-c"),
                        QStringLiteral("exec 3<>\"/dev/tcp/$1/80\""),
                        QStringLiteral("kokoa-vantage"), address},
                       {}, 4000);
        if (!r)
            return {Answer::NoEvidence, r.error().message()};
        return {r->exitCode == 0 ? Answer::Reachable : Answer::Unreachable, QString()};
    };
}

void VantageChecker::check(const Edge &suspect, const QList<Edge> &vantages, qint64 validMs,
                           qint64 maxRefutationMs)
{
    if (m_pending.contains(suspect.name) || vantages.isEmpty())
        return;
    const QString address = suspect.publicIpv4.isEmpty() ? suspect.publicIpv6 : suspect.publicIpv4;
    Pending &p = m_pending[suspect.name];
    p.validMs = validMs;
    p.maxRefutationMs = maxRefutationMs;
    p.asked = int(std::min<qsizetype>(vantages.size(), kMaxVantages));
    reap();
    // Every vantage at once, each on its own thread: the probes wait on the
    // network, not on a core, and a verdict started at the first failed
    // probe must be ready by the fall (a pool sized for two cores asked the
    // third vantage only after one of the first two had answered).
    for (int i = 0; i < p.asked; ++i) {
        auto done = std::make_shared<std::atomic<bool>>(false);
        std::thread thread([relay = m_relay, probe = m_probe, from = vantages.at(i), address,
                            name = suspect.name, generation = m_generation, done] {
            const Reply reply = probe(from, address);
            {
                QMutexLocker lock(&relay->mutex);
                if (relay->target) {
                    relay->answers.push_back({generation, name, from.name, reply});
                    QMetaObject::invokeMethod(relay->target, "takeAnswers", Qt::QueuedConnection);
                }
            }
            done->store(true);
        });
        m_asking.push_back({std::move(thread), std::move(done)});
    }
}

void VantageChecker::takeAnswers()
{
    for (;;) {
        VantageRelay::Answer a;
        {
            QMutexLocker lock(&m_relay->mutex);
            if (m_relay->answers.empty())
                break;
            a = std::move(m_relay->answers.front());
            m_relay->answers.pop_front();
        }
        answered(a.generation, a.suspect, a.from, a.reply);
    }
    reap();
}

void VantageChecker::answered(quint64 generation, const QString &suspect, const QString &from,
                              const Reply &reply)
{
    if (generation != m_generation)
        return; // asked before cancelAll()
    const auto it = m_pending.find(suspect);
    if (it == m_pending.end())
        return; // forgotten meanwhile
    switch (reply.answer) {
    case Answer::Reachable:
        ++it->reachable;
        it->notes.append(tr("from %1: reachable").arg(from));
        break;
    case Answer::Unreachable:
        ++it->unreachable;
        it->notes.append(tr("from %1: unreachable").arg(from));
        break;
    case Answer::NoEvidence:
        ++it->silent;
        it->notes.append(tr("from %1: no answer (%2)").arg(from, reply.detail));
        break;
    }
    if (it->reachable + it->unreachable + it->silent < it->asked)
        return;
    const Pending p = *it;
    m_pending.erase(it);
    decide(suspect, p);
}

void VantageChecker::decide(const QString &suspect, const Pending &p)
{
    // Only a majority of the vantages asked can keep the edge in DNS; a
    // split, silence or a minority acts on what this machine sees.
    const qint64 now = m_clock.nowMs();
    const int quorum = p.asked / 2 + 1;
    const bool refutes = p.reachable >= quorum;
    m_refutationOfEndedStreak.remove(suspect);
    QString summary = p.notes.join(QStringLiteral("; "));
    if (refutes) {
        m_confirmedUntil.remove(suspect);
        m_refutedUntil.insert(suspect, now + p.validMs);
        if (!m_refutedSince.contains(suspect)) {
            m_refutedSince.insert(suspect, now);
            m_refutationLimit.insert(suspect, now + p.maxRefutationMs);
        }
        summary =
            tr("reachable by %1 of %2 vantage(s): %3").arg(p.reachable).arg(p.asked).arg(summary);
    } else {
        m_refutedUntil.remove(suspect);
        m_confirmedUntil.insert(suspect, now + p.validMs);
        summary = tr("down for %1 of %2 vantage(s), no majority reaches it: %3")
                      .arg(p.asked - p.reachable)
                      .arg(p.asked)
                      .arg(summary);
    }
    emit decided(suspect, summary, refutes);
}

bool VantageChecker::confirmedDown(const QString &edge) const
{
    return m_confirmedUntil.value(edge) > m_clock.nowMs() || refutationOutlived(edge);
}

bool VantageChecker::refuted(const QString &edge) const
{
    return checkedRecently(edge) && !m_refutationOfEndedStreak.contains(edge);
}

bool VantageChecker::checkedRecently(const QString &edge) const
{
    return m_refutedUntil.value(edge) > m_clock.nowMs() && !refutationOutlived(edge);
}

bool VantageChecker::refutationOutlived(const QString &edge) const
{
    const auto it = m_refutationLimit.constFind(edge);
    return it != m_refutationLimit.constEnd() && m_clock.nowMs() >= *it;
}

void VantageChecker::cancelAll()
{
    ++m_generation;
    m_pending.clear();
    m_confirmedUntil.clear();
    m_refutedUntil.clear();
    m_refutedSince.clear();
    m_refutationLimit.clear();
    m_refutationOfEndedStreak.clear();
}

void VantageChecker::forget(const QString &edge)
{
    m_pending.remove(edge);
    m_refutedUntil.remove(edge);
    endStreak(edge);
    m_refutationOfEndedStreak.remove(edge);
}

void VantageChecker::endStreak(const QString &edge)
{
    m_confirmedUntil.remove(edge);
    m_refutedSince.remove(edge);
    m_refutationLimit.remove(edge);
    if (m_refutedUntil.contains(edge))
        m_refutationOfEndedStreak.insert(edge);
}

} // namespace kokoa
