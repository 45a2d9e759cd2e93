#include "gui/SettingsPage.h"

#include "core/Settings.h"
#include "gui/GuiLogging.h"
#include "gui/Language.h"
#include "gui/Session.h"
#include "gui/WatchdogPanel.h"
#include "store/Store.h"
#include "validate/Validator.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

#include <optional>

namespace kokoa::gui {

namespace {

constexpr int kFieldWidth = 220;

const QString languageKey = QStringLiteral("ui.language");

QString capitalised(QString text)
{
    if (!text.isEmpty())
        text[0] = text.at(0).toUpper();
    return text;
}

} // namespace

SettingsPage::SettingsPage(Session &session, Language &language, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_language(language)
    , m_settingsBox(new QGroupBox(this))
    , m_form(new QFormLayout)
    , m_message(new QLabel(this))
    , m_save(new QPushButton(this))
    , m_revert(new QPushButton(this))
    , m_languageBox(new QGroupBox(this))
    , m_languageLabel(new QLabel(this))
    , m_languageChoice(new QComboBox(this))
    , m_watchdog(new WatchdogPanel(session, this))
{
    setObjectName(QStringLiteral("settingsPage"));
    m_save->setObjectName(QStringLiteral("saveSettings"));
    m_revert->setObjectName(QStringLiteral("revertSettings"));
    m_message->setObjectName(QStringLiteral("settingsMessage"));
    m_message->setWordWrap(true);
    m_languageChoice->setObjectName(QStringLiteral("languageChoice"));

    buildFields();
    buildLanguage();

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_message, 1);
    buttons->addWidget(m_revert);
    buttons->addWidget(m_save);
    auto *settingsLayout = new QVBoxLayout(m_settingsBox);
    settingsLayout->addLayout(m_form);
    settingsLayout->addLayout(buttons);

    auto *content = new QWidget;
    auto *column = new QVBoxLayout(content);
    column->addWidget(m_languageBox);
    column->addWidget(m_watchdog);
    column->addWidget(m_settingsBox);
    column->addStretch();
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    connect(m_save, &QPushButton::clicked, this, &SettingsPage::save);
    connect(m_revert, &QPushButton::clicked, this, &SettingsPage::reload);
    connect(&m_session, &Session::configurationChanged, this, [this] {
        if (!m_save->isEnabled())
            reload();
    });
    retranslate();
    reload();
}

SettingsPage::~SettingsPage() = default;

void SettingsPage::buildFields()
{
    for (const Settings::Definition &d : Settings::definitions()) {
        const QString key = QString::fromLatin1(d.key);
        QWidget *field = nullptr;
        switch (d.type) {
        case Settings::Type::Integer: {
            auto *spin = new QSpinBox(this);
            spin->setRange(int(d.minimum), int(d.maximum));
            spin->setAccelerated(true);
            connect(spin, &QSpinBox::valueChanged, this, [this] { m_save->setEnabled(true); });
            field = spin;
            break;
        }
        case Settings::Type::Ipv4Network: {
            auto *edit = new QLineEdit(this);
            connect(edit, &QLineEdit::textEdited, this, [this] { m_save->setEnabled(true); });
            field = edit;
            break;
        }
        case Settings::Type::Choice:
            continue; // the language has its own box above; no other choice exists
        }
        field->setObjectName(QStringLiteral("setting:") + key);
        // One line per description, fields of one width beside them: a
        // word-wrapped label in a form row is clipped (the form sizes its
        // rows before the label knows its width); the page scrolls instead.
        field->setMinimumWidth(kFieldWidth);
        field->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
        auto *label = new QLabel(this);
        label->setBuddy(field);
        m_fields.insert(key, field);
        m_labels.insert(key, label);
        m_form->addRow(label, field);
    }
}

void SettingsPage::buildLanguage()
{
    for (int i = 0; i < Settings::choices(languageKey).size(); ++i)
        m_languageChoice->addItem(QString());
    m_languageLabel->setBuddy(m_languageChoice);
    auto *form = new QFormLayout(m_languageBox);
    form->addRow(m_languageLabel, m_languageChoice);
    connect(m_languageChoice, &QComboBox::activated, this, &SettingsPage::applyLanguage);
}

void SettingsPage::reload()
{
    const Result<Settings> settings = m_session.store().settings();
    if (!settings) {
        showRefusal(settings.error().message());
        return;
    }
    for (auto it = m_fields.begin(); it != m_fields.end(); ++it)
        setFieldValue(it.key(), settings->value(it.key()));
    const qsizetype language = Settings::choices(languageKey).indexOf(settings->uiLanguage());
    m_languageChoice->setCurrentIndex(language < 0 ? 0 : int(language));
    m_save->setEnabled(false);
    m_saved = false;
    m_refusal.clear();
    showMessage();
}

QString SettingsPage::fieldValue(const QString &key) const
{
    QWidget *field = m_fields.value(key);
    if (auto *spin = qobject_cast<QSpinBox *>(field))
        return QString::number(spin->value());
    if (auto *edit = qobject_cast<QLineEdit *>(field))
        return edit->text().trimmed();
    return {};
}

void SettingsPage::setFieldValue(const QString &key, const QString &value)
{
    QWidget *field = m_fields.value(key);
    const QSignalBlocker blocker(field);
    if (auto *spin = qobject_cast<QSpinBox *>(field))
        spin->setValue(value.toInt());
    else if (auto *edit = qobject_cast<QLineEdit *>(field))
        edit->setText(value);
}

bool SettingsPage::save()
{
    Result<Settings> current = m_session.store().settings();
    if (!current) {
        showRefusal(current.error().message());
        return false;
    }
    // Everything is checked before anything is written: a refused field
    // stores nothing.
    Settings wanted = *current;
    QMap<QString, QString> changes;
    for (const Settings::Definition &d : Settings::definitions()) {
        const QString key = QString::fromLatin1(d.key);
        if (!m_fields.contains(key) || fieldValue(key) == current->value(key))
            continue;
        const Result<QString> value = Validator::setting(key, fieldValue(key));
        if (!value) {
            showRefusal(value.error().message());
            m_fields.value(key)->setFocus();
            return false;
        }
        changes.insert(key, *value);
        wanted.set(key, *value);
    }
    if (Status s = Validator::settingsConsistent(wanted); !s) {
        showRefusal(s.error().message());
        return false;
    }
    // The store checks each value against the others as they are now: a
    // change another one depends on (the interval before a longer timeout)
    // goes in a later round.
    while (!changes.isEmpty()) {
        bool progressed = false;
        std::optional<Error> refused;
        for (auto it = changes.begin(); it != changes.end();) {
            if (Status s = m_session.store().setSetting(it.key(), it.value()); !s) {
                refused = s.error();
                ++it;
            } else {
                it = changes.erase(it);
                progressed = true;
            }
        }
        if (!progressed) {
            showRefusal(refused->message());
            return false;
        }
    }
    m_session.notifyConfigurationChanged();
    reload();
    m_saved = true;
    showMessage();
    return true;
}

void SettingsPage::applyLanguage(int index)
{
    const QString choice = Settings::choices(languageKey).value(index);
    if (Status s = m_session.store().setSetting(languageKey, choice); !s) {
        showRefusal(s.error().message());
        return;
    }
    qCInfo(lcGui) << "language set to" << choice;
    m_language.apply(choice);
    m_session.notifyConfigurationChanged();
}

void SettingsPage::showRefusal(const QString &text)
{
    m_saved = false;
    m_refusal = text;
    showMessage();
}

void SettingsPage::showMessage()
{
    // Text and an explicit word, never colour alone.
    if (!m_refusal.isEmpty())
        m_message->setText(tr("Not saved: %1").arg(m_refusal));
    else
        m_message->setText(m_saved ? tr("Settings saved.") : QString());
}

void SettingsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void SettingsPage::retranslate()
{
    m_settingsBox->setTitle(tr("Monitoring, DNS and limits"));
    m_languageBox->setTitle(tr("Window"));
    m_languageLabel->setText(tr("&Language:"));
    m_languageChoice->setItemText(0, tr("Automatic (the system's language)"));
    m_languageChoice->setItemText(1, QStringLiteral("English"));
    m_languageChoice->setItemText(2, QStringLiteral("日本語"));
    m_save->setText(tr("&Save"));
    m_revert->setText(tr("&Revert"));
    showMessage();
    for (const Settings::Definition &d : Settings::definitions()) {
        const QString key = QString::fromLatin1(d.key);
        QLabel *label = m_labels.value(key);
        if (!label)
            continue;
        label->setText(capitalised(Settings::tr(d.description)) + QLatin1Char(':'));
        label->setToolTip(key);
        m_fields.value(key)->setToolTip(key);
        if (auto *spin = qobject_cast<QSpinBox *>(m_fields.value(key)))
            spin->setSuffix(QLatin1Char(' ') + Settings::tr(d.unit));
    }
}

} // namespace kokoa::gui
