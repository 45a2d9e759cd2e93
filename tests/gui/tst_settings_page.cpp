// The settings page against a real store: fields follow the settings table,
// refused values store nothing, good ones are stored; the language applies
// at once and retranslates the page; the watchdog installs and uninstalls
// through an injected unit directory and systemctl.
#include "GuiTestSupport.h"
#include "core/Settings.h"
#include "gui/Language.h"
#include "gui/SettingsPage.h"
#include "gui/WatchdogPanel.h"
#include "validate/Validator.h"

#include <QComboBox>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMutex>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace kokoa;

class tst_SettingsPage : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void fieldsFollowTheSettingsTable();
    void refusedValuesStoreNothing();
    void validValuesAreStored();
    void languageSwitchRetranslatesLive();
    void watchdogInstallAndUninstall();

private:
    QString stored(const QString &key) { return m_session->store().settings()->value(key); }
    QSpinBox *spin(gui::SettingsPage &page, const char *key)
    {
        return page.findChild<QSpinBox *>(QStringLiteral("setting:") + QLatin1String(key));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<gui::Session> m_session;
    gui::Language m_language;
};

void tst_SettingsPage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    // Nothing here may look at the user's own systemd units.
    qputenv("XDG_CONFIG_HOME", m_dir->filePath(QStringLiteral("config")).toUtf8());
    m_session = guitest::openSession(*m_dir);
    m_language.apply(QStringLiteral("en"));
}

void tst_SettingsPage::cleanup()
{
    m_session.reset();
    m_dir.reset();
}

void tst_SettingsPage::fieldsFollowTheSettingsTable()
{
    gui::SettingsPage page(*m_session, m_language);
    for (const Settings::Definition &d : Settings::definitions()) {
        if (d.type != Settings::Type::Integer)
            continue;
        QSpinBox *box = spin(page, d.key);
        QVERIFY2(box, d.key);
        QCOMPARE(qint64(box->minimum()), d.minimum);
        QCOMPARE(qint64(box->maximum()), d.maximum);
        QCOMPARE(box->suffix(), QLatin1Char(' ') + Settings::tr(d.unit));
        QCOMPARE(QString::number(box->value()), QString::fromLatin1(d.defaultValue));
    }
    QVERIFY(page.findChild<QLineEdit *>(QStringLiteral("setting:tunnel.range")));
    // The language is a choice of the table's words.
    auto *language = page.findChild<QComboBox *>(QStringLiteral("languageChoice"));
    QCOMPARE(qsizetype(language->count()), Settings::choices(QStringLiteral("ui.language")).size());
    guitest::screenshot(&page, QStringLiteral("settings"));
}

void tst_SettingsPage::refusedValuesStoreNothing()
{
    gui::SettingsPage page(*m_session, m_language);
    auto *message = page.findChild<QLabel *>(QStringLiteral("settingsMessage"));
    // A spin box cannot hold a value outside the table's range.
    QSpinBox *ttl = spin(page, "dns.ttl");
    ttl->setValue(5);
    QCOMPARE(ttl->value(), 30);
    ttl->setValue(120);
    // A timeout not shorter than the interval: the validator's rule, nothing stored.
    spin(page, "health.timeout_ms")->setValue(3000);
    QVERIFY(!page.save());
    Settings wanted;
    wanted.set(QStringLiteral("health.timeout_ms"), QStringLiteral("3000"));
    QVERIFY2(message->text().contains(Validator::settingsConsistent(wanted).error().message()),
             qPrintable(message->text()));
    QCOMPARE(stored(QStringLiteral("dns.ttl")), QStringLiteral("60"));
    QCOMPARE(stored(QStringLiteral("health.timeout_ms")), QStringLiteral("1500"));

    // A tunnel range outside the private ranges: the validator's message.
    spin(page, "health.timeout_ms")->setValue(1500);
    auto *range = page.findChild<QLineEdit *>(QStringLiteral("setting:tunnel.range"));
    range->setText(QStringLiteral("8.8.0.0/16"));
    QVERIFY(!page.save());
    const auto refused =
        Validator::setting(QStringLiteral("tunnel.range"), QStringLiteral("8.8.0.0/16"));
    QVERIFY(!refused.ok());
    QVERIFY2(message->text().contains(refused.error().message()), qPrintable(message->text()));
    QCOMPARE(stored(QStringLiteral("tunnel.range")), QStringLiteral("10.100.0.0/16"));
    QCOMPARE(stored(QStringLiteral("dns.ttl")), QStringLiteral("60"));
}

void tst_SettingsPage::validValuesAreStored()
{
    gui::SettingsPage page(*m_session, m_language);
    spin(page, "dns.ttl")->setValue(300);
    // Both at once, the timeout above the old interval: stored in an order
    // the store accepts.
    spin(page, "health.interval_ms")->setValue(5000);
    spin(page, "health.timeout_ms")->setValue(4000);
    QVERIFY(page.save());
    QCOMPARE(page.findChild<QLabel *>(QStringLiteral("settingsMessage"))->text(),
             QStringLiteral("Settings saved."));
    QCOMPARE(stored(QStringLiteral("dns.ttl")), QStringLiteral("300"));
    QCOMPARE(stored(QStringLiteral("health.interval_ms")), QStringLiteral("5000"));
    QCOMPARE(stored(QStringLiteral("health.timeout_ms")), QStringLiteral("4000"));
    // And back: the interval below the old timeout.
    spin(page, "health.interval_ms")->setValue(1000);
    spin(page, "health.timeout_ms")->setValue(800);
    QVERIFY(page.save());
    QCOMPARE(stored(QStringLiteral("health.interval_ms")), QStringLiteral("1000"));
    QCOMPARE(stored(QStringLiteral("health.timeout_ms")), QStringLiteral("800"));
    // A page opened later shows what was stored.
    gui::SettingsPage other(*m_session, m_language);
    QCOMPARE(spin(other, "dns.ttl")->value(), 300);
}

void tst_SettingsPage::languageSwitchRetranslatesLive()
{
    gui::SettingsPage page(*m_session, m_language);
    page.show();
    auto *save = page.findChild<QPushButton *>(QStringLiteral("saveSettings"));
    QCOMPARE(save->text(), QStringLiteral("&Save"));
    auto *language = page.findChild<QComboBox *>(QStringLiteral("languageChoice"));
    const int ja = Settings::choices(QStringLiteral("ui.language")).indexOf(QStringLiteral("ja"));
    QVERIFY(ja > 0);
    language->setCurrentIndex(ja);
    emit language->activated(ja);
    QCOMPARE(stored(QStringLiteral("ui.language")), QStringLiteral("ja"));
    QCOMPARE(m_language.current(), QStringLiteral("ja"));
    QTRY_COMPARE(save->text(), QStringLiteral("保存(&S)"));
    QCOMPARE(page.watchdogPanel().title(), QStringLiteral("常駐監視サービス (kokoa-watchdog)"));

    const int en = Settings::choices(QStringLiteral("ui.language")).indexOf(QStringLiteral("en"));
    language->setCurrentIndex(en);
    emit language->activated(en);
    QCOMPARE(stored(QStringLiteral("ui.language")), QStringLiteral("en"));
    QTRY_COMPARE(save->text(), QStringLiteral("&Save"));
}

void tst_SettingsPage::watchdogInstallAndUninstall()
{
    QList<QStringList> calls;
    QMutex lock; // the runner is called from the job's thread
    app::WatchdogService::Options options;
    options.unitDirectory = m_dir->filePath(QStringLiteral("units"));
    options.systemctl = QStringLiteral("fake-systemctl");
    options.loginctl = QStringLiteral("fake-loginctl");
    options.user = QStringLiteral("kokoa-user");
    options.run = [&](const QString &program, const QStringList &args) {
        const QMutexLocker locker(&lock);
        calls.append(QStringList{program} + args);
        return app::WatchdogService::CommandResult{
            0, args.contains(QStringLiteral("is-active")) ? QStringLiteral("active") : QString()};
    };
    gui::SettingsPage page(*m_session, m_language);
    gui::WatchdogPanel &panel = page.watchdogPanel();
    panel.setOptions(options);
    panel.setWatchdogBinary(QStringLiteral("/opt/kokoa/bin/kokoa-watchdog"));
    QSignalSpy idle(&panel, &gui::WatchdogPanel::idle);
    page.show();
    QTRY_COMPARE_WITH_TIMEOUT(idle.size(), 1, 10000);
    QVERIFY2(panel.stateText().startsWith(QStringLiteral("Not installed")),
             qPrintable(panel.stateText()));
    auto *uninstall = panel.findChild<QPushButton *>(QStringLiteral("uninstallWatchdog"));
    QVERIFY(!uninstall->isEnabled());

    panel.findChild<QPushButton *>(QStringLiteral("installWatchdog"))->click();
    QVERIFY(panel.isBusy());
    QTRY_COMPARE_WITH_TIMEOUT(idle.size(), 2, 10000);
    const QString unitPath = options.unitDirectory + QStringLiteral("/kokoa-watchdog.service");
    QVERIFY(QFile::exists(unitPath));
    {
        const QMutexLocker locker(&lock);
        QVERIFY(calls.contains(QStringList{QStringLiteral("fake-loginctl"),
                                           QStringLiteral("enable-linger"),
                                           QStringLiteral("kokoa-user")}));
    }
    QVERIFY2(panel.stateText().contains(QStringLiteral("active")), qPrintable(panel.stateText()));
    QVERIFY(uninstall->isEnabled());
    guitest::screenshot(&panel, QStringLiteral("watchdog-installed"));

    uninstall->click();
    QTRY_COMPARE_WITH_TIMEOUT(idle.size(), 3, 10000);
    QVERIFY(!QFile::exists(unitPath));
    QVERIFY2(panel.stateText().startsWith(QStringLiteral("Not installed")),
             qPrintable(panel.stateText()));
}

QTEST_MAIN(tst_SettingsPage)
#include "tst_settings_page.moc"
