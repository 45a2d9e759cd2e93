#include "gui/WizardSupport.h"

#include <QLabel>

namespace kokoa::gui {

namespace {

// Red as a second cue; the words carry the meaning.
const QString problemStyle = QStringLiteral("color: #b00020;");

} // namespace

void showFieldMessage(QLabel *label, const QString &message)
{
    label->setText(message);
    label->setVisible(!message.isEmpty());
    label->setStyleSheet(problemStyle);
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
