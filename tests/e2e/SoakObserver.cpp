#include "SoakObserver.h"

#include <QDeadlineTimer>
#include <QMutexLocker>

namespace {

QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

constexpr int pollIntervalMs = 200;
constexpr int keptViolations = 40;

QString show(const QSet<QString> &set)
{
    QStringList list(set.cbegin(), set.cend());
    list.sort();
    return u'{' + list.join(u',') + u'}';
}

} // namespace

SoakObserver::SoakObserver(const NetWorld &world, QString dnsAddress)
    : m_world(world)
    , m_dns(std::move(dnsAddress))
{
    m_clock.start();
}

SoakObserver::~SoakObserver()
{
    stop();
    wait();
}

void SoakObserver::watch(const QString &hostname, const QSet<QString> &foreign)
{
    QMutexLocker lock(&m_mutex);
    if (!m_hostnames.contains(hostname))
        m_hostnames.append(hostname);
    m_foreign.insert(hostname, foreign);
}

void SoakObserver::forbid(const QString &address, const QString &why)
{
    QMutexLocker lock(&m_mutex);
    m_forbidden.insert(address, Forbidden{why, m_clock.elapsed()});
}

void SoakObserver::stop()
{
    QMutexLocker lock(&m_mutex);
    m_stop = true;
    m_polled.wakeAll();
}

void SoakObserver::run()
{
    for (;;) {
        const qint64 started = m_clock.elapsed();
        {
            QMutexLocker lock(&m_mutex);
            if (m_stop)
                return;
        }
        poll();
        // Pacing, not synchronisation: the next poll is due 200 ms after this one began.
        const qint64 spent = m_clock.elapsed() - started;
        if (spent < pollIntervalMs)
            QThread::msleep(quint64(pollIntervalMs - spent));
    }
}

void SoakObserver::poll()
{
    const qint64 began = m_clock.elapsed();
    QStringList hostnames;
    {
        QMutexLocker lock(&m_mutex);
        hostnames = m_hostnames;
    }
    if (hostnames.isEmpty())
        return;
    // One process for all names: "== name", the addresses, "rc N".
    QString script;
    for (const QString &h : std::as_const(hostnames)) {
        script += s("echo '== ") + h + s("'; dig +short +time=1 +tries=1 @") + m_dns + u' ' + h +
                  s(" A; echo \"rc $?\"; ");
    }
    const NetWorld::ExecResult r = m_world.exec(s("client"), {s("sh"), s("-c"), script}, {}, 15000);
    const qint64 at = m_clock.elapsed();

    Answers now;
    QSet<QString> failed;
    QString current;
    for (const QByteArray &raw : r.out.split('\n')) {
        const QString line = QString::fromLatin1(raw.trimmed());
        if (line.startsWith(s("== "))) {
            current = line.mid(3);
            now.insert(current, {});
        } else if (line.startsWith(s("rc "))) {
            if (line != s("rc 0"))
                failed.insert(current);
        } else if (!line.isEmpty() && !current.isEmpty()) {
            now[current].insert(line);
        }
    }
    for (const QString &h : std::as_const(hostnames)) {
        if (!now.contains(h))
            failed.insert(h);
    }
    for (const QString &h : std::as_const(failed))
        now.remove(h);

    QMutexLocker lock(&m_mutex);
    ++m_figures.polls;
    m_figures.digFailures += failed.size();
    for (auto it = now.cbegin(); it != now.cend(); ++it) {
        if (m_answers.contains(it.key()) && m_answers.value(it.key()) != it.value())
            ++m_figures.dnsChanges;
        m_answers.insert(it.key(), it.value());
    }
    m_lastPollMs = at;
    m_lastPollBeganMs = began;
    check(now, began, at);
    m_polled.wakeAll();
}

void SoakObserver::check(const Answers &now, qint64 beganMs, qint64 atMs)
{
    for (auto it = now.cbegin(); it != now.cend(); ++it) {
        const QString &h = it.key();
        const QSet<QString> &a = it.value();
        if (a.isEmpty())
            violation(s("hostname empty"), h + s(" has no A record"), atMs);
        for (auto f = m_forbidden.cbegin(); f != m_forbidden.cend(); ++f) {
            if (beganMs >= f.value().sinceMs && a.contains(f.key())) {
                violation(s("removed edge published"),
                          h + s(" publishes ") + f.key() + s(" (") + f.value().why + s("): ") +
                              show(a),
                          atMs);
            }
        }
        const QSet<QString> foreign = m_foreign.value(h);
        for (const QString &f : foreign) {
            if (!a.contains(f))
                violation(s("foreign record touched"),
                          h + s(": foreign ") + f + s(" is gone: ") + show(a), atMs);
        }
    }
}

void SoakObserver::violation(const QString &rule, const QString &text, qint64 atMs)
{
    ++m_figures.violationCount;
    ++m_figures.violationsByRule[rule];
    // The first ones tell the story; after that only the count grows, and a
    // violation repeated poll after poll is kept once.
    const QString line =
        QString::asprintf("%8.1f s  %s: ", double(atMs) / 1000.0, qPrintable(rule)) + text;
    if (m_figures.violations.size() < keptViolations && !m_violationTexts.contains(text)) {
        m_violationTexts.insert(text);
        m_figures.violations.append(line);
    }
}

bool SoakObserver::waitUntil(const std::function<bool(const Answers &)> &done, int timeoutMs,
                             qint64 *atMs)
{
    QDeadlineTimer deadline(timeoutMs);
    const qint64 from = m_clock.elapsed();
    QMutexLocker lock(&m_mutex);
    for (;;) {
        // Only a poll that began after the call counts: an older one may
        // predate the change being waited for.
        if (m_lastPollBeganMs >= from && done(m_answers)) {
            if (atMs)
                *atMs = m_lastPollMs;
            return true;
        }
        if (m_stop || deadline.hasExpired())
            return false;
        m_polled.wait(&m_mutex, deadline);
    }
}

SoakObserver::Answers SoakObserver::answers() const
{
    QMutexLocker lock(&m_mutex);
    return m_answers;
}

SoakObserver::Figures SoakObserver::figures() const
{
    QMutexLocker lock(&m_mutex);
    return m_figures;
}
