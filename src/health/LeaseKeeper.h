#pragma once

#include "core/Clock.h"
#include "core/Result.h"

#include <QObject>

#include <memory>

namespace kokoa {

class Database;
class Lease;

// The monitor's hold on the DNS lease: takes and renews it every cycle,
// notices when another monitor has taken it, and releases it on stop. Only
// while held() may the monitor change DNS.
class LeaseKeeper final : public QObject
{
    Q_OBJECT

public:
    LeaseKeeper(Database &db, QString holder, const Clock &clock, QObject *parent = nullptr);
    ~LeaseKeeper() override;

    // The lease lasts a few intervals, and never less than 6 s, so one slow
    // cycle does not hand DNS to another monitor.
    static qint64 ttlFor(qint64 healthIntervalMs);

    // Takes or renews the lease for ttlMs; leaseChanged follows a change.
    // A database error counts as not holding it.
    void renew(qint64 ttlMs);
    // Gives the lease back (a no-op unless held).
    void release();
    // Stops counting the lease as held without giving it back: it expires
    // by itself (a DNS change may still land).
    void abandon();

    bool held() const { return m_held; }
    const QString &holder() const { return m_holder; }
    // Who holds it now according to the database (empty: nobody).
    QString currentHolder() const;

Q_SIGNALS:
    // held: whether this monitor holds it now; holder: who does (empty if
    // nobody or unknown).
    void leaseChanged(bool held, const QString &holder);

private:
    void setHeld(bool held);

    std::unique_ptr<Lease> m_lease;
    QString m_holder;
    bool m_held = false;
};

} // namespace kokoa
