#include "gui/RouteDialog.h"

#include "gui/Session.h"
#include "store/Store.h"
#include "ui_RouteDialog.h"
#include "validate/Validator.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

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
    , m_ui(std::make_unique<Ui::RouteDialog>())
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("routeDialog"));
    if (const Result<Topology> topology = m_session.store().topology()) {
        for (const Origin &origin : topology->origins)
            m_ui->origin->addItem(origin.name);
    }
    const Route shown = m_existing.value_or(Route{});
    m_ui->hostname->setText(shown.hostname);
    m_ui->hostname->setReadOnly(m_existing.has_value());
    if (m_existing)
        m_ui->origin->setCurrentText(shown.originName);
    m_ui->port->setText(shown.port ? QString::number(shown.port) : QString());
    m_ui->websocket->setChecked(shown.websocket);
    m_ui->healthPath->setText(shown.healthPath);
    m_ui->timeout->setText(QString::number(shown.timeoutSeconds));
    m_ui->maxBody->setText(sizeText(shown.maxBodyBytes));
    m_ui->tls->setCurrentIndex(int(tlsModes.indexOf(shown.tls)));

    for (QLineEdit *edit :
         {m_ui->hostname, m_ui->port, m_ui->healthPath, m_ui->timeout, m_ui->maxBody}) {
        connect(edit, &QLineEdit::textChanged, this, &RouteDialog::validate);
    }
    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, &RouteDialog::accept);
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &RouteDialog::reject);
    connect(m_ui->origin, &QComboBox::currentIndexChanged, this, &RouteDialog::validate);
    // As `route add --websocket` does: the other mode's default timeout
    // follows the switch while the timeout is still the default.
    connect(m_ui->websocket, &QCheckBox::toggled, this, [this](bool on) {
        const int oldDefault =
            on ? Route::defaultTimeoutSeconds : Route::defaultWebsocketTimeoutSeconds;
        if (m_ui->timeout->text() == QString::number(oldDefault)) {
            m_ui->timeout->setText(QString::number(on ? Route::defaultWebsocketTimeoutSeconds
                                                      : Route::defaultTimeoutSeconds));
        }
        validate();
    });
    retranslate();
    validate();
}

RouteDialog::~RouteDialog() = default;

Result<Route> RouteDialog::route() const
{
    Route r = m_existing.value_or(Route{});
    // Field names are the CLI's option names, so the messages are its own.
    const Result<QString> hostname = Validator::hostname(
        QStringLiteral("hostname"), m_ui->hostname->text().trimmed(), Validator::Wildcard::Allowed);
    if (!hostname)
        return hostname.error();
    r.hostname = *hostname;
    if (m_ui->origin->currentText().isEmpty()) {
        return Error(Error::Kind::InvalidInput,
                     tr("origin: add an origin (home server) before its hostnames"),
                     QStringLiteral("origin"));
    }
    r.originName = m_ui->origin->currentText();
    const Result<quint16> port =
        Validator::port(QStringLiteral("port"), m_ui->port->text().trimmed());
    if (!port)
        return port.error();
    r.port = *port;
    r.websocket = m_ui->websocket->isChecked();
    const Result<QString> path =
        Validator::healthPath(QStringLiteral("health-path"), m_ui->healthPath->text().trimmed());
    if (!path)
        return path.error();
    r.healthPath = *path;
    const Result<int> timeout =
        Validator::timeoutSeconds(QStringLiteral("timeout"), m_ui->timeout->text().trimmed());
    if (!timeout)
        return timeout.error();
    r.timeoutSeconds = *timeout;
    const Result<qint64> size =
        Validator::bodySize(QStringLiteral("max-body"), m_ui->maxBody->text().trimmed());
    if (!size)
        return size.error();
    r.maxBodyBytes = *size;
    r.tls = tlsModes.value(m_ui->tls->currentIndex(), TlsMode::Http01);
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
    m_ui->problem->setText(text);
    m_ui->buttons->button(QDialogButtonBox::Ok)->setEnabled(text.isEmpty());
}

void RouteDialog::accept()
{
    const Result<Route> wanted = route();
    if (!wanted) {
        m_ui->problem->setText(wanted.error().message());
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
        m_ui->problem->setText(stored.error().message());
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
    // The form's own strings, then what depends on the route.
    const int tls = m_ui->tls->currentIndex();
    m_ui->retranslateUi(this);
    m_ui->tls->setCurrentIndex(tls);
    setWindowTitle(m_existing ? tr("Change hostname %1").arg(m_existing->hostname)
                              : tr("Add hostname"));
}

} // namespace kokoa::gui
