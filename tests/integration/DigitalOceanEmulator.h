#pragma once

#include "EmulatorHttpServer.h"

#include <QJsonArray>
#include <QMap>
#include <QMutex>
#include <QStringList>

#include <functional>
#include <optional>

// A local stand-in for the DigitalOcean API v2 (droplets), written from
// DigitalOcean's published reference, on 127.0.0.1. Base URL:
// http://127.0.0.1:<port>/v2. Implements:
//   GET    /account
//   POST   /droplets                  202 {droplet, links.actions}
//   GET    /droplets?tag_name=&page=&per_page=   {droplets, links.pages.next, meta.total}
//   GET    /droplets/{id}             {droplet}; 404 not_found
//   DELETE /droplets/{id}             204 (its reserved IPs become unassigned)
//   GET    /reserved_ips?page=&per_page=  {reserved_ips, links.pages.next, meta.total}
//   POST   /reserved_ips {droplet_id} | {region}   202 {reserved_ip, links.actions}
//   GET    /reserved_ips/{ip}         {reserved_ip: {ip, droplet|null, region, locked}}
//   DELETE /reserved_ips/{ip}         204; 422 while assigned or locked
//   POST   /reserved_ips/{ip}/actions {type: assign, droplet_id} | {type: unassign}
//                                     201 {action: {id, status: in-progress}}
//   GET    /reserved_ips/{ip}/actions/{id}   {action}
// An action on a reserved IP takes effect when it completes, after
// actionReads() reads of it; the IP is locked (422 for other actions) until
// then. Assigning needs a droplet in the reserved IP's region.
// Errors as {"id", "message"}: 401 unauthorized, 404 not_found, 422
// unprocessable_entity (unknown image, region or size), 429
// too_many_requests. Every answer carries ratelimit-limit (5,000),
// ratelimit-remaining and ratelimit-reset. Names need not be unique. A new
// droplet is "new" and "active" after bootReads() reads of it.
class DigitalOceanEmulator final
{
    Q_DISABLE_COPY_MOVE(DigitalOceanEmulator)

public:
    struct Droplet
    {
        qint64 id = 0;
        QString name;
        QString status;
        QString region;
        QString size;
        QString image;
        QByteArray userData;
        QJsonArray tags;
        QString ipv4;
        int reads = 0;
    };

    struct ReservedIp
    {
        QString ip;
        QString region;
        qint64 droplet = 0; // 0: unassigned
        // The action in progress (assign to pendingDroplet, or unassign when 0).
        qint64 actionId = 0;
        qint64 pendingDroplet = 0;
        int actionReads = 0;
    };

    explicit DigitalOceanEmulator(QByteArray token);
    ~DigitalOceanEmulator();

    bool start();
    QString baseUrl() const;

    qint64 addDroplet(const QString &name, const QJsonArray &tags);
    QList<Droplet> droplets() const;
    QList<ReservedIp> reservedIps() const;
    int requestCount(const QByteArray &method, const QString &pathPrefix) const;

    // The end-to-end world's hooks: a new droplet's address comes from
    // `assign` (an empty answer fails the create with 422, no droplet made),
    // and `hook` runs when a droplet is deleted. Both run under the
    // emulator's lock, so requests wait for them.
    void assignAddresses(std::function<QString(const Droplet &)> assign);
    void onDestroyed(std::function<void(const Droplet &)> hook);
    void setBootReads(int reads);
    void setActionReads(int reads);
    void setNeverReady(bool never);
    void failWith429(int count, int retryAfterSeconds);
    void failWith5xx(int count);
    void failDestroys(int count); // DELETE answers 500 and keeps the droplet
    // The next `count` creates succeed but answer 500, as if the answer was lost.
    void loseCreateAnswers(int count);

private:
    EmulatorHttpServer::Reply handle(const EmulatorHttpServer::Request &request);
    EmulatorHttpServer::Reply create(const QByteArray &body);
    EmulatorHttpServer::Reply list(const QString &query) const;
    EmulatorHttpServer::Reply reservedIpRequest(const EmulatorHttpServer::Request &request,
                                                const QStringList &parts);
    EmulatorHttpServer::Reply reserve(const QByteArray &body);
    EmulatorHttpServer::Reply startAction(ReservedIp &r, const QByteArray &body);
    EmulatorHttpServer::Reply readAction(ReservedIp &r, qint64 actionId);
    QJsonObject toJson(const ReservedIp &r) const;
    static QJsonObject actionJson(qint64 id, const QString &status);
    QJsonObject toJson(const Droplet &d) const;
    static EmulatorHttpServer::Reply error(int status, const QString &id, const QString &message);
    static EmulatorHttpServer::Reply json(int status, const QJsonObject &body);

    mutable QMutex m_mutex;
    QByteArray m_token;
    std::unique_ptr<EmulatorHttpServer> m_http;
    QMap<qint64, Droplet> m_droplets;
    QMap<QString, ReservedIp> m_reservedIps;
    int m_nextReservedIp = 10;
    int m_actionReads = 1;
    QList<QPair<QByteArray, QString>> m_requests;
    qint64 m_nextId = 3164444;
    int m_remaining = 5000;
    int m_bootReads = 1;
    bool m_neverReady = false;
    int m_fail429 = 0;
    int m_retryAfter = 0;
    int m_fail5xx = 0;
    int m_failDestroys = 0;
    int m_loseCreates = 0;
    std::function<QString(const Droplet &)> m_assign;
    std::function<void(const Droplet &)> m_onDestroyed;
};
