#pragma once

#include "CloudflareEmulator.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

// Cloudflare's batch of DNS record changes (POST /zones/{id}/dns_records/batch)
// as its documentation describes it: deletes, then patches, then puts, then
// posts, each list in the order given, all in one transaction: when any
// item fails nothing is applied and the first error is returned. A batch
// holds at most `limit` records (200 on the Free plan). Runs on a copy of
// the zone's records; the emulator keeps the copy only on success.
class CloudflareBatch final
{
public:
    using Record = CloudflareEmulator::Record;

    struct Failure
    {
        int status = 400;
        int code = 0;
        QString message;
    };

    // records: every record of every zone (the batch touches only zoneId's).
    CloudflareBatch(QString zoneId, QString zoneName, QList<Record> records,
                    std::function<QString()> newId);

    // Applies the batch to the copy. failAtLastItem: the batch's last item
    // fails as if Cloudflare refused it (after the others ran on the copy).
    // The result object on success: {deletes, patches, puts, posts}.
    std::optional<Failure> run(const QJsonObject &body, int limit, bool failAtLastItem);
    const QJsonObject &result() const { return m_result; }
    const QList<Record> &records() const { return m_records; }

    // What Cloudflare checks before it creates a record (also for a put).
    static std::optional<Failure> checkNew(const Record &record, const QString &zoneName,
                                           const QList<Record> &existing);

private:
    std::optional<Failure> remove(const QJsonObject &item);
    std::optional<Failure> patch(const QJsonObject &item);
    std::optional<Failure> put(const QJsonObject &item);
    std::optional<Failure> post(const QJsonObject &item);
    qsizetype indexOf(const QString &id) const;

    QString m_zoneId;
    QString m_zoneName;
    QList<Record> m_records;
    std::function<QString()> m_newId;
    QJsonObject m_result;
};
