#include "gui/WizardHostPage.h"

#include "gui/Session.h"
#include "gui/WizardSupport.h"
#include "store/Store.h"

#include <QEvent>
#include <QLabel>
#include <QListWidget>
#include <QScrollArea>
#include <QVBoxLayout>

namespace kokoa::gui {

WizardHostPage::WizardHostPage(Session &session, HostContactForm::Role role, QWidget *parent)
    : QWizardPage(parent)
    , m_session(session)
    , m_role(role)
    , m_list(new QListWidget(this))
    , m_listLabel(new QLabel(this))
    , m_blocked(new QLabel(this))
    , m_form(new HostContactForm(session, role, this))
{
    setObjectName(role == HostContactForm::Role::Edge ? QStringLiteral("edgesPage")
                                                      : QStringLiteral("originPage"));
    m_list->setObjectName(QStringLiteral("hostList"));
    m_list->setMaximumHeight(64);
    m_blocked->setObjectName(QStringLiteral("blockedReason"));
    m_blocked->setWordWrap(true);
    // The form grows while a host-key question is open: on a small screen
    // it scrolls instead of cutting the question off.
    auto *content = new QWidget;
    auto *inner = new QVBoxLayout(content);
    inner->setContentsMargins(0, 0, 0, 0);
    inner->addWidget(m_listLabel);
    inner->addWidget(m_list);
    inner->addWidget(m_form);
    inner->addStretch();
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_blocked);
    connect(m_form, &HostContactForm::hostAdded, this, &WizardHostPage::reload);
    connect(m_form, &HostContactForm::busyChanged, this, &WizardHostPage::completeChanged);
    connect(m_form, &HostContactForm::busyChanged, this, &WizardHostPage::reload);
    retranslate();
}

void WizardHostPage::initializePage()
{
    reload();
}

bool WizardHostPage::isComplete() const
{
    return blockedReason().isEmpty();
}

QString WizardHostPage::blockedReason() const
{
    if (m_form->isBusy())
        return tr("Waiting for the connection test to finish.");
    if (m_names.size() >= needed())
        return {};
    if (m_role == HostContactForm::Role::Edge) {
        return tr("Add at least two edges, so DNS can fail over from one to the other "
                  "(%1 added so far).")
            .arg(m_names.size());
    }
    return tr("Add the origin: the home server whose services are published.");
}

void WizardHostPage::reload()
{
    m_names.clear();
    m_list->clear();
    const Result<Topology> topology = m_session.store().topology();
    if (topology) {
        if (m_role == HostContactForm::Role::Edge) {
            for (const Edge &e : topology->edges) {
                m_names.append(e.name);
                m_list->addItem(tr("%1 — %2, public IP %3")
                                    .arg(e.name, e.ssh.toString(),
                                         e.publicIpv4.isEmpty() ? e.publicIpv6 : e.publicIpv4));
            }
        } else {
            for (const Origin &o : topology->origins) {
                m_names.append(o.name);
                m_list->addItem(tr("%1 — %2").arg(o.name, o.ssh.toString()));
            }
        }
    }
    if (m_names.isEmpty())
        m_list->addItem(tr("(none yet)"));
    const QString why = blockedReason();
    m_blocked->setText(why.isEmpty() ? QString() : QStringLiteral("ⓘ ") + why);
    emit completeChanged();
}

void WizardHostPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWizardPage::changeEvent(event);
}

void WizardHostPage::retranslate()
{
    if (m_role == HostContactForm::Role::Edge) {
        setTitle(tr("Edges"));
        setSubTitle(tr("The VPS that receive visitors and pass them through a tunnel to the "
                       "origin: two or more."));
        m_listLabel->setText(tr("Edges added:"));
    } else {
        setTitle(tr("Origin"));
        setSubTitle(tr("The home server that runs your services. Kokoa logs in once to install "
                       "its own key."));
        m_listLabel->setText(tr("Origins added:"));
    }
    reload();
}

} // namespace kokoa::gui
