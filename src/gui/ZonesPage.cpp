#include "gui/ZonesPage.h"

#include "gui/Session.h"
#include "gui/ZoneDialog.h"

#include <QPushButton>

namespace kokoa::gui {

QString ZonesPage::providerText(DnsProvider provider)
{
    switch (provider) {
    case DnsProvider::Cloudflare:
        return QStringLiteral("Cloudflare");
    case DnsProvider::Rfc2136:
        return QStringLiteral("RFC 2136");
    case DnsProvider::Manual:
        return tr("manual");
    }
    return {};
}

ZonesPage::ZonesPage(Session &session, QWidget *parent)
    : TablePage(session, parent)
    , m_add(addButton(QStringLiteral("addZone")))
    , m_secret(addButton(QStringLiteral("replaceSecret")))
    , m_remove(addButton(QStringLiteral("removeZone")))
{
    setObjectName(QStringLiteral("zonesPage"));
    actsOnSelection(m_secret);
    actsOnSelection(m_remove);
    connect(m_add, &QPushButton::clicked, this, &ZonesPage::addZone);
    connect(m_secret, &QPushButton::clicked, this, &ZonesPage::replaceSecret);
    connect(m_remove, &QPushButton::clicked, this, &ZonesPage::removeSelected);
    retranslate();
    reload();
}

ZonesPage::~ZonesPage() = default;

void ZonesPage::reload()
{
    const auto zones = app::ZoneService(m_session.store(), m_session.dataDir()).list();
    if (!zones) {
        showError(zones.error().message());
        return;
    }
    showError({});
    m_zones = *zones;
    QList<QStringList> rows;
    QStringList keys;
    for (const auto &[z, present] : m_zones) {
        const QString where = z.provider == DnsProvider::Rfc2136
                                  ? z.providerSettings.value(QStringLiteral("server")).toString()
                                  : z.providerSettings.value(QStringLiteral("api_base")).toString();
        const QString secret = z.secretRef.isEmpty() ? tr("none needed")
                               : present             ? tr("stored")
                                                     : tr("missing");
        rows.append({z.name, providerText(z.provider),
                     where.isEmpty() ? QStringLiteral("—") : where, secret});
        keys.append(z.name);
    }
    setRows(rows, keys);
}

ZoneDialog *ZonesPage::openDialog(std::optional<Zone> forSecret)
{
    auto *dialog = new ZoneDialog(m_session, std::move(forSecret), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (m_check)
        dialog->setCredentialCheck(m_check);
    dialog->open();
    return dialog;
}

ZoneDialog *ZonesPage::addZone()
{
    return openDialog(std::nullopt);
}

ZoneDialog *ZonesPage::replaceSecret()
{
    const QString name = selectedKey();
    for (const auto &listed : std::as_const(m_zones)) {
        if (listed.zone.name == name && listed.zone.provider != DnsProvider::Manual)
            return openDialog(listed.zone);
    }
    if (!name.isEmpty())
        showError(tr("The zone %1 is managed by hand: it has no secret.").arg(name));
    return nullptr;
}

bool ZonesPage::removeSelected()
{
    const QString name = selectedKey();
    if (name.isEmpty())
        return false;
    if (!confirm(tr("Remove the DNS zone %1 and its stored secret?").arg(name)))
        return false;
    const auto removed = app::ZoneService(m_session.store(), m_session.dataDir()).remove(name);
    if (!removed) {
        showError(removed.error().message());
        return false;
    }
    m_session.notifyConfigurationChanged();
    if (removed->secretNotRemoved)
        showError(tr("Zone removed, but its secret file was not: %1")
                      .arg(removed->secretNotRemoved->message()));
    return true;
}

void ZonesPage::retranslate()
{
    setHeaders({tr("DNS zone"), tr("Provider"), tr("Endpoint"), tr("Secret")});
    setEmptyText(tr("No DNS zones yet.\nClick “Add…” and give the zone's provider and an API "
                    "token or TSIG key: Kokoa points your hostnames at the edges through it."));
    m_add->setText(tr("&Add…"));
    m_secret->setText(tr("Replace &secret…"));
    m_remove->setText(tr("&Remove"));
}

} // namespace kokoa::gui
