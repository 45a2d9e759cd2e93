#include "health/LeaseKeeper.h"

#include "health/HealthLogging.h"
#include "store/Lease.h"

#include <algorithm>

namespace kokoa {

LeaseKeeper::LeaseKeeper(Database &db, QString holder, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_lease(std::make_unique<Lease>(db, Lease::dnsLeaseName(), holder, clock))
    , m_holder(std::move(holder))
{}

LeaseKeeper::~LeaseKeeper() = default;

qint64 LeaseKeeper::ttlFor(qint64 healthIntervalMs)
{
    return std::max<qint64>(3 * healthIntervalMs, 6000);
}

void LeaseKeeper::renew(qint64 ttlMs)
{
    const Result<bool> held = m_lease->acquire(ttlMs);
    if (!held)
        qCWarning(lcHealth) << "cannot renew the DNS lease:" << held.error().message();
    setHeld(held && *held);
}

void LeaseKeeper::release()
{
    if (!m_held)
        return;
    if (Status s = m_lease->release(); !s)
        qCWarning(lcHealth) << "cannot release the DNS lease:" << s.error().message();
    setHeld(false);
}

void LeaseKeeper::abandon()
{
    setHeld(false);
}

QString LeaseKeeper::currentHolder() const
{
    const Result<std::pair<QString, qint64>> current = m_lease->current();
    return current ? current->first : QString();
}

void LeaseKeeper::setHeld(bool held)
{
    if (held == m_held)
        return;
    m_held = held;
    emit leaseChanged(held, held ? m_holder : currentHolder());
}

} // namespace kokoa
