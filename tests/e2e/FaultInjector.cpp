#include "FaultInjector.h"

#include "KokoaInWorld.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QSaveFile>
#include <QThread>

#include <algorithm>

namespace {

QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

QString serviceName(const QString &port)
{
    return port == QLatin1String("8081") ? s("service-a from origin") : s("service-b from origin");
}

} // namespace

QString FaultInjector::name(Kind kind)
{
    switch (kind) {
    case Kind::LinkDown:
        return s("link down");
    case Kind::LinkFlap:
        return s("link flap");
    case Kind::NginxStop:
        return s("nginx stopped");
    case Kind::TunnelBreak:
        return s("tunnel broken");
    case Kind::OriginStop:
        return s("origin service stopped");
    case Kind::Api429:
        return s("API 429");
    case Kind::Api5xx:
        return s("API 5xx");
    case Kind::ApiLatency:
        return s("API latency");
    case Kind::WatchdogKill:
        return s("watchdog kill -9");
    }
    return {};
}

QString FaultInjector::Fault::describe() const
{
    return target.isEmpty() ? name(kind) : name(kind) + s(" (") + target + s(")");
}

FaultInjector::FaultInjector(const NetWorld &world, QString controlFile, QRandomGenerator &random)
    : m_world(world)
    , m_controlFile(std::move(controlFile))
    , m_random(random)
{}

int FaultInjector::totalInjected() const
{
    int total = 0;
    for (const int n : m_injected)
        total += n;
    return total;
}

bool FaultInjector::injectRandom(Fault *fault, QString *error)
{
    // A few tries to find a fault that is not already active.
    for (int attempt = 0; attempt < 20; ++attempt) {
        Fault f{Kind(m_random.bounded(kindCount)), {}};
        switch (f.kind) {
        case Kind::LinkDown:
        case Kind::LinkFlap:
        case Kind::NginxStop:
        case Kind::TunnelBreak:
            f.target = m_edges.at(m_random.bounded(int(m_edges.size())));
            break;
        case Kind::OriginStop:
            f.target = m_random.bounded(2) ? s("8081") : s("8082");
            break;
        default:
            break;
        }
        const bool clash = std::any_of(m_active.cbegin(), m_active.cend(), [&](const Fault &a) {
            const bool apiBoth =
                int(a.kind) >= int(Kind::Api429) && int(a.kind) <= int(Kind::ApiLatency) &&
                int(f.kind) >= int(Kind::Api429) && int(f.kind) <= int(Kind::ApiLatency);
            return apiBoth || (a.kind == f.kind && a.target == f.target);
        });
        if (clash)
            continue;
        *fault = f;
        return inject(f, error);
    }
    *fault = Fault{Kind::LinkFlap, m_edges.value(0)};
    return inject(*fault, error);
}

bool FaultInjector::inject(const Fault &f, QString *error)
{
    ++m_injected[name(f.kind)];
    bool ok = true;
    switch (f.kind) {
    case Kind::LinkDown:
        ok = m_world.setLink(f.target, false);
        break;
    case Kind::LinkFlap:
        return flap(f.target, error); // over when it returns: nothing to restore
    case Kind::NginxStop:
        ok = exec(f.target, {s("nginx"), s("-s"), s("stop")}, error);
        break;
    case Kind::TunnelBreak:
        ok = exec(f.target,
                  {s("nft"), s("insert"), s("rule"), s("inet"), s("kokoa"), s("input"), s("udp"),
                   s("dport"), s("51820"), s("drop")},
                  error);
        break;
    case Kind::OriginStop:
        ok = exec(
            s("origin"),
            {s("sh"), s("-c"),
             s("pid=$(ss -Htlnp \"sport = :$1\" | sed -n 's/.*pid=\\([0-9]*\\).*/\\1/p' | head -1);"
               " [ -n \"$pid\" ] && kill \"$pid\""),
             s("stop"), f.target},
            error);
        break;
    case Kind::Api429:
        ok = control("fail429 1000000 1", error);
        break;
    case Kind::Api5xx:
        ok = control(m_random.bounded(2) ? "fail5xx 1000000 503" : "fail5xx 1000000 500", error);
        break;
    case Kind::ApiLatency:
        ok = control("latency " + QByteArray::number(500 + m_random.bounded(2500)), error);
        break;
    case Kind::WatchdogKill: {
        const qint64 pid = watchdogPid();
        ok = pid > 0 && exec(s("desk"), {s("kill"), s("-KILL"), QString::number(pid)}, error);
        break;
    }
    }
    if (!ok && error->isEmpty())
        *error = s("could not inject ") + f.describe();
    if (ok)
        m_active.append(f);
    return ok;
}

bool FaultInjector::flap(const QString &edge, QString *error)
{
    // Down and up two to four times, 0.3 to 2 s each way: shorter than a
    // failover, longer than one probe.
    const int times = 2 + m_random.bounded(3);
    for (int i = 0; i < times; ++i) {
        if (!m_world.setLink(edge, false)) {
            *error = s("link flap: cannot pull the cable of ") + edge;
            return false;
        }
        QThread::msleep(300 + m_random.bounded(1700));
        if (!m_world.setLink(edge, true)) {
            *error = s("link flap: cannot plug the cable of ") + edge;
            return false;
        }
        QThread::msleep(300 + m_random.bounded(1700));
    }
    return true;
}

bool FaultInjector::restore(const Fault &f, QString *error)
{
    bool ok = true;
    switch (f.kind) {
    case Kind::LinkDown:
        ok = m_world.setLink(f.target, true);
        break;
    case Kind::LinkFlap:
        break;
    case Kind::NginxStop:
        ok = exec(f.target, {s("nginx")}, error);
        break;
    case Kind::TunnelBreak:
        ok = exec(f.target, {s("nft"), s("-f"), s("/etc/nftables.d/kokoa.nft")}, error);
        break;
    case Kind::OriginStop:
        ok = exec(s("origin"),
                  {s("setsid"), s("-f"), s("/run/kokoa-world/e2e_http_service"), f.target,
                   serviceName(f.target)},
                  error);
        break;
    case Kind::Api429:
    case Kind::Api5xx:
    case Kind::ApiLatency:
        ok = control("clear", error);
        break;
    case Kind::WatchdogKill: {
        const QString started = startWatchdog();
        ok = started.isEmpty();
        if (!ok)
            *error = s("restarting the watchdog: ") + started;
        break;
    }
    }
    if (!ok && error->isEmpty())
        *error = s("could not repair ") + f.describe();
    return ok;
}

bool FaultInjector::restoreAll(QString *error)
{
    bool ok = true;
    // Newest first, so a repair never depends on a fault injected after it.
    while (!m_active.isEmpty()) {
        QString why;
        if (!restore(m_active.takeLast(), &why)) {
            ok = false;
            *error += why + u'\n';
        }
    }
    return ok;
}

bool FaultInjector::control(const QByteArray &command, QString *error)
{
    QSaveFile f(m_controlFile);
    if (!f.open(QIODevice::WriteOnly) || f.write(command + '\n') < 0 || !f.commit()) {
        *error = s("cannot write the emulator's control file ") + m_controlFile;
        return false;
    }
    // Applied within 100 ms; the file disappears then.
    QDeadlineTimer deadline(5000);
    while (QFile::exists(m_controlFile) && !deadline.hasExpired())
        QThread::msleep(50);
    if (QFile::exists(m_controlFile)) {
        *error =
            s("the Cloudflare emulator did not take the command ") + QString::fromLatin1(command);
        return false;
    }
    return true;
}

bool FaultInjector::exec(const QString &host, const QStringList &args, QString *error) const
{
    const NetWorld::ExecResult r = m_world.exec(host, args);
    if (!r.ok())
        *error = host + s(": ") + args.join(u' ') + s(": ") + r.describe();
    return r.ok();
}

QString FaultInjector::startWatchdog()
{
    ++m_watchdogStarts;
    return KokoaInWorld::startInDesk(m_world, "kokoa-watchdog", {},
                                     s("/tmp/soak-watchdog-%1.log").arg(m_watchdogStarts));
}

qint64 FaultInjector::watchdogPid() const
{
    const NetWorld::ExecResult r =
        m_world.exec(s("desk"), {s("pgrep"), s("-x"), s("kokoa-watchdog")});
    return r.ok() ? r.out.split('\n').value(0).trimmed().toLongLong() : 0;
}

qint64 FaultInjector::watchdogRssKb() const
{
    const qint64 pid = watchdogPid();
    if (pid <= 0)
        return 0;
    const NetWorld::ExecResult r =
        m_world.exec(s("desk"), {s("cat"), s("/proc/%1/status").arg(pid)});
    for (const QByteArray &line : r.out.split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

QString FaultInjector::watchdogLogs() const
{
    QString out;
    for (int i = 1; i <= m_watchdogStarts; ++i) {
        const QString path = s("/tmp/soak-watchdog-%1.log").arg(i);
        out += s("--- ") + path + u'\n' +
               QString::fromUtf8(m_world.exec(s("desk"), {s("tail"), s("-n"), s("400"), path}).out);
    }
    return out;
}
