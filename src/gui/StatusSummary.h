#pragma once

#include "app/StatusReport.h"

#include <QCoreApplication>
#include <QIcon>
#include <QSet>
#include <QString>
#include <QStringList>

namespace kokoa::gui {

// What the dashboard and the tray say about a StatusReport as a whole: one
// overall state, what is wrong, and who changes DNS. Pure: the same report
// always gives the same summary, so the tray and the tests agree.
class StatusSummary final
{
    Q_DECLARE_TR_FUNCTIONS(StatusSummary)

public:
    enum class Overall
    {
        Healthy,   // every edge and hostname up (or not yet known)
        Degraded,  // an edge, a hostname on an edge or a DNS change is in trouble
        Outage,    // every edge down, or a hostname no edge serves
        Paused,    // this window's monitoring is paused and nobody else acts
        NotActing, // no monitor holds the DNS lease: failover is off
    };

    // paused: the window's own monitoring is paused by the user.
    static StatusSummary of(const StatusReport &report, bool paused);

    Overall overall() const { return m_overall; }
    const QStringList &downEdges() const { return m_downEdges; }
    const QStringList &unservedHostnames() const { return m_unserved; }
    const QStringList &partialHostnames() const { return m_partial; }
    int heldBack() const { return m_heldBack; }
    const QString &leaseHolder() const { return m_leaseHolder; }
    // What a notification is about: "edge:<name>", "host:<name>"; two
    // summaries with the same problems need no new notification.
    QSet<QString> problems() const;

    // One line for a tray tooltip or a notification title.
    QString headline() const;
    // A few lines: the headline, what is down, who acts.
    QString tooltip() const;

    static QString overallText(Overall overall);
    static QString iconPath(Overall overall);
    // The same QIcon for every call: a new QIcon from a path parses and
    // renders its SVG again, and the tables ask for one per painted cell.
    static QIcon icon(Overall overall);
    // A target's published health as a word and an icon.
    static QString healthText(HealthTracker::State state);
    static QIcon healthIcon(HealthTracker::State state);
    static QString deployText(HostState state);
    // Who holds the DNS lease, for people: "Watchdog (kokoa-watchdog) (pid 12)".
    static QString holderText(const QString &holder);
    static QString componentText(const QString &component);

private:
    Overall m_overall = Overall::Healthy;
    QStringList m_downEdges;
    QStringList m_unserved;
    QStringList m_partial;
    int m_heldBack = 0;
    QString m_leaseHolder;
    int m_edgeCount = 0;
};

} // namespace kokoa::gui
