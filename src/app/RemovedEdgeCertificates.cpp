#include "app/RemovedEdgeCertificates.h"

#include "store/Store.h"

#include <QRegularExpression>

namespace kokoa::app {

RemovedEdgeCertificates::RemovedEdgeCertificates(Store &store, QString dataDir)
    : m_store(store)
    , m_dataDir(std::move(dataDir))
{}

Result<RemovedEdgeCertificates::Released>
RemovedEdgeCertificates::release(const QString &edge) const
{
    const Result<QStringList> held = CertificateRenewal(m_store, m_dataDir).releaseEdge(edge);
    if (!held)
        return held.error().prefixed(
            tr("edge %1 is removed, but which certificates it held cannot be read").arg(edge));
    Released released;
    released.lineages = *held;
    // An unreadable setting counts as off: the user is then asked rather
    // than a CA being contacted unasked.
    const Result<Settings> settings = m_store.settings();
    released.rekeyNow =
        settings && settings->value(QString::fromLatin1(kRekeySetting)) == QLatin1String("1");
    return released;
}

CertificateRenewal::Request RemovedEdgeCertificates::rekeyRequest(const QStringList &lineages)
{
    CertificateRenewal::Request request;
    request.names = lineages;
    request.newKey = true;
    request.revoke = true;
    return request;
}

QString RemovedEdgeCertificates::rekeyArguments(const QStringList &lineages)
{
    // Hostnames: letters, digits, dots and hyphens need no quotes; anything
    // else (the "*" of a wildcard) is single-quoted. A lineage never holds a
    // quote itself (it is a validated hostname).
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9._-]+$"));
    QStringList words;
    for (const QString &name : lineages)
        words.append(plain.match(name).hasMatch() ? name : u'\'' + name + u'\'');
    return words.join(QLatin1Char(' '));
}

} // namespace kokoa::app
