#include "gui/RouteDialog.h"

#include "gui/Session.h"
#include "store/Store.h"
#include "validate/Validator.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace kokoa::gui {

namespace {

// As `kokoactl route list` shows a body size: 10m, 512k, …
QString sizeText(qint64 bytes)
{
    if (bytes == 0)
        return QStringLiteral("0");
    for (const auto &[unit, size] :
         {std::pair{'g', qint64(1) << 30}, std::pair{'m', qint64(1) << 20},
          std::pair{'k', qint64(1) << 10}}) {
        if (bytes % size == 0)
            return QString::number(bytes / size) + QLatin1Char(unit);
    }
    return QString::number(bytes);
}

const QList<TlsMode> tlsModes{TlsMode::Http01, TlsMode::Dns01, TlsMode::Off};

} // namespace

RouteDialog::RouteDialog(Session &session, std::optional<Route> existing, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_existing(std::move(existing))
    , m_form(new QFormLayout)
    , m_hostname(addField(QStringLiteral("hostname")))
    , m_origin(new QComboBox(this))
    , m_port(addField(QStringLiteral("port")))
    , m_websocket(new QCheckBox(this))
    , m_healthPath(addField(QStringLiteral("healthPath")))
    , m_timeout(addField(QStringLiteral("timeout")))
    , m_maxBody(addField(QStringLiteral("maxBody")))
    , m_tls(new QComboBox(this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("routeDialog"));
    m_origin->setObjectName(QStringLiteral("origin"));
    m_websocket->setObjectName(QStringLiteral("websocket"));
    m_tls->setObjectName(QStringLiteral("tls"));
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    for (int i = 0; i < tlsModes.size(); ++i)
        m_tls->addItem(QString());
    if (const Result<Topology> topology = m_session.store().topology()) {
        for (const Origin &origin : topology->origins)
            m_origin->addItem(origin.name);
    }
    for (int i = 0; i < 8; ++i)
        m_form->addRow(new QLabel(this), QList<QWidget *>{m_hostname, m_origin, m_port, m_websocket,
                                                          m_healthPath, m_timeout, m_maxBody, m_tls}
                                             .at(i));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    const Route shown = m_existing.value_or(Route{});
    m_hostname->setText(shown.hostname);
    m_hostname->setReadOnly(m_existing.has_value());
    if (m_existing)
        m_origin->setCurrentText(shown.originName);
    m_port->setText(shown.port ? QString::number(shown.port) : QString());
    m_websocket->setChecked(shown.websocket);
    m_healthPath->setText(shown.healthPath);
    m_timeout->setText(QString::number(shown.timeoutSeconds));
    m_maxBody->setText(sizeText(shown.maxBodyBytes));
    m_tls->setCurrentIndex(int(tlsModes.indexOf(shown.tls)));

    connect(m_buttons, &QDialogButtonBox::accepted, this, &RouteDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &RouteDialog::reject);
    connect(m_origin, &QComboBox::currentIndexChanged, this, &RouteDialog::validate);
    // As `route add --websocket` does: the other mode's default timeout
    // follows the switch while the timeout is still the default.
    connect(m_websocket, &QCheckBox::toggled, this, [this](bool on) {
        const int oldDefault =
            on ? Route::defaultTimeoutSeconds : Route::defaultWebsocketTimeoutSeconds;
        if (m_timeout->text() == QString::number(oldDefault)) {
            m_timeout->setText(QString::number(on ? Route::defaultWebsocketTimeoutSeconds
                                                  : Route::defaultTimeoutSeconds));
        }
        validate();
    });
    retranslate();
    validate();
}

RouteDialog::~RouteDialog() = default;

QLineEdit *RouteDialog::addField(const QString &objectName)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(objectName);
    connect(edit, &QLineEdit::textChanged, this, &RouteDialog::validate);
    return edit;
}

Result<Route> RouteDialog::route() const
{
    Route r = m_existing.value_or(Route{});
    // Field names are the CLI's option names, so the messages are its own.
    const Result<QString> hostname = Validator::hostname(
        QStringLiteral("hostname"), m_hostname->text().trimmed(), Validator::Wildcard::Allowed);
    if (!hostname)
        return hostname.error();
    r.hostname = *hostname;
    if (m_origin->currentText().isEmpty()) {
        return Error(Error::Kind::InvalidInput,
                     tr("origin: add an origin (home server) before its hostnames"),
                     QStringLiteral("origin"));
    }
    r.originName = m_origin->currentText();
    const Result<quint16> port = Validator::port(QStringLiteral("port"), m_port->text().trimmed());
    if (!port)
        return port.error();
    r.port = *port;
    r.websocket = m_websocket->isChecked();
    const Result<QString> path =
        Validator::healthPath(QStringLiteral("health-path"), m_healthPath->text().trimmed());
    if (!path)
        return path.error();
    r.healthPath = *path;
    const Result<int> timeout =
        Validator::timeoutSeconds(QStringLiteral("timeout"), m_timeout->text().trimmed());
    if (!timeout)
        return timeout.error();
    r.timeoutSeconds = *timeout;
    const Result<qint64> size =
        Validator::bodySize(QStringLiteral("max-body"), m_maxBody->text().trimmed());
    if (!size)
        return size.error();
    r.maxBodyBytes = *size;
    r.tls = tlsModes.value(m_tls->currentIndex(), TlsMode::Http01);
    return r;
}

QString RouteDialog::problem() const
{
    const Result<Route> r = route();
    return r ? QString() : r.error().message();
}

void RouteDialog::validate()
{
    const QString text = problem();
    m_problem->setText(text);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(text.isEmpty());
}

void RouteDialog::accept()
{
    const Result<Route> wanted = route();
    if (!wanted) {
        m_problem->setText(wanted.error().message());
        return;
    }
    Status stored;
    if (m_existing) {
        const Result<Updated<Route>> updated = m_session.store().updateRoute(*wanted);
        if (!updated)
            stored = updated.error();
    } else {
        const Result<Route> added = m_session.store().addRoute(*wanted);
        if (!added)
            stored = added.error();
    }
    if (!stored) {
        m_problem->setText(stored.error().message());
        return;
    }
    m_session.notifyConfigurationChanged();
    QDialog::accept();
}

void RouteDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        validate();
    }
    QDialog::changeEvent(event);
}

void RouteDialog::retranslate()
{
    setWindowTitle(m_existing ? tr("Change hostname %1").arg(m_existing->hostname)
                              : tr("Add hostname"));
    const QStringList labels{tr("&Hostname:"),
                             tr("&Origin:"),
                             tr("&Port:"),
                             tr("&WebSocket:"),
                             tr("&Health check path:"),
                             tr("&Timeout (s):"),
                             tr("Maximum &body size:"),
                             tr("TL&S:")};
    for (int i = 0; i < labels.size(); ++i) {
        auto *label = qobject_cast<QLabel *>(m_form->itemAt(i, QFormLayout::LabelRole)->widget());
        label->setText(labels.at(i));
        label->setBuddy(m_form->itemAt(i, QFormLayout::FieldRole)->widget());
    }
    m_hostname->setPlaceholderText(tr("www.example.com"));
    m_port->setPlaceholderText(tr("port of the service on the origin, e.g. 8080"));
    m_websocket->setText(tr("The service uses WebSocket"));
    m_maxBody->setToolTip(tr("e.g. 10m, 512k; 0 for no limit"));
    m_tls->setItemText(0, tr("Certificate by HTTP-01"));
    m_tls->setItemText(1, tr("Certificate by DNS-01"));
    m_tls->setItemText(2, tr("No TLS"));
}

} // namespace kokoa::gui
