#include "gui/WizardReviewPage.h"

#include "app/HostPreview.h"
#include "app/TaskJob.h"
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

#include <optional>

namespace kokoa::gui {

namespace {

// What the worker hands back for one host: its files and notes, or why it
// cannot be rendered yet.
struct Rendered
{
    std::optional<RenderedHost> host;
    QString problem;
};

} // namespace

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

WizardReviewPage::~WizardReviewPage()
{
    // A render still running is abandoned: its result has nowhere to go.
    if (m_job)
        m_job->cancel();
}

void WizardReviewPage::initializePage()
{
    reload();
}

bool WizardReviewPage::isComplete() const
{
    return m_renderable;
}

// The hosts, the DNS plan and what is missing come from one quick read of
// the configuration; the files each host gets follow from the worker.
void WizardReviewPage::reload()
{
    m_tree->clear();
    m_hosts.clear();
    m_renderable = true;
    QStringList problems;
    const Result<Topology> topology = m_session.store().topology();
    if (!topology) {
        m_renderable = false;
        showFieldMessage(m_problem, topology.error().message());
        emit completeChanged();
        return;
    }
    const QIcon hostIcon = style()->standardIcon(QStyle::SP_ComputerIcon);
    const auto addHost = [&](bool edge, const QString &name, const QString &where) {
        const QString label = edge ? tr("Edge %1 (%2)") : tr("Origin %1 (%2)");
        auto *host = new QTreeWidgetItem(m_tree, {label.arg(name, where)});
        host->setIcon(0, hostIcon);
        new QTreeWidgetItem(host, {tr("Working out the files…")});
        m_hosts.append({edge, name, host});
    };
    for (const Origin &o : topology->origins)
        addHost(false, o.name, o.ssh.toString());
    for (const Edge &e : topology->edges)
        addHost(true, e.name, e.ssh.toString());

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
    render(m_hosts);
}

void WizardReviewPage::render(const QList<HostItem> &hosts)
{
    if (m_job) {
        // A newer configuration or language: the old render's result is dropped.
        TaskJob *old = m_job;
        old->disconnect(this);
        old->cancel();
        connect(old, &TaskJob::finished, old, &QObject::deleteLater);
        m_job = nullptr;
    }
    QList<std::pair<bool, QString>> names;
    for (const HostItem &h : hosts)
        names.append({h.edge, h.name});
    const QString databasePath = m_session.databasePath();
    const QString dataDir = m_session.dataDir();
    auto *job = new TaskJob(
        [databasePath, dataDir, names](const Job::Control &control) -> std::any {
            QList<Rendered> out;
            auto store = Store::open(databasePath);
            for (const auto &[edge, name] : names) {
                if (control.cancelled())
                    break;
                if (!store) {
                    out.append({std::nullopt, store.error().message()});
                    continue;
                }
                const Result<RenderedHost> rendered =
                    app::HostPreview(**store, dataDir)
                        .render(edge ? app::HostPreview::Role::Edge
                                     : app::HostPreview::Role::Origin,
                                name);
                out.append(rendered ? Rendered{*rendered, {}}
                                    : Rendered{std::nullopt, rendered.error().message()});
            }
            return out;
        },
        this);
    m_job = job;
    connect(job, &TaskJob::finished, this, [this, job] {
        const QList<Rendered> *rendered = job->result<QList<Rendered>>();
        job->deleteLater();
        m_job = nullptr;
        if (!rendered || rendered->size() != m_hosts.size())
            return;
        const QIcon fileIcon = style()->standardIcon(QStyle::SP_FileIcon);
        const QIcon noteIcon = style()->standardIcon(QStyle::SP_MessageBoxInformation);
        for (qsizetype i = 0; i < m_hosts.size(); ++i) {
            QTreeWidgetItem *host = m_hosts.at(i).item;
            qDeleteAll(host->takeChildren());
            const Rendered &r = rendered->at(i);
            if (!r.host) {
                // Not fatal for the review: a host without its WireGuard key
                // yet gets it during the deploy.
                auto *item = new QTreeWidgetItem(host, {r.problem});
                item->setIcon(0, noteIcon);
                item->setToolTip(0, r.problem);
                continue;
            }
            for (const RenderedFile &f : r.host->files) {
                auto *item = new QTreeWidgetItem(
                    host, {f.targetPath, tr("mode %1").arg(QString::number(f.mode, 8))});
                item->setIcon(0, fileIcon);
            }
            for (const QString &w : r.host->warnings) {
                auto *item = new QTreeWidgetItem(host, {w});
                item->setIcon(0, noteIcon);
                item->setToolTip(0, w);
            }
        }
        m_tree->expandAll();
        m_tree->resizeColumnToContents(1);
    });
    job->start();
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
