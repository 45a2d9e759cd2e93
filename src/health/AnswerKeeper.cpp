#include "health/AnswerKeeper.h"

#include "health/ConfigWatcher.h"
#include "health/DnsActuator.h"
#include "health/DnsDriver.h"
#include "health/EventRecorder.h"

#include <algorithm>

namespace kokoa {

namespace {

QString joined(const QSet<QString> &names)
{
    const QStringList list = AnswerBook::sorted(names);
    return list.isEmpty() ? QStringLiteral("none") : list.join(QLatin1Char(','));
}

QString readKey(const QString &zone)
{
    return QStringLiteral("read:") + zone;
}

} // namespace

AnswerKeeper::AnswerKeeper(std::unique_ptr<DnsActuator> actuator, const ConfigWatcher &config,
                           EventRecorder &events, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_events(events)
    , m_clock(clock)
    , m_dns(new DnsDriver(std::move(actuator), this))
{
    connect(m_dns, &DnsDriver::applied, this, &AnswerKeeper::onApplied);
    connect(m_dns, &DnsDriver::answersRead, this, &AnswerKeeper::onAnswersRead);
}

AnswerKeeper::~AnswerKeeper() = default;

void AnswerKeeper::start()
{
    m_running = true;
    m_dns->start();
    read();
}

bool AnswerKeeper::stop(int boundMs)
{
    const bool idle = m_dns->stop(boundMs);
    // The change stop() waited for is recorded (event, answer book) like any
    // other, before the keeper goes quiet; nothing new starts any more.
    if (idle)
        m_dns->deliverPending();
    m_running = false;
    return idle;
}

bool AnswerKeeper::busy() const
{
    return m_dns->busy();
}

const Route *AnswerKeeper::route(const QString &hostname) const
{
    for (const Route &r : m_config.topology().routes) {
        if (r.hostname == hostname)
            return &r;
    }
    return nullptr;
}

void AnswerKeeper::read()
{
    if (m_reading) {
        m_readAgain = true;
        return;
    }
    m_reading = true;
    m_readAgain = false;
    m_nextReadMs = m_clock.nowMs() + qint64(m_config.settings().dnsRefreshSeconds()) * 1000;
    m_dns->read(m_config.topology());
}

void AnswerKeeper::readIfDue()
{
    if (m_clock.nowMs() >= m_nextReadMs)
        read();
}

void AnswerKeeper::apply(const QList<AnswerChange> &changes, int ttl)
{
    for (const AnswerChange &c : changes)
        m_reasons.insert(c.route.hostname, c.reason);
    m_dns->apply(changes, m_config.topology(), ttl);
}

bool AnswerKeeper::mayTry(const Route &route) const
{
    const qint64 now = m_clock.nowMs();
    return m_backoff.mayTry(route.hostname, now) &&
           m_backoff.mayTry(DnsBackoff::zoneKey(route.zoneName), now);
}

void AnswerKeeper::reconfigured()
{
    QSet<QString> hostnames;
    for (const Route &r : m_config.topology().routes)
        hostnames.insert(r.hostname);
    m_book.retain(hostnames);
    // New credentials or zones may fix what failed: try again at once.
    m_backoff.clear();
    m_dns->reset();
    read();
}

void AnswerKeeper::cancelDecided()
{
    m_dns->cancelDecided();
}

void AnswerKeeper::onApplied(const Route &route, const QSet<QString> &desired,
                             const Result<QStringList> &changes)
{
    const QString reason = m_reasons.take(route.hostname);
    // A route removed since the change was posted is no longer ours to track.
    if (!m_running || !this->route(route.hostname))
        return;
    if (!changes && changes.error().kind() == Error::Kind::Cancelled) {
        // Decided under a configuration (or a lease) that has changed since:
        // nothing was written; decide again from what DNS holds now.
        m_events.record(QStringLiteral("dns"), route.hostname, QStringLiteral("update"), reason,
                        changes.error().message());
        read();
        return;
    }
    if (!changes) {
        onApplyFailed(route, reason, changes.error());
    } else {
        m_backoff.succeeded(route.hostname);
        m_backoff.succeeded(DnsBackoff::zoneKey(route.zoneName));
        record(route.hostname, desired);
        m_events.record(QStringLiteral("dns"), route.hostname, QStringLiteral("update"),
                        reason + QStringLiteral(": ") + changes->join(QStringLiteral("; ")),
                        QStringLiteral("ok"));
        emit dnsChanged(route.hostname, *changes);
    }
    emit updated();
}

void AnswerKeeper::onApplyFailed(const Route &route, const QString &reason, const Error &e)
{
    const qint64 now = m_clock.nowMs();
    qint64 retryAt = m_backoff.failed(route.hostname, e, now);
    if (e.kind() == Error::Kind::Refused)
        retryAt = m_backoff.failed(DnsBackoff::zoneKey(route.zoneName), e, now);
    const bool retryable = DnsBackoff::retryable(e);
    const QString pause = tr("paused for %1 min or until the configuration changes")
                              .arg(DnsBackoff::kNotRetryableDelayMs / 60'000);
    m_events.record(QStringLiteral("dns"), route.hostname, QStringLiteral("update"), reason,
                    retryable ? e.message() : tr("%1 (%2)").arg(e.message(), pause));
    if (!retryable) {
        // Failover itself is stuck until someone fixes the credentials or
        // the zone: that is worth an alert, once.
        const QString alert = tr("%1: the DNS provider refused the change (%2); DNS changes for it "
                                 "are %3")
                                  .arg(route.hostname, e.message(), pause);
        m_events.record(QStringLiteral("alert"), QStringLiteral("dns"), QStringLiteral("alert"),
                        alert, QStringLiteral("alert"));
        emit alertRaised(alert);
    }
    // What is in DNS after a failure is uncertain: read it again before the
    // next try. A conflict means it changed under us: read it now.
    m_nextReadMs = std::min(m_nextReadMs, retryAt);
    if (e.kind() == Error::Kind::Conflict)
        read();
}

void AnswerKeeper::onAnswersRead(const QHash<QString, QSet<QString>> &current,
                                 const QSet<QString> &unmanaged,
                                 const QHash<QString, Error> &errors)
{
    m_reading = false;
    if (!m_running)
        return;
    for (auto it = current.begin(); it != current.end(); ++it) {
        const Route *r = route(it.key());
        if (!r)
            continue; // read before a reload removed the route
        m_backoff.succeeded(readKey(r->zoneName));
        if (m_book.loaded() && m_book.contains(it.key()) && m_book.answer(it.key()) != *it) {
            m_events.record(
                QStringLiteral("dns"), it.key(), QStringLiteral("changed elsewhere"),
                tr("expected %1, found %2").arg(joined(m_book.answer(it.key())), joined(*it)),
                QStringLiteral("ok"));
        }
        record(it.key(), *it);
    }
    m_book.setUnmanaged(unmanaged);
    m_book.setLoaded();
    const qint64 now = m_clock.nowMs();
    for (auto it = errors.begin(); it != errors.end(); ++it) {
        const Route *r = route(it.key());
        if (!r)
            continue;
        m_events.record(QStringLiteral("dns"), it.key(), QStringLiteral("read"), QString(),
                        it->message());
        m_nextReadMs = std::min(m_nextReadMs, m_backoff.failed(readKey(r->zoneName), *it, now));
    }
    if (m_readAgain)
        read();
    emit answersRead();
}

void AnswerKeeper::record(const QString &hostname, const QSet<QString> &edges)
{
    if (m_book.set(hostname, edges))
        emit answerChanged(hostname, AnswerBook::sorted(edges));
}

} // namespace kokoa
