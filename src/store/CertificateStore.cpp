#include "store/CertificateStore.h"

#include <QFileInfo>

namespace kokoa {

bool CertificateStore::has(const QString &hostname) const
{
    const QString dir = m_directory + QLatin1Char('/') + certificateDirName(hostname);
    return QFileInfo::exists(dir + QStringLiteral("/fullchain.pem")) &&
           QFileInfo::exists(dir + QStringLiteral("/privkey.pem"));
}

QSet<QString> CertificateStore::certified(const Topology &topology) const
{
    QSet<QString> out;
    for (const Route &r : topology.routes) {
        if (has(r.hostname))
            out.insert(r.hostname);
    }
    return out;
}

} // namespace kokoa
