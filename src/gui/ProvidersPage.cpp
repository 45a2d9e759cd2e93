#include "gui/ProvidersPage.h"

#include "app/ProviderService.h"
#include "gui/ProviderDialog.h"
#include "gui/Session.h"
#include "store/ProviderStore.h"
#include "store/Store.h"

#include <QFileInfo>
#include <QPushButton>

namespace kokoa::gui {

ProvidersPage::ProvidersPage(Session &session, QWidget *parent)
    : TablePage(session, parent)
    , m_add(addButton(QStringLiteral("addProvider")))
    , m_remove(addButton(QStringLiteral("removeProvider")))
{
    setObjectName(QStringLiteral("providersPage"));
    actsOnSelection(m_remove);
    connect(m_add, &QPushButton::clicked, this, &ProvidersPage::addProvider);
    connect(m_remove, &QPushButton::clicked, this, &ProvidersPage::removeSelected);
    retranslate();
    reload();
}

ProvidersPage::~ProvidersPage() = default;

QString ProvidersPage::kindText(const QString &kind)
{
    if (kind == QLatin1String("hetzner"))
        return QStringLiteral("Hetzner Cloud");
    if (kind == QLatin1String("digitalocean"))
        return QStringLiteral("DigitalOcean");
    if (kind == QLatin1String("vultr"))
        return QStringLiteral("Vultr");
    if (kind == QLatin1String("command"))
        return tr("your commands");
    return kind;
}

QString ProvidersPage::templateText(const ProviderRecord &p) const
{
    const auto setting = [&p](const char *key) {
        return p.settings.value(QLatin1String(key)).toString();
    };
    if (p.kind == QLatin1String("command"))
        return tr("create: %1, destroy: %2")
            .arg(QFileInfo(setting("create_command")).fileName(),
                 QFileInfo(setting("destroy_command")).fileName());
    QStringList parts{setting("location"), setting("server_type"), setting("image")};
    if (p.settings.value(QLatin1String("reserved_ip")).toBool())
        parts.append(tr("reserved IP"));
    return parts.join(QStringLiteral(" · "));
}

void ProvidersPage::reload()
{
    const auto providers = app::ProviderService(m_session.store(), m_session.dataDir()).list();
    const auto servers = ProviderStore(m_session.store().database()).servers();
    if (!providers || !servers) {
        showError(!providers ? providers.error().message() : servers.error().message());
        return;
    }
    showError({});
    QList<QStringList> rows;
    QStringList keys;
    for (const ProviderRecord &p : *providers) {
        int live = 0;
        for (const ServerRecord &s : *servers)
            live += s.provider == p.name && s.state != ServerRecord::State::Destroyed ? 1 : 0;
        rows.append({p.name, kindText(p.kind), templateText(p), QString::number(live)});
        keys.append(p.name);
    }
    setRows(rows, keys);
}

ProviderDialog *ProvidersPage::addProvider()
{
    auto *dialog = new ProviderDialog(m_session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

bool ProvidersPage::removeSelected()
{
    const QString name = selectedKey();
    if (name.isEmpty())
        return false;
    if (!confirm(tr("Remove the provider %1 and its stored API token?").arg(name)))
        return false;
    const Status removed =
        app::ProviderService(m_session.store(), m_session.dataDir()).remove(name);
    if (!removed) {
        showError(removed.error().message());
        return false;
    }
    m_session.notifyConfigurationChanged();
    return true;
}

void ProvidersPage::retranslate()
{
    setHeaders(
        {tr("Provider"), tr("Kind"), tr("Template of new servers"), tr("Kokoa's servers there")});
    setEmptyText(tr("No VPS providers yet.\nClick “Add…” and give a Hetzner Cloud, DigitalOcean "
                    "or Vultr API token and the kind of server to make: Kokoa can then create "
                    "edges, and replace a burned one, without you."));
    m_add->setText(tr("&Add…"));
    m_remove->setText(tr("&Remove"));
}

} // namespace kokoa::gui
