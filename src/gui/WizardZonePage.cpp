#include "gui/WizardZonePage.h"

#include "app/TaskJob.h"
#include "dns/DnsBackendFactory.h"
#include "gui/Session.h"
#include "gui/WizardSupport.h"
#include "store/Store.h"
#include "ui_WizardZonePage.h"
#include "validate/ModelValidator.h"
#include "validate/Validator.h"

#include <QEvent>

namespace kokoa::gui {

namespace {

enum ProviderIndex
{
    CloudflareIndex = 0,
    Rfc2136Index = 1,
    ManualIndex = 2,
};

DnsProvider providerAt(int index)
{
    switch (index) {
    case CloudflareIndex:
        return DnsProvider::Cloudflare;
    case Rfc2136Index:
        return DnsProvider::Rfc2136;
    default:
        return DnsProvider::Manual;
    }
}

} // namespace

WizardZonePage::WizardZonePage(Session &session, QWidget *parent)
    : QWizardPage(parent)
    , m_session(session)
    , m_ui(std::make_unique<Ui::WizardZonePage>())
{
    setObjectName(QStringLiteral("zonePage"));
    m_ui->setupUi(this);
    for (QLabel *label :
         {m_ui->zoneError, m_ui->apiBaseError, m_ui->serverError, m_ui->tsigNameError})
        clearFieldMessage(label);
    m_status.attach(m_ui->statusText);
    m_ui->testButton->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    m_ui->recordTree->hide();
    m_ui->recordTree->setMinimumHeight(100);
    // The stack is as tall as the shown provider's fields, not the tallest.
    const auto showProvider = [this](int index) {
        m_ui->providerStack->setCurrentIndex(index);
        for (int i = 0; i < m_ui->providerStack->count(); ++i) {
            const auto policy = i == index ? QSizePolicy::Preferred : QSizePolicy::Ignored;
            m_ui->providerStack->widget(i)->setSizePolicy(policy, policy);
        }
    };
    m_ui->providerStack->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    connect(m_ui->providerCombo, &QComboBox::currentIndexChanged, this, showProvider);
    showProvider(m_ui->providerCombo->currentIndex());
    for (QLineEdit *edit : {m_ui->zoneEdit, m_ui->tokenEdit, m_ui->apiBaseEdit, m_ui->serverEdit,
                            m_ui->tsigNameEdit, m_ui->tsigSecretEdit})
        connect(edit, &QLineEdit::textChanged, this, &WizardZonePage::inputsChanged);
    for (QComboBox *combo : {m_ui->providerCombo, m_ui->algorithmCombo})
        connect(combo, &QComboBox::currentIndexChanged, this, &WizardZonePage::inputsChanged);
    connect(m_ui->testButton, &QPushButton::clicked, this, &WizardZonePage::startTest);
    addBlockedReason(this, [this] { return blockedReason(); });
    retranslate();
}

// A test still running is cancelled and waited for by the job's destructor.
WizardZonePage::~WizardZonePage()
{
    delete m_test;
}

void WizardZonePage::initializePage()
{
    showExisting();
}

QByteArray WizardZonePage::secret() const
{
    switch (providerAt(m_ui->providerCombo->currentIndex())) {
    case DnsProvider::Cloudflare:
        return m_ui->tokenEdit->text().trimmed().toUtf8();
    case DnsProvider::Rfc2136:
        return m_ui->tsigSecretEdit->text().trimmed().toUtf8();
    case DnsProvider::Manual:
        break;
    }
    return {};
}

Result<Zone> WizardZonePage::zoneFromInputs() const
{
    app::ZoneService::Description d;
    const Result<QString> name =
        Validator::zoneName(QStringLiteral("zone"), m_ui->zoneEdit->text().trimmed());
    if (!name)
        return name.error();
    d.name = *name;
    d.provider = providerAt(m_ui->providerCombo->currentIndex());
    d.apiBase = m_ui->apiBaseEdit->text().trimmed();
    d.server = m_ui->serverEdit->text().trimmed();
    d.tsigName = m_ui->tsigNameEdit->text().trimmed();
    d.tsigAlgorithm = m_ui->algorithmCombo->currentText();
    const Result<Zone> made = app::ZoneService::zoneFrom(d);
    if (!made)
        return made;
    Zone zone = *made;
    if (Status s = ModelValidator::ownSecret(zone); !s)
        return s.error();
    Result<Zone> checked = ModelValidator::zone(zone);
    if (!checked)
        return checked;
    // The secret's form, under the names `zone add` reports it with.
    const QByteArray s = secret();
    if (d.provider == DnsProvider::Cloudflare) {
        if (Result<QByteArray> t = Validator::apiToken(QStringLiteral("token"), s); !t)
            return t.error();
    }
    if (d.provider == DnsProvider::Rfc2136) {
        if (Result<QByteArray> t = Validator::tsigSecret(QStringLiteral("tsig-secret"), s); !t)
            return t.error();
    }
    return checked;
}

QString WizardZonePage::inputKey() const
{
    return QStringList{
        m_ui->zoneEdit->text(),       QString::number(m_ui->providerCombo->currentIndex()),
        m_ui->tokenEdit->text(),      m_ui->apiBaseEdit->text(),
        m_ui->serverEdit->text(),     m_ui->tsigNameEdit->text(),
        m_ui->tsigSecretEdit->text(), m_ui->algorithmCombo->currentText()}
        .join(QChar(0));
}

bool WizardZonePage::formEmpty() const
{
    return m_ui->zoneEdit->text().trimmed().isEmpty();
}

// Inline: the zone name and the provider's own fields, by the rules of
// `kokoactl zone add`; empty fields wait until the user tests.
void WizardZonePage::validateFields()
{
    const auto show = [](QLabel *label, const QString &text, const auto &validate) {
        if (text.trimmed().isEmpty()) {
            clearFieldMessage(label);
            return;
        }
        const auto r = validate(text.trimmed());
        showFieldMessage(label, r ? QString() : r.error().message());
    };
    show(m_ui->zoneError, m_ui->zoneEdit->text(),
         [](const QString &t) { return Validator::zoneName(QStringLiteral("zone"), t); });
    show(m_ui->apiBaseError, m_ui->apiBaseEdit->text(),
         [](const QString &t) { return Validator::apiBaseUrl(QStringLiteral("api-base"), t); });
    show(m_ui->serverError, m_ui->serverEdit->text(), [](const QString &t) {
        app::ZoneService::Description d;
        d.name = QStringLiteral("example.com");
        d.provider = DnsProvider::Rfc2136;
        d.server = t;
        return app::ZoneService::zoneFrom(d);
    });
    show(m_ui->tsigNameError, m_ui->tsigNameEdit->text(),
         [](const QString &t) { return Validator::tsigKeyName(QStringLiteral("tsig-name"), t); });
    const bool manual = providerAt(m_ui->providerCombo->currentIndex()) == DnsProvider::Manual;
    m_ui->testButton->setEnabled(!manual && !isTesting());
    emit completeChanged();
}

// An edit makes the last test's outcome stale, unless the inputs are back to
// the ones that were tested.
void WizardZonePage::inputsChanged()
{
    validateFields();
    if (inputKey() != m_testedKey) {
        m_ui->recordTree->hide();
        if (!isTesting())
            m_status.clear();
    } else {
        m_ui->recordTree->setVisible(m_ui->recordTree->topLevelItemCount() > 0);
    }
}

void WizardZonePage::startTest()
{
    if (isTesting())
        return;
    const Result<Zone> zone = zoneFromInputs();
    if (!zone) {
        const QString message = zone.error().message();
        m_status.show(StatusLine::Kind::Bad, [message]() -> QString { return message; });
        return;
    }
    const QByteArray key = secret();
    const Zone z = *zone;
    // Blocks for the provider's round trips: on the job's thread.
    m_test = new TaskJob(
        [z, key](const Job::Control &) -> std::any {
            RetryPolicy policy;
            policy.maxAttempts = 2; // an interactive check: answer within seconds
            return DnsBackendFactory::test(z, key, policy);
        },
        this);
    m_test->setProperty("inputs", inputKey());
    connect(m_test, &TaskJob::finished, this, &WizardZonePage::testFinished);
    m_ui->testButton->setEnabled(false);
    m_ui->recordTree->hide();
    m_status.show(StatusLine::Kind::Info, []() -> QString { return tr("Asking the provider…"); });
    m_test->start();
    emit completeChanged();
}

void WizardZonePage::testFinished()
{
    const QString testedInputs = m_test->property("inputs").toString();
    const auto *listing = m_test->result<Result<DnsZoneListing>>();
    const Result<DnsZoneListing> outcome =
        listing ? *listing : Result<DnsZoneListing>(Error(Error::Kind::Internal, tr("no result")));
    m_test->deleteLater();
    m_test = nullptr;
    m_ui->testButton->setEnabled(true);
    if (!outcome) {
        m_testedKey.clear();
        const QString message = outcome.error().message();
        m_status.show(StatusLine::Kind::Bad,
                      [message]() -> QString { return tr("Access failed: %1").arg(message); });
        emit completeChanged();
        return;
    }
    // Inputs edited while the test ran are not the ones that work.
    m_testedKey = testedInputs;
    m_ui->recordTree->clear();
    for (const DnsRecord &r : outcome->addresses)
        m_ui->recordTree->addTopLevelItem(new QTreeWidgetItem({r.type, r.name, r.content}));
    m_ui->recordTree->setVisible(!outcome->addresses.isEmpty());
    m_ui->recordTree->resizeColumnToContents(0);
    m_ui->recordTree->resizeColumnToContents(1);
    const DnsZoneListing listed = *outcome;
    m_status.show(StatusLine::Kind::Good, [listed]() -> QString {
        QString text = listed.addresses.isEmpty()
                           ? tr("Access works. The zone holds %n record(s), none of them an "
                                "address record.",
                                nullptr, listed.totalRecords)
                           : tr("Access works. The zone holds %n record(s); its address records "
                                "are listed below.",
                                nullptr, listed.totalRecords);
        if (!listed.complete && !listed.note.isEmpty())
            text +=
                QLatin1Char(' ') + tr("(Only part of the zone was listed: %1)").arg(listed.note);
        return text;
    });
    inputsChanged();
}

QString WizardZonePage::blockedReason() const
{
    if (isTesting())
        return tr("Waiting for the test to finish.");
    if (formEmpty())
        return m_storedZones.isEmpty() ? tr("zone: required") : QString();
    const Result<Zone> zone = zoneFromInputs();
    if (!zone)
        return zone.error().message();
    if (zone->provider != DnsProvider::Manual && inputKey() != m_testedKey)
        return tr("Test access to the zone before going on.");
    return {};
}

bool WizardZonePage::isComplete() const
{
    return blockedReason().isEmpty();
}

bool WizardZonePage::validatePage()
{
    const QString why = blockedReason();
    if (!why.isEmpty()) {
        m_status.show(StatusLine::Kind::Bad, [why]() -> QString { return why; });
        return false;
    }
    if (formEmpty())
        return true; // a zone is stored already
    const Result<Zone> zone = zoneFromInputs();
    if (m_storedZones.contains(zone->name))
        return true; // back and forth with the zone added
    app::ZoneService service(m_session.store(), m_session.dataDir());
    // The provider accepted exactly these inputs a moment ago (the test).
    const Result<Zone> added = service.add(*zone, secret(), false);
    if (!added) {
        const QString message = added.error().message();
        m_status.show(StatusLine::Kind::Bad, [message]() -> QString { return message; });
        return false;
    }
    m_session.notifyConfigurationChanged();
    showExisting();
    return true;
}

void WizardZonePage::showExisting()
{
    m_storedZones.clear();
    const Result<Topology> topology = m_session.store().topology();
    if (topology) {
        for (const Zone &z : topology->zones)
            m_storedZones.append(z.name + QStringLiteral(" (") + toString(z.provider) +
                                 QLatin1Char(')'));
    }
    m_ui->existingText->setText(m_storedZones.isEmpty()
                                    ? QString()
                                    : tr("Zones set up: %1. Add another here, or go on.")
                                          .arg(m_storedZones.join(QStringLiteral(", "))));
    m_ui->existingText->setVisible(!m_storedZones.isEmpty());
    for (QString &z : m_storedZones)
        z = z.section(QLatin1Char(' '), 0, 0);
    emit completeChanged();
}

void WizardZonePage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWizardPage::changeEvent(event);
}

void WizardZonePage::retranslate()
{
    const int provider = m_ui->providerCombo->currentIndex();
    m_ui->retranslateUi(this);
    m_ui->providerCombo->setCurrentIndex(provider);
    setTitle(tr("DNS zone"));
    setSubTitle(tr("The domain your hostnames belong to, and how Kokoa may change its records "
                   "for failover."));
    showExisting();
    validateFields();
    m_status.refresh();
}

} // namespace kokoa::gui
