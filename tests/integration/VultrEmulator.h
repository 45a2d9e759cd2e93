#pragma once

#include "EmulatorHttpServer.h"

#include <QJsonArray>
#include <QMap>
#include <QMutex>
#include <QStringList>

// A local stand-in for the Vultr API v2 (instances), written from Vultr's
// published reference, on 127.0.0.1. Base URL: http://127.0.0.1:<port>/v2.
// Implements:
//   GET    /account
//   POST   /instances                 202 {instance} (user_data base64, os_id or image_id)
//   GET    /instances?tag=&per_page=&cursor=   {instances, meta.total, meta.links.next}
//   GET    /instances/{id}            {instance}; 404
//   DELETE /instances/{id}            204
// Errors as {"error", "status"}: 400 (unknown region, plan or os), 401, 404,
// 429. A new instance is "pending" with main_ip 0.0.0.0, then "active" and
// "running" after bootReads() reads. Labels need not be unique.
class VultrEmulator final
{
    Q_DISABLE_COPY_MOVE(VultrEmulator)

public:
    struct Instance
    {
        QString id;
        QString label;
        QString status;
        QString region;
        QString plan;
        int osId = 0;
        QByteArray userData; // decoded
        QJsonArray tags;
        QString ipv4;
        int reads = 0;
    };

    explicit VultrEmulator(QByteArray token);
    ~VultrEmulator();

    bool start();
    QString baseUrl() const;

    QString addInstance(const QString &label, const QJsonArray &tags);
    QList<Instance> instances() const;
    int requestCount(const QByteArray &method, const QString &pathPrefix) const;

    void setNeverReady(bool never);
    void failWith429(int count, int retryAfterSeconds);
    void failWith5xx(int count);
    void failDestroys(int count);
    void loseCreateAnswers(int count);

private:
    EmulatorHttpServer::Reply handle(const EmulatorHttpServer::Request &request);
    EmulatorHttpServer::Reply create(const QByteArray &body);
    EmulatorHttpServer::Reply list(const QString &query) const;
    QJsonObject toJson(const Instance &i) const;
    QString newId();
    static EmulatorHttpServer::Reply error(int status, const QString &message);
    static EmulatorHttpServer::Reply json(int status, const QJsonObject &body);

    mutable QMutex m_mutex;
    QByteArray m_token;
    std::unique_ptr<EmulatorHttpServer> m_http;
    QMap<QString, Instance> m_instances;
    QList<QPair<QByteArray, QString>> m_requests;
    quint32 m_nextId = 1;
    int m_bootReads = 1;
    bool m_neverReady = false;
    int m_fail429 = 0;
    int m_retryAfter = 0;
    int m_fail5xx = 0;
    int m_failDestroys = 0;
    int m_loseCreates = 0;
};
