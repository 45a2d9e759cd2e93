#pragma once

#include "core/Result.h"

#include <QObject>
#include <QString>

#include <memory>

namespace kokoa {
class Store;
}

namespace kokoa::gui {

// What every page of the window shares: the data directory and the GUI
// thread's own database connection. That connection is for reading the
// configuration and for small edits (one row at a time); anything that
// talks to the network, runs SSH or reads much is a job on its own thread
// with its own connection (app/Job, app/DeployJob).
class Session final : public QObject
{
    Q_OBJECT

public:
    // The data directory must hold a database (app/Installation has run).
    static Result<std::unique_ptr<Session>> open(const QString &dataDir);
    ~Session() override;

    const QString &dataDir() const { return m_dataDir; }
    QString databasePath() const;
    Store &store() { return *m_store; }

    // Every edit made through the window calls this, so the other pages
    // show it (the monitor notices changes by itself).
    void notifyConfigurationChanged() { emit configurationChanged(); }

signals:
    void configurationChanged();

private:
    Session(QString dataDir, std::unique_ptr<Store> store);

    QString m_dataDir;
    std::unique_ptr<Store> m_store;
};

} // namespace kokoa::gui
