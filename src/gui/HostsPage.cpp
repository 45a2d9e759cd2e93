#include "gui/HostsPage.h"

#include "app/RemovedEdgeCertificates.h"
#include "gui/CertificateRekey.h"
#include "gui/EdgeBurnRunner.h"
#include "gui/EdgeDialog.h"
#include "gui/HostStateText.h"
#include "gui/Session.h"
#include "store/ProviderStore.h"
#include "store/Store.h"

#include <QPushButton>
#include <QTableWidget>

namespace kokoa::gui {

HostsPage::HostsPage(Session &session, Kind kind, QWidget *parent)
    : TablePage(session, parent)
    , m_kind(kind)
    , m_add(addButton(QStringLiteral("addHost")))
    , m_edit(addButton(QStringLiteral("editHost")))
    , m_remove(addButton(QStringLiteral("removeHost")))
    , m_burn(addButton(QStringLiteral("burnEdge")))
    , m_rekey(new CertificateRekey(session, this))
    , m_burner(new EdgeBurnRunner(session, this))
{
    setObjectName(kind == Kind::Edge ? QStringLiteral("edgesPage") : QStringLiteral("originsPage"));
    m_add->hide();
    // An origin has nothing to change that would not need a new first contact.
    m_edit->setVisible(kind == Kind::Edge);
    actsOnSelection(m_edit);
    actsOnSelection(m_remove);
    m_burn->setVisible(kind == Kind::Edge);
    m_burn->setEnabled(false);
    connect(table(), &QTableWidget::itemSelectionChanged, this, &HostsPage::updateBurnButton);
    connect(m_burn, &QPushButton::clicked, this, &HostsPage::burnSelected);
    connect(m_burner, &EdgeBurnRunner::progress, this,
            [this](const QString &text) { showError(tr("Burning: %1…").arg(text)); });
    connect(m_burner, &EdgeBurnRunner::finished, this, &HostsPage::burnFinished);
    connect(m_add, &QPushButton::clicked, this, &HostsPage::addHost);
    connect(m_edit, &QPushButton::clicked, this, &HostsPage::editSelected);
    connect(m_remove, &QPushButton::clicked, this, &HostsPage::removeSelected);
    connect(m_rekey, &CertificateRekey::finished, this,
            [this](bool, const QString &text) { showError(text); });
    if (kind == Kind::Edge)
        connect(table(), &QTableWidget::cellDoubleClicked, this, &HostsPage::editSelected);
    retranslate();
    reload();
}

HostsPage::~HostsPage() = default;

void HostsPage::setAddHostHandler(AddHostHandler handler)
{
    m_addHost = std::move(handler);
    m_add->setVisible(bool(m_addHost));
    retranslate();
}

void HostsPage::addHost()
{
    if (m_addHost)
        m_addHost(m_kind, this);
}

void HostsPage::reload()
{
    const Result<Topology> topology = m_session.store().topology();
    if (!topology) {
        showError(topology.error().message());
        return;
    }
    showError({});
    QList<QStringList> rows;
    QStringList keys;
    if (m_kind == Kind::Edge) {
        for (const Edge &e : topology->edges) {
            QStringList addresses{e.publicIpv4, e.publicIpv6};
            addresses.removeAll(QString());
            rows.append({e.name, e.ssh.toString(), addresses.join(QStringLiteral(", ")),
                         e.tunnelAddress, HostStateText::state(e.state),
                         HostStateText::profile(e.profile)});
            keys.append(e.name);
        }
    } else {
        for (const Origin &o : topology->origins) {
            rows.append({o.name, o.ssh.toString(), o.tunnelAddress, HostStateText::state(o.state)});
            keys.append(o.name);
        }
    }
    setRows(rows, keys);
}

EdgeDialog *HostsPage::editSelected()
{
    const QString name = selectedKey();
    const Result<Topology> topology = m_session.store().topology();
    if (m_kind != Kind::Edge || name.isEmpty() || !topology || !topology->edge(name))
        return nullptr;
    auto *dialog = new EdgeDialog(m_session, *topology->edge(name), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

bool HostsPage::removeSelected()
{
    const QString name = selectedKey();
    if (name.isEmpty())
        return false;
    const QString question =
        m_kind == Kind::Edge
            ? tr("Remove the edge %1? It is taken out of DNS at the next DNS update; the server "
                 "itself is left as it is.")
                  .arg(name)
            : tr("Remove the origin %1? Its hostnames must be removed first.").arg(name);
    if (!confirm(question))
        return false;
    const Status removed = m_kind == Kind::Edge ? m_session.store().removeEdge(name)
                                                : m_session.store().removeOrigin(name);
    if (!removed) {
        showError(removed.error().message());
        return false;
    }
    m_session.notifyConfigurationChanged();
    if (m_kind == Kind::Edge)
        releaseCertificates(name);
    return true;
}

bool HostsPage::isRekeying() const
{
    return m_rekey->isRunning();
}

void HostsPage::releaseCertificates(const QString &edge)
{
    const Result<app::RemovedEdgeCertificates::Released> released =
        app::RemovedEdgeCertificates(m_session.store(), m_session.dataDir()).release(edge);
    if (!released) {
        showError(released.error().message());
        return;
    }
    const QStringList &lineages = released->lineages;
    if (lineages.isEmpty())
        return;
    const QString names = lineages.join(QStringLiteral(", "));
    if (!released->rekeyNow &&
        !confirm(tr("The edge %1 held the private keys of the certificates for %2, and they stay "
                    "on that server. Re-key them now? New keys are made, the certificates are "
                    "issued again and deployed to the remaining edges, and the old ones are "
                    "revoked.")
                     .arg(edge, names))) {
        showError(tr("The certificates for %1 keep their old keys. Re-key them later with "
                     "“kokoactl cert rekey %2 --revoke”.")
                      .arg(names, app::RemovedEdgeCertificates::rekeyArguments(lineages)));
        return;
    }
    showError(tr("Re-keying the certificates for %1…").arg(names));
    m_rekey->start(lineages);
}

Result<QString> HostsPage::replacementProvider(const QString &edge)
{
    ProviderStore providers(m_session.store().database());
    const Result<std::optional<ServerRecord>> server = providers.serverForEdge(edge);
    if (!server)
        return server.error();
    if (server->has_value())
        return (*server)->provider;
    const Result<QList<ProviderRecord>> all = providers.list();
    if (!all)
        return all.error();
    if (all->size() == 1)
        return all->first().name;
    return Error(Error::Kind::InvalidInput,
                 all->isEmpty()
                     ? tr("The edge %1 was added by hand and no VPS provider is set up to replace "
                          "it from. Add one with “kokoactl provider add”.")
                           .arg(edge)
                     : tr("The edge %1 was added by hand: choose the provider its replacement "
                          "comes from with “kokoactl edge burn %1 --provider NAME”.")
                           .arg(edge),
                 QStringLiteral("provider"));
}

bool HostsPage::burnSelected()
{
    const QString name = selectedKey();
    if (m_kind != Kind::Edge || name.isEmpty() || m_burner->isRunning())
        return false;
    const Result<QString> provider = replacementProvider(name);
    if (!provider) {
        showError(provider.error().message());
        return false;
    }
    if (!confirm(tr("Burn the edge %1 and replace it? It leaves DNS, its server is destroyed, "
                    "and a fresh server from %2 takes its place with the same certificates. Use "
                    "this for an edge that is attacked, blocked or dead; the others keep "
                    "serving meanwhile.")
                     .arg(name, *provider)))
        return false;
    app::EdgeBurn::Request request;
    request.edge = name;
    request.provider = *provider;
    const bool started = m_burner->start(request);
    updateBurnButton();
    showError(tr("Burning %1…").arg(name));
    return started;
}

void HostsPage::burnFinished(bool, const QString &text)
{
    m_session.notifyConfigurationChanged();
    updateBurnButton();
    showError(text);
}

// One burn at a time, of the selected edge.
void HostsPage::updateBurnButton()
{
    m_burn->setEnabled(!selectedKey().isEmpty() && !m_burner->isRunning());
}

void HostsPage::retranslate()
{
    if (m_kind == Kind::Edge) {
        setHeaders({tr("Edge"), tr("SSH"), tr("Public IP"), tr("Tunnel address"),
                    tr("Deploy state"), tr("Profile")});
        setEmptyText(m_addHost ? tr("No edges yet.\nClick “Add…” to contact a VPS over SSH and "
                                    "make it an edge. Two or more edges give failover.")
                               : tr("No edges yet.\nAdd one with the setup wizard or with "
                                    "“kokoactl edge add”. Two or more edges give failover."));
    } else {
        setHeaders({tr("Origin"), tr("SSH"), tr("Tunnel address"), tr("Deploy state")});
        setEmptyText(m_addHost ? tr("No origins yet.\nClick “Add…” to contact your home server "
                                    "over SSH.")
                               : tr("No origins yet.\nAdd your home server with the setup "
                                    "wizard or with “kokoactl origin add”."));
    }
    m_add->setText(tr("&Add…"));
    m_edit->setText(tr("&Change…"));
    m_remove->setText(tr("&Remove"));
    m_burn->setText(tr("&Burn and replace…"));
    m_burn->setToolTip(tr("Throw this edge away and put a fresh server in its place"));
}

} // namespace kokoa::gui
