#include "gui/Language.h"

#include "gui/GuiLogging.h"
#include "gui/GuiResources.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>

namespace kokoa::gui {

Language::Language(QObject *parent)
    : QObject(parent)
{}

Language::~Language()
{
    removeTranslators();
}

QStringList Language::choices()
{
    return {QStringLiteral("auto"), QStringLiteral("en"), QStringLiteral("ja")};
}

QString Language::systemLanguage()
{
    return QLocale::system().language() == QLocale::Japanese ? QStringLiteral("ja")
                                                             : QStringLiteral("en");
}

void Language::apply(const QString &choice)
{
    const QString language = choice == QLatin1String("auto") ? systemLanguage() : choice;
    removeTranslators();
    m_current = QStringLiteral("en");
    if (language != QLatin1String("ja"))
        return;

    registerResources();
    auto kokoa = std::make_unique<QTranslator>();
    if (!kokoa->load(QStringLiteral(":/i18n/kokoa_ja.qm"))) {
        qCWarning(lcGui) << "the Japanese translation is missing from the resources";
        return;
    }
    QCoreApplication::installTranslator(kokoa.get());
    m_kokoa = std::move(kokoa);
    m_current = language;

    // Qt's own strings (QWizard's buttons, standard dialogs); Debian ships
    // them in qt6-translations-l10n. Without them those stay English.
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(QLocale(QLocale::Japanese), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        m_qt = std::move(qt);
    } else {
        qCInfo(lcGui) << "Qt's Japanese translation is not installed";
    }
}

void Language::removeTranslators()
{
    if (m_kokoa)
        QCoreApplication::removeTranslator(m_kokoa.get());
    if (m_qt)
        QCoreApplication::removeTranslator(m_qt.get());
    m_kokoa.reset();
    m_qt.reset();
}

} // namespace kokoa::gui
