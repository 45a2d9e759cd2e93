#include "gui/HostContactForm.h"

#include "app/HostEnrolment.h"
#include "app/OnboardingJob.h"
#include "gui/GuiLogging.h"
#include "gui/Session.h"
#include "gui/WizardSupport.h"
#include "ui_HostContactForm.h"
#include "validate/Validator.h"

#include <QEvent>
#include <QFileDialog>
#include <QFontDatabase>

namespace kokoa::gui {

namespace {

QString roleWord(HostContactForm::Role role)
{
    return role == HostContactForm::Role::Edge ? QStringLiteral("edge") : QStringLiteral("origin");
}

// The rule a required field breaks when it is left empty, worded like the
// validators' messages ("field: rule").
QString requiredMessage(const QString &field)
{
    return HostContactForm::tr("%1: required").arg(field);
}

// A host as the user reads it ("Edge tokyo-1"), in the current language.
QString shownName(HostContactForm::Role role, const QString &name)
{
    return role == HostContactForm::Role::Edge ? HostContactForm::tr("Edge %1").arg(name)
                                               : HostContactForm::tr("Origin %1").arg(name);
}

} // namespace

HostContactForm::HostContactForm(Session &session, Role role, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_role(role)
    , m_ui(std::make_unique<Ui::HostContactForm>())
{
    m_ui->setupUi(this);
    m_status.attach(m_ui->statusText);
    const bool edge = role == Role::Edge;
    m_ui->publicIpLabel->setVisible(edge);
    m_ui->publicIpEdit->setVisible(edge);
    for (QLabel *label : {m_ui->nameError, m_ui->addressError, m_ui->publicIpError})
        clearFieldMessage(label);
    m_ui->fingerprintBox->hide();
    // The fingerprint is what the user compares: large enough to read
    // character by character.
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setBold(true);
    m_ui->fingerprintValue->setFont(mono);

    for (QLineEdit *edit : {m_ui->nameEdit, m_ui->addressEdit, m_ui->publicIpEdit})
        connect(edit, &QLineEdit::textChanged, this, &HostContactForm::validateInline);
    connect(m_ui->passwordRadio, &QRadioButton::toggled, this, [this](bool on) {
        m_ui->passwordEdit->setEnabled(on);
        m_ui->identityEdit->setEnabled(!on);
        m_ui->browseButton->setEnabled(!on);
    });
    connect(m_ui->browseButton, &QPushButton::clicked, this, &HostContactForm::chooseIdentity);
    connect(m_ui->connectButton, &QPushButton::clicked, this, &HostContactForm::connectAndTest);
    connect(m_ui->acceptButton, &QPushButton::clicked, this,
            [this] { answer(HostKeyDecision::Accept); });
    connect(m_ui->refuseButton, &QPushButton::clicked, this,
            [this] { answer(HostKeyDecision::Refuse); });
}

// A job still asking is refused and waited for by its destructor.
HostContactForm::~HostContactForm()
{
    delete m_job;
}

void HostContactForm::clear()
{
    if (isBusy())
        return;
    for (QLineEdit *edit : {m_ui->nameEdit, m_ui->addressEdit, m_ui->publicIpEdit,
                            m_ui->identityEdit, m_ui->passwordEdit})
        edit->clear();
    m_ui->keyRadio->setChecked(true);
}

QString HostContactForm::statusText() const
{
    return m_status.text();
}

// Only what was typed is judged: an empty field is not an error until the
// user asks to connect.
void HostContactForm::validateInline()
{
    const auto check = [](QLabel *label, const QString &text, const auto &validate) {
        if (text.trimmed().isEmpty()) {
            clearFieldMessage(label);
            return;
        }
        const auto result = validate(text);
        showFieldMessage(label, result ? QString() : result.error().message());
    };
    check(m_ui->nameError, m_ui->nameEdit->text(),
          [](const QString &t) { return Validator::name(QStringLiteral("name"), t); });
    check(m_ui->addressError, m_ui->addressEdit->text(),
          [](const QString &t) { return Validator::sshTarget(QStringLiteral("ssh"), t); });
    if (m_role == Role::Edge) {
        check(m_ui->publicIpError, m_ui->publicIpEdit->text(), [](const QString &t) {
            return Validator::ipAddress(QStringLiteral("public-ip"), t,
                                        Validator::AddressScope::Public);
        });
    }
}

Result<HostContactForm::Pending> HostContactForm::readInputs() const
{
    Pending p;
    const auto required = [](QLineEdit *edit, const QString &field) -> Status {
        if (edit->text().trimmed().isEmpty())
            return Error(Error::Kind::InvalidInput, requiredMessage(field), field);
        return {};
    };
    if (Status s = required(m_ui->nameEdit, QStringLiteral("name")); !s)
        return s.error();
    const Result<QString> name = Validator::name(QStringLiteral("name"), m_ui->nameEdit->text());
    if (!name)
        return name.error();
    if (Status s = required(m_ui->addressEdit, QStringLiteral("ssh")); !s)
        return s.error();
    const Result<SshTarget> target =
        Validator::sshTarget(QStringLiteral("ssh"), m_ui->addressEdit->text().trimmed());
    if (!target)
        return target.error();
    p.label = roleWord(m_role) + QLatin1Char(' ') + *name;
    p.name = *name;
    if (m_role == Role::Origin) {
        p.origin.name = *name;
        p.origin.ssh = *target;
        return p;
    }
    if (Status s = required(m_ui->publicIpEdit, QStringLiteral("public-ip")); !s)
        return s.error();
    const Result<QString> ip =
        Validator::ipAddress(QStringLiteral("public-ip"), m_ui->publicIpEdit->text().trimmed(),
                             Validator::AddressScope::Public);
    if (!ip)
        return ip.error();
    p.edge.name = *name;
    p.edge.ssh = *target;
    (ip->contains(QLatin1Char(':')) ? p.edge.publicIpv6 : p.edge.publicIpv4) = *ip;
    return p;
}

void HostContactForm::connectAndTest()
{
    if (isBusy())
        return;
    validateInline();
    const Result<Pending> pending = readInputs();
    std::optional<Error> problem;
    if (pending) {
        // A duplicate is refused before anyone logs in to the host.
        const app::HostEnrolment enrolment(m_session.store());
        const Status ok = m_role == Role::Edge ? enrolment.precheck(pending->edge)
                                               : enrolment.precheck(pending->origin);
        if (!ok)
            problem = ok.error();
    } else {
        problem = pending.error();
    }
    if (problem) {
        const QString field = problem->field();
        QLabel *at = field == QLatin1String("name")        ? m_ui->nameError
                     : field == QLatin1String("ssh")       ? m_ui->addressError
                     : field == QLatin1String("public-ip") ? m_ui->publicIpError
                                                           : nullptr;
        if (at)
            showFieldMessage(at, problem->message());
        const QString message = problem->message();
        m_status.show(StatusLine::Kind::Bad, [message]() -> QString { return message; });
        return;
    }
    if (m_ui->passwordRadio->isChecked() && m_ui->passwordEdit->text().isEmpty()) {
        m_status.show(StatusLine::Kind::Bad,
                      []() -> QString { return requiredMessage(QStringLiteral("password")); });
        return;
    }
    m_pending = *pending;

    app::HostOnboarding::Request request;
    request.target = m_role == Role::Edge ? m_pending.edge.ssh : m_pending.origin.ssh;
    request.hostLabel = m_pending.label;
    if (m_ui->passwordRadio->isChecked())
        request.password = m_ui->passwordEdit->text();
    else
        request.identityFile = m_ui->identityEdit->text().trimmed();
    // The password is used once, by this job, and not kept in the form.
    m_ui->passwordEdit->clear();

    // A child, and deleted first thing in the destructor (the job waits for
    // its work there); finish() hands it to deleteLater().
    m_job = new app::OnboardingJob(m_session.dataDir(), request, this);
    connect(m_job, &app::OnboardingJob::hostKeyQuestion, this, &HostContactForm::showQuestion);
    connect(m_job, &app::OnboardingJob::finished, this,
            [this](const Result<app::HostOnboarding::Outcome> &outcome) {
                if (outcome)
                    finish(outcome->fingerprint);
                else
                    finish(outcome.error());
            });
    setBusy(true);
    const QString target = request.target.toString();
    m_status.show(StatusLine::Kind::Info,
                  [target]() -> QString { return tr("Connecting to %1…").arg(target); });
    m_job->start();
}

void HostContactForm::showQuestion(const HostKeyQuestion &question)
{
    m_question = question;
    m_ui->fingerprintText->setText(questionText());
    m_ui->fingerprintValue->setText(question.fingerprint);
    m_ui->fingerprintBox->show();
    m_ui->acceptButton->setFocus();
    m_status.show(StatusLine::Kind::Info,
                  []() -> QString { return tr("Waiting for your answer about the host key."); });
    emit hostKeyShown(question.fingerprint);
}

QString HostContactForm::questionText() const
{
    if (!m_question)
        return {};
    const HostKeyQuestion &q = *m_question;
    const QString intro =
        q.replacesPinned()
            ? tr("%1 (%2) presents a different host key than the one on record (%3). Accept "
                 "it only if you know the server was reinstalled.")
                  .arg(shownName(m_role, m_pending.name), q.target, q.pinned)
            : tr("%1 (%2) presents this host key. Compare it with the server's own "
                 "(ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on the server) and accept "
                 "it only if they match. Nothing runs on the host before you answer.")
                  .arg(shownName(m_role, m_pending.name), q.target);
    return intro;
}

void HostContactForm::answer(HostKeyDecision decision)
{
    m_ui->fingerprintBox->hide();
    m_question.reset();
    if (m_job)
        m_job->answerHostKey(decision);
}

void HostContactForm::finish(const Result<QString> &fingerprint)
{
    m_job->deleteLater();
    m_job = nullptr;
    m_ui->fingerprintBox->hide();
    m_question.reset();
    Result<QString> stored = fingerprint;
    if (fingerprint) {
        // The contact has run; its fingerprint is the pin.
        const app::HostEnrolment enrolment(m_session.store());
        const auto pin = [&fingerprint](const SshTarget &) -> Result<QString> {
            return *fingerprint;
        };
        if (m_role == Role::Edge) {
            const Result<Edge> added = enrolment.addEdge(m_pending.edge, pin);
            stored = added ? Result<QString>(added->name) : Result<QString>(added.error());
        } else {
            const Result<Origin> added = enrolment.addOrigin(m_pending.origin, pin);
            stored = added ? Result<QString>(added->name) : Result<QString>(added.error());
        }
    }
    setBusy(false);
    const Role role = m_role;
    const QString name = m_pending.name;
    if (!stored) {
        const Error e = stored.error();
        qCInfo(lcGui) << "contact with" << m_pending.label << "failed:" << e.message();
        m_status.show(StatusLine::Kind::Bad, [role, name, e]() -> QString {
            const QString shown = shownName(role, name);
            return e.kind() == Error::Kind::HostKey
                       ? tr("The host key was not accepted; nothing ran on %1 and nothing was "
                            "stored.")
                             .arg(shown)
                       : tr("%1 was not added: %2").arg(shown, e.message());
        });
        return;
    }
    m_session.notifyConfigurationChanged();
    m_status.show(StatusLine::Kind::Good, [role, name]() -> QString {
        return tr("%1 added: the connection works and Kokoa's key is installed.")
            .arg(shownName(role, name));
    });
    clear();
    emit hostAdded(*stored);
}

void HostContactForm::setBusy(bool busy)
{
    for (QWidget *w :
         {static_cast<QWidget *>(m_ui->nameEdit), static_cast<QWidget *>(m_ui->addressEdit),
          static_cast<QWidget *>(m_ui->publicIpEdit), static_cast<QWidget *>(m_ui->connectButton)})
        w->setEnabled(!busy);
    emit busyChanged(busy);
}

void HostContactForm::chooseIdentity()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("SSH private key"));
    if (!file.isEmpty())
        m_ui->identityEdit->setText(file);
}

void HostContactForm::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void HostContactForm::retranslate()
{
    m_ui->retranslateUi(this);
    validateInline();
    m_status.refresh();
    if (m_question)
        m_ui->fingerprintText->setText(questionText());
}

} // namespace kokoa::gui
