#pragma once

#include "core/Clock.h"
#include "store/Database.h"

namespace kokoa {

// A named, expiring lease in the shared database: only its holder may act
// (e.g. change DNS). The holder renews it every cycle; if it dies, another
// process takes over once it expires. SQLite's write lock makes acquire
// atomic across processes.
class Lease final
{
    Q_DECLARE_TR_FUNCTIONS(Lease)

public:
    static QString dnsLeaseName() { return QStringLiteral("dns"); }

    Lease(Database &db, QString name, QString holder, const Clock &clock = Clock::system());

    // Takes or renews the lease for ttlMs; false if someone else holds it.
    Result<bool> acquire(qint64 ttlMs);
    Status release();
    // Who holds it now (empty if nobody or expired) and until when.
    Result<std::pair<QString, qint64>> current();

private:
    Database &m_db;
    QString m_name;
    QString m_holder;
    const Clock &m_clock;
};

} // namespace kokoa
