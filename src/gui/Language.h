#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTranslator>

#include <memory>

namespace kokoa::gui {

// The window's language: Kokoa's own translation (embedded under :/i18n)
// plus Qt's for its standard dialogs and buttons. "auto" follows the
// system locale: Japanese on a Japanese locale, English otherwise.
class Language final : public QObject
{
    Q_OBJECT

public:
    explicit Language(QObject *parent = nullptr);
    ~Language() override;

    // "auto", "en" or "ja".
    static QStringList choices();
    // The language "auto" stands for on this system.
    static QString systemLanguage();

    // Installs the translators for `choice` (replacing earlier ones); widgets
    // get a QEvent::LanguageChange and retranslate. Unknown choices are
    // English.
    void apply(const QString &choice);
    // The language in use: "en" or "ja".
    QString current() const { return m_current; }

private:
    void removeTranslators();

    QString m_current = QStringLiteral("en");
    std::unique_ptr<QTranslator> m_kokoa;
    std::unique_ptr<QTranslator> m_qt;
};

} // namespace kokoa::gui
