#include "gui/WizardSupport.h"

#include <QLabel>
#include <QLayout>
#include <QWizardPage>

namespace kokoa::gui {

namespace {

// Red as a second cue; the words carry the meaning.
const QString problemStyle = QStringLiteral("color: #b00020;");

} // namespace

void showFieldMessage(QLabel *label, const QString &message)
{
    // As wide as the field above it: a wrapped label otherwise keeps to its
    // narrow size hint in a form layout.
    label->setSizePolicy(QSizePolicy::Expanding, label->sizePolicy().verticalPolicy());
    label->setText(message);
    label->setVisible(!message.isEmpty());
    label->setStyleSheet(problemStyle);
}

QLabel *addBlockedReason(QWizardPage *page, std::function<QString()> reason)
{
    auto *label = new QLabel(page);
    label->setObjectName(QStringLiteral("blockedReason"));
    label->setWordWrap(true);
    page->layout()->addWidget(label);
    const auto update = [label, reason = std::move(reason)] {
        const QString why = reason();
        label->setText(why.isEmpty() ? QString() : QStringLiteral("ⓘ ") + why);
    };
    QObject::connect(page, &QWizardPage::completeChanged, label, update);
    update();
    return label;
}

void StatusLine::attach(QLabel *label)
{
    m_label = label;
    refresh();
}

void StatusLine::show(Kind kind, std::function<QString()> text)
{
    m_kind = kind;
    m_text = std::move(text);
    refresh();
}

void StatusLine::clear()
{
    m_text = {};
    refresh();
}

void StatusLine::refresh()
{
    if (!m_label)
        return;
    if (!m_text) {
        m_label->clear();
        m_label->hide();
        return;
    }
    static const QString signs[] = {QStringLiteral("✔ "), QStringLiteral("✖ "),
                                    QStringLiteral("ⓘ ")};
    m_label->setText(signs[int(m_kind)] + m_text());
    m_label->setStyleSheet(m_kind == Kind::Bad ? problemStyle : QString());
    m_label->show();
}

QString StatusLine::text() const
{
    return m_text ? m_text() : QString();
}

} // namespace kokoa::gui
