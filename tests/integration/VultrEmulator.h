#pragma once

#include "EmulatorHttpServer.h"

#include <QJsonArray>
#include <QMap>
#include <QMutex>
#include <QStringList>

#include <functional>

// A local stand-in for the Vultr API v2 (instances), written from Vultr's
// published reference, on 127.0.0.1. Base URL: http://127.0.0.1:<port>/v2.
// Implements:
//   GET    /account
//   POST   /instances                 202 {instance} (user_data base64, os_id or image_id)
//   GET    /instances?tag=&per_page=&cursor=   {instances, meta.total, meta.links.next}
//   GET    /instances/{id}            {instance}; 404
//   DELETE /instances/{id}            204 (its reserved IP stays, detached)
//   GET    /reserved-ips?per_page=&cursor=     {reserved_ips, meta}
//   POST   /reserved-ips/convert      201 {reserved_ip}: an instance's main IP,
//                                     attached to it; 400 if reserved already
//   PATCH  /reserved-ips/{id}         202 {reserved_ip} (label)
//   POST   /reserved-ips/{id}/detach  204
//   DELETE /reserved-ips/{id}         204; 400 while attached
// POST /instances takes reserved_ipv4 (a detached reserved IP of its region)
// as the instance's main IP.
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

    struct ReservedIp
    {
        QString id;
        QString region;
        QString ip;
        QString label;
        QString instance; // "" when detached
    };

    explicit VultrEmulator(QByteArray token);
    ~VultrEmulator();

    bool start();
    QString baseUrl() const;

    QString addInstance(const QString &label, const QJsonArray &tags);
    QList<Instance> instances() const;
    QList<ReservedIp> reservedIps() const;
    int requestCount(const QByteArray &method, const QString &pathPrefix) const;

    // The end-to-end world's hooks: a new instance's main IP comes from
    // `assign` unless it takes a reserved IP (an empty answer fails the
    // create with 400, no instance made), and `hook` runs when an instance
    // is deleted. Both run under the emulator's lock.
    void assignAddresses(std::function<QString(const Instance &)> assign);
    void onDestroyed(std::function<void(const Instance &)> hook);
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
    EmulatorHttpServer::Reply reservedIpRequest(const EmulatorHttpServer::Request &request,
                                                const QStringList &parts);
    EmulatorHttpServer::Reply convert(const QByteArray &body);
    QJsonObject toJson(const ReservedIp &r) const;
    QString newId();
    static EmulatorHttpServer::Reply error(int status, const QString &message);
    static EmulatorHttpServer::Reply json(int status, const QJsonObject &body);

    mutable QMutex m_mutex;
    QByteArray m_token;
    std::unique_ptr<EmulatorHttpServer> m_http;
    QMap<QString, Instance> m_instances;
    QMap<QString, ReservedIp> m_reserved;
    QList<QPair<QByteArray, QString>> m_requests;
    quint32 m_nextId = 1;
    int m_bootReads = 1;
    bool m_neverReady = false;
    int m_fail429 = 0;
    int m_retryAfter = 0;
    int m_fail5xx = 0;
    int m_failDestroys = 0;
    int m_loseCreates = 0;
    std::function<QString(const Instance &)> m_assign;
    std::function<void(const Instance &)> m_onDestroyed;
};
