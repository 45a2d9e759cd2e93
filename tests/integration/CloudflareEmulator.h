#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QRecursiveMutex>
#include <QString>
#include <QStringList>
#include <QTcpServer>
#include <QTcpSocket>

#include <functional>
#include <memory>

class QThread;

// A local stand-in for the Cloudflare API v4 (DNS part), written from
// Cloudflare's published docs, on 127.0.0.1 and a free port. Base URL:
// http://127.0.0.1:<port>/client/v4. Implements:
//   GET    /user/tokens/verify
//   GET    /zones?name=&page=&per_page=
//   GET    /zones/{id}   (with name_servers)
//   GET    /zones/{id}/dns_records?type=&name=&page=&per_page=
//   POST   /zones/{id}/dns_records (A, AAAA; TXT for ACME DNS-01)
//   PATCH  /zones/{id}/dns_records/{record_id}
//   DELETE /zones/{id}/dns_records/{record_id}
//   POST   /zones/{id}/dns_records/batch (CloudflareBatch: deletes, patches,
//          puts, posts in that order, all or nothing, at most batchLimit records)
// with the {success, errors, messages, result, result_info} envelope, Bearer
// token checks (400/9106 missing, 401/1000 on verify, 403/9109 elsewhere) and
// switchable faults. Runs in the thread that creates it (start()) or in a
// thread of its own (startOnOwnThread()), which a client that blocks in the
// creating thread needs; its state is shared under a lock either way.
class CloudflareEmulator final : public QObject
{
    Q_OBJECT

public:
    struct Record
    {
        QString id;
        QString zoneId;
        QString name;
        QString type;
        QString content;
        int ttl = 1;
        bool proxied = false;
        QString comment;
    };

    struct Request
    {
        QByteArray method;
        QString path;  // without /client/v4
        QString query; // decoded
        bool authorized = false;
        QByteArray body;
        int status = 0;
    };

    explicit CloudflareEmulator(QByteArray token, QObject *parent = nullptr);
    ~CloudflareEmulator() override;

    bool start();
    // Listens on a given address and port (0: any free port) instead of
    // 127.0.0.1, e.g. inside a host of the end-to-end world.
    bool start(const QHostAddress &address, quint16 port);
    // Listens on 127.0.0.1 and answers from a thread of its own.
    bool startOnOwnThread();
    QString baseUrl() const;
    QStringList zoneIds() const;
    QString zoneName(const QString &zoneId) const;

    QString addZone(const QString &name);
    QString addRecord(const Record &record); // returns the id
    // Deletes a record behind the client's back (someone else, or a retried
    // DELETE whose first try went through). False if there was none.
    bool dropRecord(const QString &id);
    QList<Record> records(const QString &zoneId) const;
    QList<Record> recordsNamed(const QString &name) const;
    QList<Request> requests() const;
    void clearRequests();
    // Requests handled since the last clearRequests(), whatever their answer:
    // what Cloudflare counts against the rate limit.
    int requestCount() const;
    int requestCount(const QByteArray &method, const QString &pathSuffix) const;

    // Records per batch request (Cloudflare: 200 on the Free plan, 3,500 on
    // paid plans); a larger batch is refused whole.
    void setBatchLimit(int records);
    int batchLimit() const;

    // Faults.
    void setLatencyMs(int ms);
    void failWith429(int count, int retryAfterSeconds);
    void failWith5xx(int count, int status = 502);
    // The next `count` batches fail at their last item (400, nothing applied).
    void failBatches(int count);
    // A broken or hostile API: every record listing's envelope passes
    // through `patch` before it is sent (empty: unchanged).
    void setListingPatch(std::function<void(QJsonObject &envelope)> patch);
    // Every JSON body grows by this many trailing spaces (still valid JSON).
    void setPaddingBytes(qsizetype bytes);
    // A slow-loris server: each reply's headers are written at once, its
    // body one byte every `ms` milliseconds (0: all at once).
    void setTrickleMs(int ms);

    // A record as the API shows it.
    static QJsonObject toJson(const Record &record);

signals:
    // A create, patch or delete through the API succeeded in this zone.
    // Emitted before the reply is sent, so a mirror updated from it is
    // current by the time the client sees the answer.
    void recordsChanged(const QString &zoneId);
    // requests().last() was just handled (its status is set).
    void requestHandled();

private:
    struct Reply
    {
        int status = 200;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray contentType = "application/json";
    };

    void onConnection();
    void onReadyRead(QTcpSocket *socket);
    Reply handle(Request &request, const QHash<QByteArray, QByteArray> &headers);
    Reply routeZones(const Request &request, const QStringList &parts, const QJsonObject &query);
    Reply listRecords(const QString &zoneId, const QJsonObject &query);
    Reply createRecord(const QString &zoneId, const QByteArray &body);
    Reply patchRecord(const QString &zoneId, const QString &recordId, const QByteArray &body);
    Reply deleteRecord(const QString &zoneId, const QString &recordId);
    Reply batch(const QString &zoneId, const QByteArray &body);
    static Reply error(int status, int code, const QString &message);
    static Reply success(const QJsonValue &result, const QJsonObject &resultInfo = {});
    QString newId();

    void trickle(QTcpSocket *socket, QByteArray rest);
    void shutDown();

    mutable QRecursiveMutex m_mutex;
    QTcpServer *m_server; // child, so it follows this object to its thread
    std::unique_ptr<QThread> m_thread;
    QByteArray m_token;
    QHash<QString, QString> m_zones; // id -> name
    QList<Record> m_records;
    QList<Request> m_requests;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    int m_latencyMs = 0;
    int m_fail429 = 0;
    int m_retryAfter = 0;
    int m_fail5xx = 0;
    int m_5xxStatus = 502;
    std::function<void(QJsonObject &)> m_listingPatch;
    qsizetype m_paddingBytes = 0;
    int m_trickleMs = 0;
    int m_batchLimit = 200;
    int m_failBatches = 0;
    quint64 m_nextId = 1;
};
