#include "store/CertificateStore.h"

#include "core/DataDirectory.h"
#include "store/SecretStore.h"
#include "store/StoreQuery.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTimeZone>

namespace kokoa {
namespace {

constexpr auto chainFile = "fullchain.pem";
constexpr auto keyFile = "privkey.pem";

const QString columns =
    QStringLiteral("name, names, issuer, profile, not_before_ms, not_after_ms, serial, ari_id, "
                   "ari_window_start_ms, ari_window_end_ms, directory_url, chain_pem, key_secret");

QDateTime fromMs(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), QTimeZone::utc());
}

QVariant toMs(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch())
                          : QVariant(QMetaType::fromType<qint64>());
}

CertificateRecord readRow(const QSqlQuery &q)
{
    CertificateRecord r;
    r.name = q.value(0).toString();
    r.names = q.value(1).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    r.issuer = q.value(2).toString();
    r.profile = q.value(3).toString();
    r.notBefore = fromMs(q.value(4));
    r.notAfter = fromMs(q.value(5));
    r.serial = q.value(6).toString();
    r.ariId = q.value(7).toString();
    r.ariWindowStart = fromMs(q.value(8));
    r.ariWindowEnd = fromMs(q.value(9));
    r.directoryUrl = q.value(10).toString();
    r.chainPem = q.value(11).toString().toLatin1();
    r.keySecret = q.value(12).toString();
    return r;
}

Result<QByteArray> readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error(Error::Kind::Io,
                     CertificateStore::tr("cannot read %1: %2").arg(path, f.errorString()));
    return f.readAll();
}

} // namespace

CertificateStore::CertificateStore(Database &db, const QString &dataDir)
    : m_db(db)
    , m_secretsDir(DataDirectory::secretsPath(dataDir))
    , m_filesDir(DataDirectory::certificatesPath(dataDir))
{}

QString CertificateStore::keySecretName(const QString &name, const QString &serial)
{
    return QStringLiteral("cert-") + certificateDirName(name).toLower() + QLatin1Char('-') +
           serial.left(32).toLower();
}

QStringList CertificateStore::fileNames() const
{
    QStringList out;
    const QStringList dirs = QDir(m_filesDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &dir : dirs) {
        const QString base = m_filesDir + QLatin1Char('/') + dir + QLatin1Char('/');
        if (QFileInfo::exists(base + QLatin1String(chainFile)) &&
            QFileInfo::exists(base + QLatin1String(keyFile))) {
            out.append(dir.startsWith(QLatin1String("_wildcard."))
                           ? QStringLiteral("*.") + dir.mid(10)
                           : dir);
        }
    }
    return out;
}

std::optional<CertificateRecord> CertificateStore::fromFiles(const QString &name) const
{
    const QString base =
        m_filesDir + QLatin1Char('/') + certificateDirName(name) + QLatin1Char('/');
    if (!QFileInfo::exists(base + QLatin1String(keyFile)))
        return std::nullopt;
    const Result<QByteArray> chain = readFile(base + QLatin1String(chainFile));
    if (!chain)
        return std::nullopt;
    CertificateRecord r;
    r.name = name;
    r.names = {name};
    r.chainPem = *chain;
    r.fromFile = true;
    return r;
}

Result<QList<CertificateRecord>> CertificateStore::list() const
{
    Result<QList<CertificateRecord>> rows = StoreQuery::readAll(
        m_db.exec(QStringLiteral("SELECT %1 FROM certificates ORDER BY name").arg(columns)),
        &readRow);
    if (!rows)
        return rows.error();
    QSet<QString> known;
    for (const CertificateRecord &r : std::as_const(*rows))
        known.insert(r.name);
    for (const QString &name : fileNames()) {
        if (known.contains(name))
            continue;
        if (std::optional<CertificateRecord> r = fromFiles(name))
            rows->append(*r);
    }
    std::sort(
        rows->begin(), rows->end(),
        [](const CertificateRecord &a, const CertificateRecord &b) { return a.name < b.name; });
    return rows;
}

Result<std::optional<CertificateRecord>> CertificateStore::find(const QString &name) const
{
    Result<QSqlQuery> q = m_db.exec(
        QStringLiteral("SELECT %1 FROM certificates WHERE name = ?").arg(columns), {name});
    if (!q)
        return q.error();
    if (q->next())
        return std::optional<CertificateRecord>(readRow(*q));
    return fromFiles(name);
}

Result<CertificateMaterial> CertificateStore::material(const QString &name) const
{
    const Result<std::optional<CertificateRecord>> record = find(name);
    if (!record)
        return record.error();
    if (!*record)
        return Error(Error::Kind::NotFound, tr("there is no certificate for %1").arg(name),
                     QStringLiteral("certificate"));
    CertificateMaterial m;
    m.name = name;
    m.chainPem = (*record)->chainPem;
    m.serial = (*record)->serial;
    const Result<QByteArray> key =
        (*record)->fromFile ? readFile(m_filesDir + QLatin1Char('/') + certificateDirName(name) +
                                       QLatin1Char('/') + QLatin1String(keyFile))
                            : SecretStore(m_secretsDir).get((*record)->keySecret);
    if (!key)
        return key.error();
    m.keyPem = *key;
    return m;
}

Result<QSet<QString>> CertificateStore::certified(const Topology &topology) const
{
    Result<QSqlQuery> q = m_db.exec(QStringLiteral("SELECT name FROM certificates"));
    if (!q)
        return q.error();
    QSet<QString> held;
    while (q->next())
        held.insert(q->value(0).toString());
    for (const QString &name : fileNames())
        held.insert(name);
    QSet<QString> out;
    for (const Route &r : topology.routes) {
        if (held.contains(r.hostname))
            out.insert(r.hostname);
    }
    return out;
}

QSet<QString> CertificateStore::certifiedOrNone(const Topology &topology) const
{
    Result<QSet<QString>> out = certified(topology);
    return out ? *out : QSet<QString>();
}

Status CertificateStore::put(CertificateRecord record, const QByteArray &keyPem)
{
    if (record.name.isEmpty() || record.chainPem.isEmpty() || keyPem.isEmpty())
        return Error(Error::Kind::InvalidInput, tr("a certificate needs a name, a chain and a key"),
                     QStringLiteral("certificate"));
    const Result<std::optional<CertificateRecord>> previous = find(record.name);
    if (!previous)
        return previous.error();
    SecretStore secrets(m_secretsDir);
    record.keySecret = keySecretName(record.name, record.serial);
    if (Status s = secrets.put(record.keySecret, keyPem); !s)
        return s;
    const Result<QSqlQuery> written =
        m_db.exec(QStringLiteral("INSERT OR REPLACE INTO certificates (%1, updated_ms) VALUES "
                                 "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                      .arg(columns),
                  {record.name, record.names.join(QLatin1Char(' ')), record.issuer, record.profile,
                   toMs(record.notBefore), toMs(record.notAfter), record.serial, record.ariId,
                   toMs(record.ariWindowStart), toMs(record.ariWindowEnd), record.directoryUrl,
                   QString::fromLatin1(record.chainPem), record.keySecret,
                   QDateTime::currentMSecsSinceEpoch()});
    if (!written) {
        const bool keyWasInUse = *previous && (*previous)->keySecret == record.keySecret;
        if (!keyWasInUse)
            (void)secrets.remove(record.keySecret);
        return written.error();
    }
    if (*previous && !(*previous)->fromFile && (*previous)->keySecret != record.keySecret)
        (void)secrets.remove((*previous)->keySecret);
    return {};
}

Status CertificateStore::recordHolder(const QString &edge, const QHash<QString, QString> &serials)
{
    return m_db.transaction([&]() -> Status {
        if (Status s = StoreQuery::ignoreRows(m_db.exec(
                QStringLiteral("DELETE FROM certificate_holders WHERE edge = ?"), {edge}));
            !s)
            return s;
        for (auto it = serials.cbegin(); it != serials.cend(); ++it) {
            if (Status s = StoreQuery::ignoreRows(
                    m_db.exec(QStringLiteral("INSERT INTO certificate_holders (name, edge, serial, "
                                             "at_ms) VALUES (?, ?, ?, ?)"),
                              {it.key(), edge, it.value(), QDateTime::currentMSecsSinceEpoch()}));
                !s)
                return s;
        }
        return {};
    });
}

Result<QHash<QString, QStringList>> CertificateStore::holders() const
{
    Result<QSqlQuery> q =
        m_db.exec(QStringLiteral("SELECT name, edge FROM certificate_holders ORDER BY name, edge"));
    if (!q)
        return q.error();
    QHash<QString, QStringList> out;
    while (q->next())
        out[q->value(0).toString()].append(q->value(1).toString());
    return out;
}

Status CertificateStore::setRenewalWindow(const QString &name, const QDateTime &start,
                                          const QDateTime &end)
{
    return StoreQuery::ignoreRows(m_db.exec(
        QStringLiteral("UPDATE certificates SET ari_window_start_ms = ?, ari_window_end_ms = ? "
                       "WHERE name = ?"),
        {toMs(start), toMs(end), name}));
}

} // namespace kokoa
