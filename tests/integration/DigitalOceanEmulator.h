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
//   DELETE /droplets/{id}             204
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

    explicit DigitalOceanEmulator(QByteArray token);
    ~DigitalOceanEmulator();

    bool start();
    QString baseUrl() const;

    qint64 addDroplet(const QString &name, const QJsonArray &tags);
    QList<Droplet> droplets() const;
    int requestCount(const QByteArray &method, const QString &pathPrefix) const;

    // The end-to-end world's hooks: a new droplet's address comes from
    // `assign` (an empty answer fails the create with 422, no droplet made),
    // and `hook` runs when a droplet is deleted. Both run under the
    // emulator's lock, so requests wait for them.
    void assignAddresses(std::function<QString(const Droplet &)> assign);
    void onDestroyed(std::function<void(const Droplet &)> hook);
    void setBootReads(int reads);
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
    QJsonObject toJson(const Droplet &d) const;
    static EmulatorHttpServer::Reply error(int status, const QString &id, const QString &message);
    static EmulatorHttpServer::Reply json(int status, const QJsonObject &body);

    mutable QMutex m_mutex;
    QByteArray m_token;
    std::unique_ptr<EmulatorHttpServer> m_http;
    QMap<qint64, Droplet> m_droplets;
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
