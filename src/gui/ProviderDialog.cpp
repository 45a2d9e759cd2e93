#include "gui/ProviderDialog.h"

#include "app/ProviderService.h"
#include "gui/FormLabels.h"
#include "gui/Session.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace kokoa::gui {

namespace {

const QStringList kinds{QStringLiteral("hetzner"), QStringLiteral("digitalocean"),
                        QStringLiteral("vultr"), QStringLiteral("command")};

} // namespace

ProviderDialog::ProviderDialog(Session &session, QWidget *parent)
    : CheckedDialog(session, parent)
    , m_form(new QFormLayout)
    , m_name(new QLineEdit(this))
    , m_kind(new QComboBox(this))
    , m_token(new QLineEdit(this))
    , m_apiBase(new QLineEdit(this))
    , m_location(new QLineEdit(this))
    , m_serverType(new QLineEdit(this))
    , m_image(new QLineEdit(this))
    , m_createCommand(new QLineEdit(this))
    , m_destroyCommand(new QLineEdit(this))
    , m_reservedIp(new QCheckBox(this))
{
    setObjectName(QStringLiteral("providerDialog"));
    setMinimumWidth(560); // room for an API address and the command fields' hints
    m_name->setObjectName(QStringLiteral("providerName"));
    m_kind->setObjectName(QStringLiteral("kind"));
    m_token->setObjectName(QStringLiteral("token"));
    m_token->setEchoMode(QLineEdit::Password);
    m_apiBase->setObjectName(QStringLiteral("apiBase"));
    m_location->setObjectName(QStringLiteral("location"));
    m_serverType->setObjectName(QStringLiteral("serverType"));
    m_image->setObjectName(QStringLiteral("image"));
    m_createCommand->setObjectName(QStringLiteral("createCommand"));
    m_destroyCommand->setObjectName(QStringLiteral("destroyCommand"));
    m_reservedIp->setObjectName(QStringLiteral("reservedIp"));
    for (qsizetype i = 0; i < kinds.size(); ++i)
        m_kind->addItem(QString());
    const QList<QWidget *> fields{m_name,          m_kind,          m_token, m_apiBase,
                                  m_location,      m_serverType,    m_image, m_reservedIp,
                                  m_createCommand, m_destroyCommand};
    for (QWidget *field : fields)
        m_form->addRow(new QLabel(this), field);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(problemLabel());
    layout->addWidget(buttons());
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ProviderDialog::updateKindFields);
    retranslate();
}

ProviderDialog::~ProviderDialog() = default;

QString ProviderDialog::kind() const
{
    return kinds.value(m_kind->currentIndex());
}

// An API provider needs a token and a server template; the command kind
// needs its two programs and nothing else.
void ProviderDialog::updateKindFields()
{
    const bool command = kind() == QLatin1String("command");
    for (QWidget *field : {m_token, m_apiBase, m_location, m_serverType, m_image})
        m_form->setRowVisible(field, !command);
    m_form->setRowVisible(m_createCommand, command);
    m_form->setRowVisible(m_destroyCommand, command);
    // Only DigitalOcean needs it: elsewhere a burned server's own address
    // can be kept.
    m_form->setRowVisible(m_reservedIp, kind() == QLatin1String("digitalocean"));
    adjustSize(); // no empty space where the hidden rows were
    struct Example
    {
        const char *location;
        const char *serverType;
        const char *image;
    };
    const Example example =
        kind() == QLatin1String("digitalocean") ? Example{"fra1", "s-1vcpu-1gb", "debian-12-x64"}
        : kind() == QLatin1String("vultr")      ? Example{"nrt", "vc2-1c-1gb", "2136"}
                                                : Example{"fsn1", "cx22", "debian-12"};
    m_location->setPlaceholderText(tr("e.g. %1").arg(QLatin1String(example.location)));
    m_serverType->setPlaceholderText(tr("e.g. %1").arg(QLatin1String(example.serverType)));
    m_image->setPlaceholderText(tr("e.g. %1").arg(QLatin1String(example.image)));
}

void ProviderDialog::accept()
{
    if (isBusy())
        return;
    const bool command = kind() == QLatin1String("command");
    app::ProviderService::Description d;
    d.name = m_name->text().trimmed();
    d.kind = kind();
    if (command) {
        d.createCommand = m_createCommand->text().trimmed();
        d.destroyCommand = m_destroyCommand->text().trimmed();
    } else {
        d.apiBase = m_apiBase->text().trimmed();
        d.location = m_location->text().trimmed();
        d.serverType = m_serverType->text().trimmed();
        d.image = m_image->text().trimmed();
        d.reservedIp = kind() == QLatin1String("digitalocean") && m_reservedIp->isChecked();
    }
    const Result<ProviderRecord> record = app::ProviderService::recordFrom(d);
    if (!record) {
        refuse(record.error().message());
        return;
    }
    const QByteArray token = command ? QByteArray() : m_token->text().trimmed().toUtf8();
    const QString dataDir = m_session.dataDir();
    const ProviderRecord provider = *record;
    runChecked([dataDir, provider, token](Store &store) {
        return app::ProviderService(store, dataDir).add(provider, token);
    });
}

QString ProviderDialog::waitingText() const
{
    return tr("Asking the provider whether the API token works…");
}

void ProviderDialog::retranslate()
{
    setWindowTitle(tr("Add VPS provider"));
    const QStringList labels{tr("&Name:"),           tr("&Kind:"),           tr("API &token:"),
                             tr("&API address:"),    tr("&Location:"),       tr("Server &type:"),
                             tr("&Image:"),          tr("&Public address:"), tr("&Create command:"),
                             tr("&Destroy command:")};
    labelFormRows(m_form, labels);
    m_kind->setItemText(0, tr("Hetzner Cloud"));
    m_kind->setItemText(1, tr("DigitalOcean"));
    m_kind->setItemText(2, tr("Vultr"));
    m_kind->setItemText(3, tr("Your own commands"));
    m_name->setPlaceholderText(tr("e.g. hetzner-main"));
    m_apiBase->setPlaceholderText(tr("empty: the provider's public API"));
    // The contract is longer than a field: the placeholder names the field,
    // the tooltip says how the program is run.
    m_createCommand->setPlaceholderText(tr("/path/to/create-server"));
    m_createCommand->setToolTip(tr("Run as: PROGRAM SERVER_NAME USER_DATA_FILE. It prints one JSON "
                                   "object {\"id\": …, \"ipv4\": …} once the server boots."));
    m_destroyCommand->setPlaceholderText(tr("/path/to/destroy-server"));
    m_destroyCommand->setToolTip(tr("Run as: PROGRAM ID. Exit status 0 means destroyed."));
    m_reservedIp->setText(tr("A reserved IP for each edge"));
    m_reservedIp->setToolTip(
        tr("A droplet's own address goes with it. A reserved IP (free while assigned) can "
           "move to the edge that replaces a dead one (Burn and replace, keep the address)."));
    updateKindFields();
    showState();
}

} // namespace kokoa::gui
