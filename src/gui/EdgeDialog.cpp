#include "gui/EdgeDialog.h"

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
#include <QPushButton>
#include <QVBoxLayout>

namespace kokoa::gui {

EdgeDialog::EdgeDialog(Session &session, Edge edge, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_edge(std::move(edge))
    , m_form(new QFormLayout)
    , m_ssh(new QLineEdit(m_edge.ssh.toString(), this))
    , m_ipv4(new QLineEdit(m_edge.publicIpv4, this))
    , m_ipv6(new QLineEdit(m_edge.publicIpv6, this))
    , m_profile(new QComboBox(this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("edgeDialog"));
    m_ssh->setObjectName(QStringLiteral("ssh"));
    m_ipv4->setObjectName(QStringLiteral("publicIpv4"));
    m_ipv6->setObjectName(QStringLiteral("publicIpv6"));
    m_profile->setObjectName(QStringLiteral("profile"));
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    m_profile->addItem(QString());
    m_profile->addItem(QString());
    m_profile->setCurrentIndex(m_edge.profile == EdgeProfile::UnderAttack ? 1 : 0);
    for (QWidget *field : QList<QWidget *>{m_ssh, m_ipv4, m_ipv6, m_profile})
        m_form->addRow(new QLabel(this), field);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    for (QLineEdit *edit : {m_ssh, m_ipv4, m_ipv6})
        connect(edit, &QLineEdit::textChanged, this, &EdgeDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &EdgeDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &EdgeDialog::reject);
    retranslate();
    validate();
}

EdgeDialog::~EdgeDialog() = default;

Result<Edge> EdgeDialog::edge() const
{
    Edge e = m_edge;
    // The CLI's option names, so the messages are its own.
    const Result<SshTarget> ssh =
        Validator::sshTarget(QStringLiteral("ssh"), m_ssh->text().trimmed());
    if (!ssh)
        return ssh.error();
    e.ssh = *ssh;
    e.publicIpv4.clear();
    e.publicIpv6.clear();
    if (const QString v4 = m_ipv4->text().trimmed(); !v4.isEmpty()) {
        const Result<QString> a = Validator::ipv4Address(QStringLiteral("public-ip"), v4,
                                                         Validator::AddressScope::Public);
        if (!a)
            return a.error();
        e.publicIpv4 = *a;
    }
    if (const QString v6 = m_ipv6->text().trimmed(); !v6.isEmpty()) {
        const Result<QString> a = Validator::ipv6Address(QStringLiteral("public-ip"), v6,
                                                         Validator::AddressScope::Public);
        if (!a)
            return a.error();
        e.publicIpv6 = *a;
    }
    if (e.publicIpv4.isEmpty() && e.publicIpv6.isEmpty()) {
        return Error(Error::Kind::InvalidInput,
                     tr("public-ip: give an IPv4 or an IPv6 address (or both)"),
                     QStringLiteral("public-ip"));
    }
    e.profile = m_profile->currentIndex() == 1 ? EdgeProfile::UnderAttack : EdgeProfile::Normal;
    return e;
}

QString EdgeDialog::problem() const
{
    const Result<Edge> e = edge();
    return e ? QString() : e.error().message();
}

void EdgeDialog::validate()
{
    const QString text = problem();
    m_problem->setText(text);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(text.isEmpty());
}

void EdgeDialog::accept()
{
    const Result<Edge> wanted = edge();
    if (!wanted) {
        m_problem->setText(wanted.error().message());
        return;
    }
    const Result<Updated<Edge>> updated = m_session.store().updateEdge(*wanted);
    if (!updated) {
        m_problem->setText(updated.error().message());
        return;
    }
    m_session.notifyConfigurationChanged();
    QDialog::accept();
}

void EdgeDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        validate();
    }
    QDialog::changeEvent(event);
}

void EdgeDialog::retranslate()
{
    setWindowTitle(tr("Change edge %1").arg(m_edge.name));
    const QStringList labels{tr("&SSH address:"), tr("Public IPv&4:"), tr("Public IPv&6:"),
                             tr("&Profile:")};
    labelFormRows(m_form, labels);
    m_ssh->setPlaceholderText(tr("[USER@]HOST[:PORT]"));
    m_profile->setItemText(0, tr("Normal"));
    m_profile->setItemText(1, tr("Under attack (strict rate limits)"));
}

} // namespace kokoa::gui
