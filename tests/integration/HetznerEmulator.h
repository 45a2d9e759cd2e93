#pragma once

#include "EmulatorHttpServer.h"

#include <QJsonObject>
#include <QMap>
#include <QMutex>
#include <QStringList>

#include <functional>
#include <memory>

// A local stand-in for the Hetzner Cloud API v1 (servers and actions),
// written from Hetzner's published reference, on 127.0.0.1. Base URL:
// http://127.0.0.1:<port>/v1. Implements:
//   POST   /servers                   201 {server, action, next_actions, root_password}
//   GET    /servers?name=&label_selector=&page=&per_page=   {servers, meta.pagination}
//   GET    /servers/{id}              {server}; 404 not_found
//   DELETE /servers/{id}              {action}; the server goes once the action succeeded
//   GET    /actions/{id}              {action} running → success | error
//   GET    /primary_ips/{id}          {primary_ip}
//   PUT    /primary_ips/{id}          {primary_ip}; auto_delete (and name, labels)
// Every server gets a primary IPv4 (public_net.ipv4.id) that goes with it
// (auto_delete true) unless auto_delete was turned off: then it stays,
// unassigned, and a new server takes it with public_net.ipv4 = its id
// (409 primary_ip_assigned while another server holds it; 422 for a
// location other than the address's).
// Errors as {"error": {"code", "message", "details"}}: 401 unauthorized,
// 404 not_found, 409 uniqueness_error (server names are unique per project),
// 422 invalid_input (unknown image, location or server type), 429
// rate_limit_exceeded. Every answer carries RateLimit-Limit (3,600),
// RateLimit-Remaining and RateLimit-Reset. A new server is "initializing"
// and "running" after bootReads() reads of it.
class HetznerEmulator final
{
    Q_DISABLE_COPY_MOVE(HetznerEmulator)

public:
    struct Server
    {
        qint64 id = 0;
        QString name;
        QString status;
        QString serverType;
        QString image;
        QString location;
        QByteArray userData;
        QJsonObject labels;
        QString ipv4;
        int reads = 0;
        qint64 deleteAction = 0;
        qint64 primaryIpv4 = 0;
    };
    struct PrimaryIp
    {
        qint64 id = 0;
        QString ip;
        QString location;
        qint64 assignee = 0; // server id; 0: unassigned
        bool autoDelete = true;
    };

    explicit HetznerEmulator(QByteArray token);
    ~HetznerEmulator();

    bool start();
    QString baseUrl() const;

    // A server made behind Kokoa's back (another tool, another installation).
    qint64 addServer(const QString &name, const QJsonObject &labels);
    QList<Server> servers() const;
    std::optional<Server> server(const QString &name) const;
    int requestCount(const QByteArray &method, const QString &pathPrefix) const;
    QList<PrimaryIp> primaryIps() const;

    // Called (on the emulator's thread) when a server is created, e.g. to
    // bring up a host from its user-data.
    void onCreate(std::function<void(const Server &)> hook);
    // Called (on the emulator's thread) for a server being created: the
    // IPv4 address it gets, e.g. that of a real host brought up from its
    // user-data; empty when none can be had (412 resource_unavailable).
    // Without it, addresses come from 203.0.113.0/24.
    void assignAddresses(std::function<QString(const Server &)> assign);
    // Called (on the emulator's thread) once a server is gone.
    void onDestroyed(std::function<void(const Server &)> hook);

    // Faults.
    void setBootReads(int reads);   // reads before a new server is running
    void setNeverReady(bool never); // new servers stay "initializing"
    void failWith429(int count, int retryAfterSeconds);
    void failWith5xx(int count, int status = 503);
    void failDestroys(int count); // the delete action ends in error
    // The next `count` creates succeed but answer 503, as if the answer was lost.
    void loseCreateAnswers(int count);

private:
    EmulatorHttpServer::Reply handle(const EmulatorHttpServer::Request &request);
    EmulatorHttpServer::Reply createServer(const QByteArray &body);
    EmulatorHttpServer::Reply listServers(const QString &query);
    EmulatorHttpServer::Reply getServer(qint64 id);
    EmulatorHttpServer::Reply deleteServer(qint64 id);
    EmulatorHttpServer::Reply getAction(qint64 id);
    EmulatorHttpServer::Reply primaryIp(const QByteArray &method, qint64 id,
                                        const QByteArray &body);
    std::optional<EmulatorHttpServer::Reply> takePrimaryIp(Server &server,
                                                           const QJsonValue &wanted);
    void serverGone(qint64 serverId);
    QJsonObject toJson(const PrimaryIp &ip) const;
    QJsonObject toJson(const Server &server) const;
    static EmulatorHttpServer::Reply error(int status, const QString &code, const QString &message);
    static EmulatorHttpServer::Reply json(int status, const QJsonObject &body);

    mutable QMutex m_mutex;
    QByteArray m_token;
    std::unique_ptr<EmulatorHttpServer> m_http;
    QMap<qint64, Server> m_servers;
    QMap<qint64, PrimaryIp> m_primaryIps;
    QMap<qint64, QJsonObject> m_actions; // id → action
    QMap<qint64, qint64> m_actionServer; // delete action → server id
    QList<QPair<QByteArray, QString>> m_requests;
    std::function<void(const Server &)> m_onCreate;
    std::function<QString(const Server &)> m_assign;
    std::function<void(const Server &)> m_onDestroyed;
    qint64 m_nextId = 1000;
    int m_remaining = 3600;
    int m_bootReads = 1;
    bool m_neverReady = false;
    int m_fail429 = 0;
    int m_retryAfter = 0;
    int m_fail5xx = 0;
    int m_5xxStatus = 503;
    int m_failDestroys = 0;
    int m_loseCreates = 0;
};
