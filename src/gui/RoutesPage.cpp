#include "gui/RoutesPage.h"

#include "gui/RouteDialog.h"
#include "gui/Session.h"
#include "store/Store.h"

#include <QPushButton>
#include <QTableWidget>

namespace kokoa::gui {

RoutesPage::RoutesPage(Session &session, QWidget *parent)
    : TablePage(session, parent)
    , m_add(addButton(QStringLiteral("addRoute")))
    , m_edit(addButton(QStringLiteral("editRoute")))
    , m_remove(addButton(QStringLiteral("removeRoute")))
{
    setObjectName(QStringLiteral("routesPage"));
    actsOnSelection(m_edit);
    actsOnSelection(m_remove);
    connect(m_add, &QPushButton::clicked, this, &RoutesPage::addRoute);
    connect(m_edit, &QPushButton::clicked, this, &RoutesPage::editSelected);
    connect(m_remove, &QPushButton::clicked, this, &RoutesPage::removeSelected);
    connect(table(), &QTableWidget::cellDoubleClicked, this, &RoutesPage::editSelected);
    retranslate();
    reload();
}

RoutesPage::~RoutesPage() = default;

void RoutesPage::reload()
{
    const Result<Topology> topology = m_session.store().topology();
    if (!topology) {
        showError(topology.error().message());
        return;
    }
    showError({});
    QList<QStringList> rows;
    QStringList keys;
    for (const Route &r : topology->routes) {
        rows.append({r.hostname, r.zoneName, r.originName, QString::number(r.port),
                     r.websocket ? tr("yes") : tr("no"), r.healthPath, toString(r.tls)});
        keys.append(r.hostname);
    }
    setRows(rows, keys);
}

RouteDialog *RoutesPage::addRoute()
{
    auto *dialog = new RouteDialog(m_session, std::nullopt, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

RouteDialog *RoutesPage::editSelected()
{
    const QString hostname = selectedKey();
    const Result<Topology> topology = m_session.store().topology();
    if (hostname.isEmpty() || !topology)
        return nullptr;
    for (const Route &r : topology->routes) {
        if (r.hostname == hostname) {
            auto *dialog = new RouteDialog(m_session, r, this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->open();
            return dialog;
        }
    }
    return nullptr;
}

bool RoutesPage::removeSelected()
{
    const QString hostname = selectedKey();
    if (hostname.isEmpty())
        return false;
    if (!confirm(tr("Remove the hostname %1? The edges stop serving it at the next deploy.")
                     .arg(hostname))) {
        return false;
    }
    if (Status s = m_session.store().removeRoute(hostname); !s) {
        showError(s.error().message());
        return false;
    }
    m_session.notifyConfigurationChanged();
    return true;
}

void RoutesPage::retranslate()
{
    setHeaders({tr("Hostname"), tr("DNS zone"), tr("Origin"), tr("Port"), tr("WebSocket"),
                tr("Health check path"), tr("TLS")});
    setEmptyText(tr("No hostnames yet.\nClick “Add…” to publish a service of your home server "
                    "under a hostname. It needs a DNS zone and an origin first."));
    m_add->setText(tr("&Add…"));
    m_edit->setText(tr("&Change…"));
    m_remove->setText(tr("&Remove"));
}

} // namespace kokoa::gui
