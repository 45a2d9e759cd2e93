#pragma once

#include <QString>

#include <functional>

class QLabel;
class QWizardPage;

namespace kokoa::gui {

// What the wizard's pages share for showing a problem next to a field: the
// message in words (never colour alone), hidden when there is none.
void showFieldMessage(QLabel *label, const QString &message);
inline void clearFieldMessage(QLabel *label)
{
    showFieldMessage(label, {});
}

// A line at the foot of a page saying why Next is disabled, kept current
// as the page's completeness changes; `reason` is empty when it is not.
QLabel *addBlockedReason(QWizardPage *page, std::function<QString()> reason);

// A line that tells how something went (a test, a contact, a deploy), with a
// sign in front so its meaning does not rest on colour. It keeps how its
// text is made, so a language change shows it again in the new language.
class StatusLine final
{
public:
    enum class Kind
    {
        Good,
        Bad,
        Info,
    };

    // The label it writes to (hidden while there is nothing to say).
    void attach(QLabel *label);

    void show(Kind kind, std::function<QString()> text);
    void clear();
    // Makes the text again (after a language change).
    void refresh();
    QString text() const;
    bool isBad() const { return m_text && m_kind == Kind::Bad; }

private:
    QLabel *m_label = nullptr;
    Kind m_kind = Kind::Info;
    std::function<QString()> m_text;
};

} // namespace kokoa::gui
