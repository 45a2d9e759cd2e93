#include "gui/WizardDonePage.h"

#include "app/HealthView.h"
#include "gui/Session.h"
#include "store/Store.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace kokoa::gui {

WizardDonePage::WizardDonePage(Session &session, QWidget *parent)
    : QWizardPage(parent)
    , m_session(session)
    , m_tree(new QTreeWidget(this))
    , m_note(new QLabel(this))
{
    setObjectName(QStringLiteral("donePage"));
    m_tree->setObjectName(QStringLiteral("healthTree"));
    m_tree->setColumnCount(2);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_note->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tree);
    layout->addWidget(m_note);
    retranslate();
}

void WizardDonePage::initializePage()
{
    reload();
}

void WizardDonePage::reload()
{
    m_tree->clear();
    const QIcon good = style()->standardIcon(QStyle::SP_DialogApplyButton);
    const QIcon bad = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    const QIcon unknown = style()->standardIcon(QStyle::SP_MessageBoxQuestion);
    const auto healthText = [&](const StatusReport::TargetHealth &h, QIcon *icon) {
        switch (h.state) {
        case HealthTracker::State::Up:
            *icon = good;
            return tr("up");
        case HealthTracker::State::Down:
            *icon = bad;
            return h.detail.isEmpty() ? tr("down") : tr("down: %1").arg(h.detail);
        case HealthTracker::State::Unknown:
            break;
        }
        *icon = unknown;
        return tr("not checked yet");
    };
    const auto deployText = [&](HostState s, QIcon *icon) {
        switch (s) {
        case HostState::Deployed:
            *icon = good;
            return tr("deployed");
        case HostState::Failed:
            *icon = bad;
            return tr("deploy failed");
        case HostState::New:
        case HostState::Bootstrapped:
            break;
        }
        *icon = unknown;
        return tr("not deployed");
    };

    const Result<Topology> topology = m_session.store().topology();
    Result<StatusReport> report = HealthView(m_session.store()).report();
    auto *origins = new QTreeWidgetItem(m_tree, {tr("Origins")});
    auto *edges = new QTreeWidgetItem(m_tree, {tr("Edges")});
    auto *hostnames = new QTreeWidgetItem(m_tree, {tr("Hostnames")});
    if (topology) {
        for (const Origin &o : topology->origins) {
            QIcon icon;
            auto *item = new QTreeWidgetItem(origins, {o.name, deployText(o.state, &icon)});
            item->setIcon(1, icon);
        }
        for (const Edge &e : topology->edges) {
            QIcon deployIcon;
            QString state = deployText(e.state, &deployIcon);
            QIcon icon = deployIcon;
            if (const StatusReport::EdgeStatus *s = report ? report->edge(e.name) : nullptr;
                s && s->health.state != HealthTracker::State::Unknown)
                state += QStringLiteral(", ") + healthText(s->health, &icon);
            auto *item = new QTreeWidgetItem(edges, {e.name, state});
            item->setIcon(1, icon);
        }
    }
    if (report) {
        for (const StatusReport::HostnameStatus &h : report->hostnames) {
            QString state =
                h.dnsEdges.isEmpty()
                    ? tr("not checked yet")
                    : tr("DNS answers with %1").arg(h.dnsEdges.join(QStringLiteral(", ")));
            QIcon icon = h.dnsEdges.isEmpty() ? unknown : good;
            for (const StatusReport::RouteOnEdge &r : h.perEdge) {
                if (r.health.state == HealthTracker::State::Down) {
                    icon = bad;
                    state += QStringLiteral("; ") + tr("down on %1").arg(r.edge);
                }
            }
            auto *item = new QTreeWidgetItem(hostnames, {h.hostname, state});
            item->setIcon(1, icon);
        }
    }
    m_tree->expandAll();
    m_tree->resizeColumnToContents(1);
    m_note->setText(tr("Health is checked by the monitor: it runs while the main window is "
                       "open, or all the time once the watchdog service is installed "
                       "(Settings). Until it has run, health shows as not checked yet."));
}

void WizardDonePage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWizardPage::changeEvent(event);
}

void WizardDonePage::retranslate()
{
    setTitle(tr("Done"));
    setSubTitle(tr("Kokoa is set up. This is the state of everything as far as it is known."));
    m_tree->setHeaderLabels({tr("Name"), tr("State")});
    reload();
}

} // namespace kokoa::gui
