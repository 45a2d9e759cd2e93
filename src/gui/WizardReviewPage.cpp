#include "gui/WizardReviewPage.h"

#include "app/HostPreview.h"
#include "gui/Session.h"
#include "gui/WizardSupport.h"
#include "store/Store.h"

#include <QApplication>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace kokoa::gui {

WizardReviewPage::WizardReviewPage(Session &session, QWidget *parent)
    : QWizardPage(parent)
    , m_session(session)
    , m_tree(new QTreeWidget(this))
    , m_problem(new QLabel(this))
{
    setObjectName(QStringLiteral("reviewPage"));
    m_tree->setObjectName(QStringLiteral("installTree"));
    m_tree->setColumnCount(2);
    // Long notes widen the first column and the tree scrolls sideways,
    // rather than cutting them off.
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(true);
    m_problem->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tree);
    layout->addWidget(m_problem);
    clearFieldMessage(m_problem);
    retranslate();
}

void WizardReviewPage::initializePage()
{
    reload();
}

bool WizardReviewPage::isComplete() const
{
    return m_renderable;
}

void WizardReviewPage::reload()
{
    m_tree->clear();
    m_renderable = true;
    QStringList problems;
    const Result<Topology> topology = m_session.store().topology();
    if (!topology) {
        m_renderable = false;
        showFieldMessage(m_problem, topology.error().message());
        emit completeChanged();
        return;
    }
    const app::HostPreview preview(m_session.store(), m_session.dataDir());
    const QIcon hostIcon = style()->standardIcon(QStyle::SP_ComputerIcon);
    const QIcon fileIcon = style()->standardIcon(QStyle::SP_FileIcon);
    const QIcon noteIcon = style()->standardIcon(QStyle::SP_MessageBoxInformation);
    const auto addHost = [&](app::HostPreview::Role role, const QString &name,
                             const QString &where) {
        const QString label =
            role == app::HostPreview::Role::Edge ? tr("Edge %1 (%2)") : tr("Origin %1 (%2)");
        auto *host = new QTreeWidgetItem(m_tree, {label.arg(name, where)});
        host->setIcon(0, hostIcon);
        const Result<RenderedHost> rendered = preview.render(role, name);
        if (!rendered) {
            // Not fatal for the review: a host without its WireGuard key yet
            // gets it during the deploy.
            auto *item = new QTreeWidgetItem(host, {rendered.error().message()});
            item->setIcon(0, noteIcon);
            return;
        }
        for (const RenderedFile &f : rendered->files) {
            auto *item = new QTreeWidgetItem(
                host, {f.targetPath, tr("mode %1").arg(QString::number(f.mode, 8))});
            item->setIcon(0, fileIcon);
        }
        for (const QString &w : rendered->warnings) {
            auto *item = new QTreeWidgetItem(host, {w});
            item->setIcon(0, noteIcon);
            item->setToolTip(0, w);
        }
    };
    for (const Origin &o : topology->origins)
        addHost(app::HostPreview::Role::Origin, o.name, o.ssh.toString());
    for (const Edge &e : topology->edges)
        addHost(app::HostPreview::Role::Edge, e.name, e.ssh.toString());

    QStringList edgeNames;
    for (const Edge &e : topology->edges)
        edgeNames.append(e.name);
    auto *dns = new QTreeWidgetItem(m_tree, {tr("DNS")});
    dns->setIcon(0, style()->standardIcon(QStyle::SP_DriveNetIcon));
    for (const Route &r : topology->routes) {
        const Zone *zone = topology->zone(r.zoneName);
        const bool manual = !zone || zone->provider == DnsProvider::Manual;
        new QTreeWidgetItem(dns,
                            {manual ? tr("%1: point it at the edges yourself (%2)")
                                          .arg(r.hostname, edgeNames.join(QStringLiteral(", ")))
                                    : tr("%1 → the healthy edges among %2, with failover")
                                          .arg(r.hostname, edgeNames.join(QStringLiteral(", ")))});
    }
    if (topology->origins.isEmpty())
        problems.append(tr("No origin is set up."));
    if (topology->edges.size() < 2)
        problems.append(tr("Fewer than two edges are set up."));
    if (topology->routes.isEmpty())
        problems.append(tr("No hostname is set up."));
    m_renderable = problems.isEmpty();
    showFieldMessage(m_problem, problems.join(QLatin1Char(' ')));
    m_tree->expandAll();
    m_tree->resizeColumnToContents(1);
    emit completeChanged();
}

void WizardReviewPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWizardPage::changeEvent(event);
}

void WizardReviewPage::retranslate()
{
    setTitle(tr("Review"));
    setSubTitle(tr("What the deploy will install on each host. Nothing has been installed "
                   "yet."));
    m_tree->setHeaderLabels({tr("Host and file"), tr("Details")});
    reload();
}

} // namespace kokoa::gui
