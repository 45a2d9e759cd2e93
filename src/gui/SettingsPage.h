#pragma once

#include <QHash>
#include <QWidget>

class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QPushButton;

namespace kokoa::gui {

class Language;
class Session;
class WatchdogPanel;

// The settings page: one field per row of core/Settings::definitions() (spin
// boxes with the table's range and unit, text for the tunnel range), checked
// by the same validator as `kokoactl settings set` and saved through the
// store; the window's language, applied at once; the watchdog service.
class SettingsPage final : public QWidget
{
    Q_OBJECT

public:
    SettingsPage(Session &session, Language &language, QWidget *parent = nullptr);
    ~SettingsPage() override;

    WatchdogPanel &watchdogPanel() { return *m_watchdog; }

    // Shows the stored values, dropping unsaved edits.
    void reload();
    // Checks every changed field and stores them all, or none with the
    // validator's message shown. True when saved.
    bool save();

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildFields();
    void buildLanguage();
    void retranslate();
    QString fieldValue(const QString &key) const;
    void setFieldValue(const QString &key, const QString &value);
    void applyLanguage(int index);
    // The outcome of the last save, in the current language.
    void showRefusal(const QString &text);
    void showMessage();

    Session &m_session;
    Language &m_language;
    QGroupBox *m_settingsBox;
    QFormLayout *m_form;
    QHash<QString, QWidget *> m_fields; // by setting key
    QHash<QString, QLabel *> m_labels;
    QLabel *m_message;
    bool m_saved = false;
    QString m_refusal; // the validator's or the store's message
    QPushButton *m_save;
    QPushButton *m_revert;
    QGroupBox *m_languageBox;
    QLabel *m_languageLabel;
    QComboBox *m_languageChoice;
    WatchdogPanel *m_watchdog;
};

} // namespace kokoa::gui
