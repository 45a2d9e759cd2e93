#include "store/TunnelAllocator.h"

#include <QHostAddress>
#include <QSet>

namespace kokoa {

Result<QString> TunnelAllocator::allocate(const QString &range, const QString &ownerKind,
                                          const QString &ownerName)
{
    const auto [network, prefix] = QHostAddress::parseSubnet(range);
    if (network.protocol() != QAbstractSocket::IPv4Protocol || prefix < 8 || prefix > 29) {
        return Error(Error::Kind::InvalidInput,
                     tr("tunnel.range: %1 is not an IPv4 range from /8 to /29").arg(range),
                     QStringLiteral("tunnel.range"));
    }
    if (Status s = collectUnreferenced(); !s)
        return s.error();

    Result<QSqlQuery> used = m_db.exec(QStringLiteral("SELECT address FROM tunnel_addresses"));
    if (!used)
        return used.error();
    QSet<quint32> taken;
    while (used->next())
        taken.insert(QHostAddress(used->value(0).toString()).toIPv4Address());

    Result<QSqlQuery> cursorQuery =
        m_db.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'tunnel_cursor'"));
    if (!cursorQuery)
        return cursorQuery.error();
    const quint32 cursor = cursorQuery->next() ? cursorQuery->value(0).toUInt() : 0;

    // Usable hosts: network + 1 … broadcast - 1.
    const quint32 first = network.toIPv4Address() + 1;
    const quint32 count = (quint32(1) << (32 - prefix)) - 2;
    const quint32 start = (cursor >= first && cursor < first + count) ? cursor - first + 1 : 0;
    for (quint32 step = 0; step < count; ++step) {
        const quint32 candidate = first + (start + step) % count;
        if (taken.contains(candidate))
            continue;
        const QString address = QHostAddress(candidate).toString();
        if (Status s = claim(address, ownerKind, ownerName); !s)
            return s.error();
        Result<QSqlQuery> saved =
            m_db.exec(QStringLiteral("INSERT INTO meta (key, value) VALUES ('tunnel_cursor', ?) "
                                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                      {QString::number(candidate)});
        if (!saved)
            return saved.error();
        return address;
    }
    return Error(Error::Kind::Conflict,
                 tr("tunnel.range %1 has no free address left (addresses stay reserved while a "
                    "deployed config refers to them)")
                     .arg(range),
                 QStringLiteral("tunnel.range"));
}

Status TunnelAllocator::claim(const QString &address, const QString &ownerKind,
                              const QString &ownerName)
{
    Result<QSqlQuery> existing = m_db.exec(
        QStringLiteral("SELECT owner_kind, owner_name FROM tunnel_addresses WHERE address = ?"),
        {address});
    if (!existing)
        return existing.error();
    if (existing->next()) {
        const QString kind = existing->value(0).toString();
        const QString name = existing->value(1).toString();
        if (kind == ownerKind && name == ownerName)
            return {};
        const QString holder = kind.isEmpty()
                                   ? tr("a removed host that deployed configs still refer to")
                                   : kind + QLatin1Char(' ') + name;
        return Error(Error::Kind::Conflict,
                     tr("tunnel address %1 is taken by %2").arg(address, holder),
                     QStringLiteral("tunnel address"));
    }
    Result<QSqlQuery> inserted =
        m_db.exec(QStringLiteral("INSERT INTO tunnel_addresses (address, owner_kind, owner_name) "
                                 "VALUES (?, ?, ?)"),
                  {address, ownerKind, ownerName});
    if (!inserted)
        return inserted.error();
    return {};
}

Status TunnelAllocator::release(const QString &address, qint64 nowMs)
{
    Result<QSqlQuery> q =
        m_db.exec(QStringLiteral("UPDATE tunnel_addresses SET owner_kind = '', owner_name = '', "
                                 "released_at_ms = ? WHERE address = ?"),
                  {nowMs, address});
    if (!q)
        return q.error();
    return collectUnreferenced();
}

Status TunnelAllocator::recordReferences(const QString &hostKind, const QString &hostName,
                                         const QStringList &addresses)
{
    Result<QSqlQuery> cleared = m_db.exec(
        QStringLiteral("DELETE FROM config_references WHERE host_kind = ? AND host_name = ?"),
        {hostKind, hostName});
    if (!cleared)
        return cleared.error();
    for (const QString &address : addresses) {
        Result<QSqlQuery> q = m_db.exec(
            QStringLiteral("INSERT OR IGNORE INTO config_references (host_kind, host_name, "
                           "address) VALUES (?, ?, ?)"),
            {hostKind, hostName, address});
        if (!q)
            return q.error();
    }
    return collectUnreferenced();
}

Status TunnelAllocator::forgetHost(const QString &hostKind, const QString &hostName)
{
    return recordReferences(hostKind, hostName, {});
}

Status TunnelAllocator::collectUnreferenced()
{
    Result<QSqlQuery> q = m_db.exec(
        QStringLiteral("DELETE FROM tunnel_addresses WHERE owner_kind = '' AND address NOT IN "
                       "(SELECT address FROM config_references)"));
    if (!q)
        return q.error();
    return {};
}

bool TunnelAllocator::inRange(const QString &address, const QString &range)
{
    return QHostAddress(address).isInSubnet(QHostAddress::parseSubnet(range));
}

QString TunnelAllocator::addressProblem(const QString &address, const QString &range)
{
    if (!inRange(address, range))
        return tr("is outside tunnel.range %1").arg(range);
    const auto [network, prefix] = QHostAddress::parseSubnet(range);
    const quint32 first = network.toIPv4Address();
    const quint32 last = first | (prefix >= 32 ? 0u : (0xffffffffu >> prefix));
    const quint32 value = QHostAddress(address).toIPv4Address();
    if (value == first)
        return tr("is the network address of tunnel.range %1").arg(range);
    if (value == last)
        return tr("is the broadcast address of tunnel.range %1").arg(range);
    return {};
}

} // namespace kokoa
