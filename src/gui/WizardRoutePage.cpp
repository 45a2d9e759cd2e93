#include "gui/WizardRoutePage.h"

#include "gui/Session.h"
#include "gui/WizardSupport.h"
#include "store/Store.h"
#include "ui_WizardRoutePage.h"
#include "validate/ModelValidator.h"
#include "validate/Validator.h"

#include <QEvent>

namespace kokoa::gui {

WizardRoutePage::WizardRoutePage(Session &session, QWidget *parent)
    : QWizardPage(parent)
    , m_session(session)
    , m_ui(std::make_unique<Ui::WizardRoutePage>())
{
    setObjectName(QStringLiteral("routesPage"));
    m_ui->setupUi(this);
    for (QLabel *label : {m_ui->hostnameError, m_ui->portError, m_ui->healthPathError})
        clearFieldMessage(label);
    m_status.attach(m_ui->statusText);
    m_ui->addButton->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    for (QLineEdit *edit : {m_ui->hostnameEdit, m_ui->portEdit, m_ui->healthPathEdit})
        connect(edit, &QLineEdit::textChanged, this, &WizardRoutePage::validateInline);
    connect(m_ui->originCombo, &QComboBox::currentIndexChanged, this,
            &WizardRoutePage::validateInline);
    connect(m_ui->addButton, &QPushButton::clicked, this, &WizardRoutePage::addRoute);
    addBlockedReason(this, [this] { return blockedReason(); });
    retranslate();
}

WizardRoutePage::~WizardRoutePage() = default;

void WizardRoutePage::initializePage()
{
    reload();
}

bool WizardRoutePage::formEmpty() const
{
    return m_ui->hostnameEdit->text().trimmed().isEmpty() &&
           m_ui->portEdit->text().trimmed().isEmpty();
}

// The route the form describes, every field judged by the rules `route add`
// applies, under the same field names. requireAll: an empty field is an
// error too (on Add), not just one that was typed wrong.
WizardRoutePage::Checked WizardRoutePage::check(bool requireAll) const
{
    Checked c;
    Route &r = c.route;
    const QString hostname = m_ui->hostnameEdit->text().trimmed();
    const QString port = m_ui->portEdit->text().trimmed();
    r.originName = m_ui->originCombo->currentText();
    r.websocket = m_ui->websocketCheck->isChecked();
    if (r.websocket)
        r.timeoutSeconds = Route::defaultWebsocketTimeoutSeconds;

    if (!port.isEmpty() || requireAll) {
        if (port.isEmpty()) {
            c.portError = tr("port: required");
        } else if (const Result<quint16> p = Validator::port(QStringLiteral("port"), port); !p) {
            c.portError = p.error().message();
        } else {
            r.port = *p;
        }
    }
    const Result<QString> path = Validator::healthPath(QStringLiteral("health-path"),
                                                       m_ui->healthPathEdit->text().trimmed());
    if (!path)
        c.healthPathError = path.error().message();
    else
        r.healthPath = *path;

    if (hostname.isEmpty()) {
        if (requireAll)
            c.hostnameError = tr("hostname: required");
    } else {
        // The hostname rules (and the wildcard rule) are ModelValidator::route's,
        // as Store::addRoute applies them; the other fields are set to pass.
        Route probe = r;
        probe.hostname = hostname;
        probe.originName = r.originName.isEmpty() ? QStringLiteral("origin") : r.originName;
        probe.port = 1;
        probe.healthPath = QStringLiteral("/");
        const Result<Route> checked = ModelValidator::route(probe);
        if (!checked && checked.error().field() == QLatin1String("hostname")) {
            c.hostnameError = checked.error().message();
        } else if (checked) {
            r.hostname = checked->hostname;
            const Result<QString> zone = ModelValidator::zoneFor(r.hostname, m_topology.zones);
            if (!zone)
                c.hostnameError = zone.error().message();
            else if (std::any_of(m_topology.routes.cbegin(), m_topology.routes.cend(),
                                 [&](const Route &x) { return x.hostname == r.hostname; }))
                c.hostnameError = tr("route %1 already exists").arg(r.hostname);
        } else {
            c.otherError = checked.error().message();
        }
    }
    if (requireAll && r.originName.isEmpty())
        c.otherError = tr("origin: add an origin first");
    return c;
}

void WizardRoutePage::validateInline()
{
    const Checked c = check(false);
    showFieldMessage(m_ui->hostnameError, c.hostnameError);
    showFieldMessage(m_ui->portError, c.portError);
    showFieldMessage(m_ui->healthPathError, c.healthPathError);
    if (!c.otherError.isEmpty()) {
        const QString message = c.otherError;
        m_status.show(StatusLine::Kind::Bad, [message]() -> QString { return message; });
    } else if (m_status.isBad()) {
        m_status.clear();
    }
    emit completeChanged();
}

bool WizardRoutePage::addRoute()
{
    const Checked c = check(true);
    showFieldMessage(m_ui->hostnameError, c.hostnameError);
    showFieldMessage(m_ui->portError, c.portError);
    showFieldMessage(m_ui->healthPathError, c.healthPathError);
    if (!c.ok()) {
        const QString other = c.otherError;
        m_status.show(StatusLine::Kind::Bad, [other]() -> QString {
            return other.isEmpty() ? tr("Fix the fields marked above.") : other;
        });
        return false;
    }
    const Result<Route> added = m_session.store().addRoute(c.route);
    if (!added) {
        const QString message = added.error().message();
        m_status.show(StatusLine::Kind::Bad, [message]() -> QString { return message; });
        return false;
    }
    m_session.notifyConfigurationChanged();
    m_ui->hostnameEdit->clear();
    m_ui->portEdit->clear();
    m_ui->websocketCheck->setChecked(false);
    m_ui->healthPathEdit->setText(QStringLiteral("/"));
    reload();
    const Route route = *added;
    m_status.show(StatusLine::Kind::Good, [route]() -> QString {
        return tr("%1 added (zone %2).").arg(route.hostname, route.zoneName);
    });
    return true;
}

QString WizardRoutePage::blockedReason() const
{
    if (formEmpty())
        return m_topology.routes.isEmpty() ? tr("Add at least one hostname.") : QString();
    const Checked c = check(true);
    for (const QString &e : {c.hostnameError, c.portError, c.healthPathError, c.otherError}) {
        if (!e.isEmpty())
            return e;
    }
    return {};
}

bool WizardRoutePage::isComplete() const
{
    return blockedReason().isEmpty();
}

// What is typed but not added yet is added on Next.
bool WizardRoutePage::validatePage()
{
    if (formEmpty())
        return !m_topology.routes.isEmpty();
    return addRoute();
}

void WizardRoutePage::reload()
{
    const Result<Topology> topology = m_session.store().topology();
    if (topology)
        m_topology = *topology;
    const QString origin = m_ui->originCombo->currentText();
    m_ui->originCombo->clear();
    for (const Origin &o : m_topology.origins)
        m_ui->originCombo->addItem(o.name);
    if (!origin.isEmpty())
        m_ui->originCombo->setCurrentText(origin);
    m_ui->routeList->clear();
    for (const Route &r : m_topology.routes) {
        m_ui->routeList->addItem(
            tr("%1 → %2 port %3%4, health check %5")
                .arg(r.hostname, r.originName)
                .arg(r.port)
                .arg(r.websocket ? tr(", WebSocket") : QString(), r.healthPath));
    }
    if (m_topology.routes.isEmpty())
        m_ui->routeList->addItem(tr("(none yet)"));
    validateInline();
}

void WizardRoutePage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWizardPage::changeEvent(event);
}

void WizardRoutePage::retranslate()
{
    m_ui->retranslateUi(this);
    setTitle(tr("Hostnames"));
    setSubTitle(tr("Which service each hostname publishes: the origin and port it runs on."));
    reload();
    m_status.refresh();
}

} // namespace kokoa::gui
