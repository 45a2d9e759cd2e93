#pragma once

#include "app/Installation.h"
#include "gui/Language.h"
#include "gui/Session.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QDialog>
#include <QDir>
#include <QTemporaryDir>
#include <QWidget>

#include <functional>
#include <memory>

namespace kokoa::guitest {

// A session on a fresh data directory, set up as `kokoactl init` does.
inline std::unique_ptr<gui::Session> openSession(const QTemporaryDir &dir)
{
    const app::Installation installation(dir.path());
    if (auto made = installation.setUp({}); !made)
        qFatal("%s", qPrintable(made.error().message()));
    auto session = gui::Session::open(dir.path());
    if (!session)
        qFatal("%s", qPrintable(session.error().message()));
    return std::move(session).value();
}

// A manual zone example.com, an origin "home" and an edge "tokyo-1".
inline void seedTopology(Store &store)
{
    Zone zone;
    zone.name = QStringLiteral("example.com");
    if (!store.addZone(zone))
        qFatal("zone not added");
    Origin origin;
    origin.name = QStringLiteral("home");
    origin.ssh = SshTarget{QStringLiteral("admin"), QStringLiteral("192.168.1.10"), 22};
    if (!store.addOrigin(origin))
        qFatal("origin not added");
    Edge edge;
    edge.name = QStringLiteral("tokyo-1");
    edge.ssh.host = QStringLiteral("8.8.4.4");
    edge.publicIpv4 = QStringLiteral("8.8.4.4");
    if (!store.addEdge(edge))
        qFatal("edge not added");
}

// With KOKOA_SCREENSHOT_DIR set, saves what `widget` shows as NAME-en.png
// and NAME-ja.png there, to look at; otherwise does nothing.
// Lets posted events (a language change, then the relayout it causes) run.
inline void settle()
{
    for (int i = 0; i < 5; ++i) {
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
    }
}

inline void screenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("KOKOA_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    if (!qobject_cast<QDialog *>(widget))
        widget->resize(1000, 650); // about a main window's page
    widget->show();
    settle();
    widget->grab().save(QDir(dir).filePath(name + QStringLiteral("-en.png")));
    {
        gui::Language japanese;
        japanese.apply(QStringLiteral("ja"));
        settle(); // the posted language change
        widget->grab().save(QDir(dir).filePath(name + QStringLiteral("-ja.png")));
    }
    settle(); // back to English
}

// For a widget whose text is written while it works (a deploy log): `run`
// builds and drives a fresh one under each language in turn, so the
// Japanese screenshot shows what a Japanese user sees, not an English log
// under retranslated labels. `run` returns null if it could not finish.
inline void screenshotRunIn(const QString &name,
                            const std::function<std::unique_ptr<QWidget>()> &run)
{
    const QString dir = qEnvironmentVariable("KOKOA_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    const auto shoot = [&](const QString &suffix) {
        const std::unique_ptr<QWidget> widget = run();
        if (!widget)
            qFatal("screenshot %s: the scenario did not finish", qPrintable(name));
        widget->show();
        settle();
        widget->grab().save(QDir(dir).filePath(name + suffix));
    };
    shoot(QStringLiteral("-en.png"));
    {
        gui::Language japanese;
        japanese.apply(QStringLiteral("ja"));
        settle();
        shoot(QStringLiteral("-ja.png"));
    }
    settle();
}

} // namespace kokoa::guitest
