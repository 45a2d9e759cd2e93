#include "gui/StatusSummary.h"

#include <QLocale>

namespace kokoa::gui {

namespace {

using State = HealthTracker::State;

// A hostname no edge serves while some edge's state is known: an outage
// for that hostname. With nothing published yet it is not (yet) down.
bool unserved(const StatusReport::HostnameStatus &host)
{
    if (host.perEdge.isEmpty())
        return false;
    for (const StatusReport::RouteOnEdge &r : host.perEdge) {
        if (r.health.state != State::Down)
            return false;
    }
    return true;
}

bool partlyDown(const StatusReport::HostnameStatus &host)
{
    for (const StatusReport::RouteOnEdge &r : host.perEdge) {
        if (r.health.state == State::Down)
            return true;
    }
    return false;
}

QString listed(const QStringList &names)
{
    constexpr int kShown = 5;
    if (names.size() <= kShown)
        return QLocale().createSeparatedList(names);
    return StatusSummary::tr("%1 and %n more", nullptr, int(names.size() - kShown))
        .arg(QLocale().createSeparatedList(names.mid(0, kShown)));
}

} // namespace

StatusSummary StatusSummary::of(const StatusReport &report, bool paused)
{
    StatusSummary s;
    s.m_leaseHolder = report.leaseHolder;
    s.m_heldBack = int(report.dnsHeldBack.size());
    s.m_edgeCount = int(report.edges.size());
    for (const StatusReport::EdgeStatus &e : report.edges) {
        if (e.health.state == State::Down)
            s.m_downEdges.append(e.name);
    }
    for (const StatusReport::HostnameStatus &h : report.hostnames) {
        if (unserved(h))
            s.m_unserved.append(h.hostname);
        else if (partlyDown(h))
            s.m_partial.append(h.hostname);
    }
    if (paused && report.leaseHolder.isEmpty())
        s.m_overall = Overall::Paused;
    else if (report.leaseHolder.isEmpty())
        s.m_overall = Overall::NotActing;
    else if ((s.m_edgeCount > 0 && s.m_downEdges.size() == s.m_edgeCount) ||
             !s.m_unserved.isEmpty())
        s.m_overall = Overall::Outage;
    else if (!s.m_downEdges.isEmpty() || !s.m_partial.isEmpty() || s.m_heldBack > 0)
        s.m_overall = Overall::Degraded;
    else
        s.m_overall = Overall::Healthy;
    return s;
}

QSet<QString> StatusSummary::problems() const
{
    QSet<QString> out;
    for (const QString &e : m_downEdges)
        out.insert(QStringLiteral("edge:") + e);
    for (const QString &h : m_unserved)
        out.insert(QStringLiteral("host:") + h);
    return out;
}

QString StatusSummary::headline() const
{
    return tr("Kokoa: %1").arg(overallText(m_overall));
}

QString StatusSummary::tooltip() const
{
    QStringList lines{headline()};
    if (!m_downEdges.isEmpty())
        lines.append(tr("Edges down: %1").arg(listed(m_downEdges)));
    if (!m_unserved.isEmpty())
        lines.append(tr("Hostnames no edge serves: %1").arg(listed(m_unserved)));
    if (!m_partial.isEmpty())
        lines.append(tr("Hostnames down on some edges: %1").arg(listed(m_partial)));
    if (m_heldBack > 0)
        lines.append(tr("DNS changes held back: %1").arg(m_heldBack));
    lines.append(tr("Changing DNS: %1").arg(holderText(m_leaseHolder)));
    return lines.join(QLatin1Char('\n'));
}

QString StatusSummary::overallText(Overall overall)
{
    switch (overall) {
    case Overall::Healthy:
        return tr("All healthy");
    case Overall::Degraded:
        return tr("Degraded");
    case Overall::Outage:
        return tr("Outage");
    case Overall::Paused:
        return tr("Monitoring paused");
    case Overall::NotActing:
        return tr("Failover off (no process changes DNS)");
    }
    return {};
}

QString StatusSummary::iconPath(Overall overall)
{
    switch (overall) {
    case Overall::Healthy:
        return QStringLiteral(":/icons/state-healthy.svg");
    case Overall::Degraded:
        return QStringLiteral(":/icons/state-degraded.svg");
    case Overall::Outage:
        return QStringLiteral(":/icons/state-outage.svg");
    case Overall::Paused:
        return QStringLiteral(":/icons/state-paused.svg");
    case Overall::NotActing:
        return QStringLiteral(":/icons/state-not-acting.svg");
    }
    return {};
}

QString StatusSummary::healthText(HealthTracker::State state)
{
    switch (state) {
    case State::Up:
        return tr("Up");
    case State::Down:
        return tr("Down");
    case State::Unknown:
        return tr("Not checked yet");
    }
    return {};
}

QIcon StatusSummary::icon(Overall overall)
{
    static const QIcon icons[] = {
        // In the enum's order.
        QIcon(iconPath(Overall::Healthy)),   QIcon(iconPath(Overall::Degraded)),
        QIcon(iconPath(Overall::Outage)),    QIcon(iconPath(Overall::Paused)),
        QIcon(iconPath(Overall::NotActing)),
    };
    return icons[int(overall)];
}

QIcon StatusSummary::healthIcon(HealthTracker::State state)
{
    switch (state) {
    case State::Up:
        return icon(Overall::Healthy);
    case State::Down:
        return icon(Overall::Outage);
    case State::Unknown: {
        static const QIcon unknown(QStringLiteral(":/icons/state-unknown.svg"));
        return unknown;
    }
    }
    return {};
}

QString StatusSummary::deployText(HostState state)
{
    switch (state) {
    case HostState::New:
        return tr("Not deployed");
    case HostState::Bootstrapped:
        return tr("Prepared");
    case HostState::Deployed:
        return tr("Deployed");
    case HostState::Failed:
        return tr("Deploy failed");
    }
    return {};
}

QString StatusSummary::componentText(const QString &component)
{
    if (component == QLatin1String("watchdog"))
        return tr("Watchdog (kokoa-watchdog)");
    if (component == QLatin1String("gui"))
        return tr("Kokoa window");
    if (component == QLatin1String("monitor"))
        return tr("kokoactl monitor");
    return component;
}

QString StatusSummary::holderText(const QString &holder)
{
    if (holder.isEmpty())
        return tr("nobody (failover is off)");
    // The monitor's form: component:pid:random.
    const QStringList parts = holder.split(QLatin1Char(':'));
    if (parts.size() != 3)
        return holder;
    const QString who = componentText(parts.at(0));
    if (parts.at(0) == QLatin1String("gui") &&
        parts.at(1) == QString::number(QCoreApplication::applicationPid()))
        return tr("%1 (this window, pid %2)").arg(who, parts.at(1));
    return tr("%1 (pid %2)").arg(who, parts.at(1));
}

} // namespace kokoa::gui
