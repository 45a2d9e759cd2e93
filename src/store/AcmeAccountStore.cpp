#include "store/AcmeAccountStore.h"

#include "core/DataDirectory.h"
#include "store/SecretStore.h"
#include "store/StoreQuery.h"

#include <QCryptographicHash>

namespace kokoa {

AcmeAccountStore::AcmeAccountStore(Database &db, const QString &dataDir)
    : m_db(db)
    , m_secretsDir(DataDirectory::secretsPath(dataDir))
{}

QString AcmeAccountStore::keySecretName(const QString &directoryUrl)
{
    const QByteArray digest =
        QCryptographicHash::hash(directoryUrl.toUtf8(), QCryptographicHash::Sha256).toHex();
    return QStringLiteral("acme-account-") + QString::fromLatin1(digest.left(16));
}

Result<std::optional<AcmeAccountRecord>> AcmeAccountStore::get() const
{
    Result<QSqlQuery> q = m_db.exec(QStringLiteral(
        "SELECT directory_url, ca_bundle, email, account_url, key_secret FROM acme_account"));
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<AcmeAccountRecord>();
    AcmeAccountRecord a;
    a.directoryUrl = q->value(0).toString();
    a.caBundle = q->value(1).toString();
    a.email = q->value(2).toString();
    a.accountUrl = q->value(3).toString();
    a.keySecret = q->value(4).toString();
    return std::optional<AcmeAccountRecord>(a);
}

Result<QByteArray> AcmeAccountStore::key(const AcmeAccountRecord &account) const
{
    return SecretStore(m_secretsDir).get(account.keySecret);
}

Status AcmeAccountStore::put(AcmeAccountRecord account, const QByteArray &keyPem)
{
    account.keySecret = keySecretName(account.directoryUrl);
    if (!keyPem.isEmpty()) {
        if (Status s = SecretStore(m_secretsDir).put(account.keySecret, keyPem); !s)
            return s;
    }
    return StoreQuery::ignoreRows(m_db.exec(
        QStringLiteral("INSERT OR REPLACE INTO acme_account (id, directory_url, ca_bundle, email, "
                       "account_url, key_secret, updated_ms) VALUES (1, ?, ?, ?, ?, ?, ?)"),
        {account.directoryUrl, account.caBundle, account.email, account.accountUrl,
         account.keySecret, QDateTime::currentMSecsSinceEpoch()}));
}

} // namespace kokoa
