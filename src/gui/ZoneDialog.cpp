#include "gui/ZoneDialog.h"

#include "app/ZoneCredentialCheck.h"
#include "gui/FormLabels.h"
#include "gui/Session.h"
#include "store/Store.h"
#include "validate/Validator.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace kokoa::gui {

namespace {

const QList<DnsProvider> providers{DnsProvider::Cloudflare, DnsProvider::Rfc2136,
                                   DnsProvider::Manual};

} // namespace

ZoneDialog::ZoneDialog(Session &session, std::optional<Zone> forSecret, QWidget *parent)
    : CheckedDialog(session, parent)
    , m_forSecret(std::move(forSecret))
    , m_check(&app::ZoneCredentialCheck::run)
    , m_form(new QFormLayout)
    , m_name(new QLineEdit(this))
    , m_provider(new QComboBox(this))
    , m_apiBase(new QLineEdit(this))
    , m_server(new QLineEdit(this))
    , m_tsigName(new QLineEdit(this))
    , m_tsigAlgorithm(new QLineEdit(this))
    , m_secret(new QLineEdit(this))
{
    setObjectName(QStringLiteral("zoneDialog"));
    m_name->setObjectName(QStringLiteral("zoneName"));
    m_provider->setObjectName(QStringLiteral("provider"));
    m_apiBase->setObjectName(QStringLiteral("apiBase"));
    m_server->setObjectName(QStringLiteral("server"));
    m_tsigName->setObjectName(QStringLiteral("tsigName"));
    m_tsigAlgorithm->setObjectName(QStringLiteral("tsigAlgorithm"));
    m_secret->setObjectName(QStringLiteral("secret"));
    m_secret->setEchoMode(QLineEdit::Password);
    for (int i = 0; i < providers.size(); ++i)
        m_provider->addItem(QString());
    const QList<QWidget *> fields{m_name,     m_provider,      m_apiBase, m_server,
                                  m_tsigName, m_tsigAlgorithm, m_secret};
    for (QWidget *field : fields)
        m_form->addRow(new QLabel(this), field);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(problemLabel());
    layout->addWidget(buttons());
    if (m_forSecret) {
        m_name->setText(m_forSecret->name);
        m_name->setReadOnly(true);
        m_provider->setCurrentIndex(int(providers.indexOf(m_forSecret->provider)));
        m_provider->setEnabled(false);
    }
    connect(m_provider, &QComboBox::currentIndexChanged, this, &ZoneDialog::updateProviderFields);
    retranslate();
    updateProviderFields();
}

ZoneDialog::~ZoneDialog() = default;

void ZoneDialog::updateProviderFields()
{
    const DnsProvider provider = providers.value(m_provider->currentIndex());
    const bool cloudflare = provider == DnsProvider::Cloudflare;
    const bool rfc2136 = provider == DnsProvider::Rfc2136;
    const bool secretOnly = m_forSecret.has_value();
    m_form->setRowVisible(m_apiBase, cloudflare && !secretOnly);
    m_form->setRowVisible(m_server, rfc2136 && !secretOnly);
    m_form->setRowVisible(m_tsigName, rfc2136 && !secretOnly);
    m_form->setRowVisible(m_tsigAlgorithm, rfc2136 && !secretOnly);
    m_form->setRowVisible(m_secret, provider != DnsProvider::Manual);
    auto *secretLabel = qobject_cast<QLabel *>(m_form->labelForField(m_secret));
    secretLabel->setText(rfc2136 ? tr("TSIG &key (base64):") : tr("API &token:"));
}

Result<Zone> ZoneDialog::zone() const
{
    if (m_forSecret)
        return *m_forSecret;
    const Result<QString> name =
        Validator::zoneName(QStringLiteral("zone"), m_name->text().trimmed());
    if (!name)
        return name.error();
    app::ZoneService::Description description;
    description.name = *name;
    description.provider = providers.value(m_provider->currentIndex());
    description.apiBase = m_apiBase->text().trimmed();
    description.server = m_server->text().trimmed();
    description.tsigName = m_tsigName->text().trimmed();
    description.tsigAlgorithm = m_tsigAlgorithm->text().trimmed();
    return app::ZoneService::zoneFrom(description);
}

void ZoneDialog::accept()
{
    if (isBusy())
        return;
    const Result<Zone> wanted = zone();
    if (!wanted) {
        refuse(wanted.error().message());
        return;
    }
    const QByteArray secret = m_secret->text().trimmed().toUtf8();
    const QString dataDir = m_session.dataDir();
    const app::ZoneService::CredentialCheck check = m_check;
    const bool replaceSecret = m_forSecret.has_value();
    const Zone zone = *wanted;
    runChecked([dataDir, check, replaceSecret, zone, secret](Store &store) -> Status {
        app::ZoneService service(store, dataDir);
        service.setCredentialCheck(check);
        if (replaceSecret)
            return service.setSecret(zone.name, secret);
        if (Result<Zone> added = service.add(zone, secret); !added)
            return added.error();
        return {};
    });
}

QString ZoneDialog::waitingText() const
{
    return tr("Asking the DNS provider whether the credentials work…");
}

void ZoneDialog::retranslate()
{
    setWindowTitle(m_forSecret ? tr("Replace the secret of %1").arg(m_forSecret->name)
                               : tr("Add DNS zone"));
    const QStringList labels{tr("&Zone:"),     tr("&Provider:"),      tr("&API address:"),
                             tr("&Server:"),   tr("TSIG key &name:"), tr("TSIG &algorithm:"),
                             tr("API &token:")};
    labelFormRows(m_form, labels);
    m_provider->setItemText(0, tr("Cloudflare"));
    m_provider->setItemText(1, tr("RFC 2136 (BIND, Knot, PowerDNS…)"));
    m_provider->setItemText(2, tr("Manual (records are set by hand)"));
    m_name->setPlaceholderText(tr("example.com"));
    m_apiBase->setPlaceholderText(tr("empty: Cloudflare's public API"));
    m_server->setPlaceholderText(tr("HOST or HOST:PORT (port 53 when left out)"));
    m_tsigAlgorithm->setPlaceholderText(tr("empty: hmac-sha256"));
    updateProviderFields();
    showState();
}

} // namespace kokoa::gui
