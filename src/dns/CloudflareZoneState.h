#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace kokoa {

// The last known A and AAAA records of one Cloudflare zone, as the API shows
// them (JSON objects with id, name, content, comment, ...), by name. Kept
// from one full listing and the answers of the batches sent since, so a
// change does not list the zone again; dropped after any error, and read
// again on the monitor's schedule.
class CloudflareZoneState final
{
public:
    bool known() const { return m_known; }
    void forget()
    {
        m_known = false;
        m_byName.clear();
    }
    // A fresh listing of the zone (records of every type; only A and AAAA
    // are kept).
    void load(const QJsonArray &records);
    QList<QJsonObject> at(const QString &hostname) const { return m_byName.value(hostname); }
    // Applies a batch's answer ({deletes, patches, puts, posts}, each a list
    // of records). False if it is malformed: the state is then forgotten.
    bool applyBatchResult(const QJsonObject &result);

    static QString nameOf(const QJsonObject &record);

private:
    bool isAddress(const QJsonObject &record) const;
    void removeId(const QString &id);
    void insert(const QJsonObject &record);

    QHash<QString, QList<QJsonObject>> m_byName;
    bool m_known = false;
};

} // namespace kokoa
