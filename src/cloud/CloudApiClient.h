#pragma once

#include "cloud/CloudServer.h"
#include "core/Result.h"
#include "dns/BlockingHttp.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <functional>
#include <optional>

namespace kokoa {

// How long and how often a provider's asynchronous action is polled.
struct ActionPolling
{
    int actionTimeoutMs = 120'000; // a destroy's action must finish within this
    int intervalMs = 1'000;
};

// One answer of a provider's JSON API: its HTTP status and its JSON object
// (empty when the answer had no body).
struct ApiReply
{
    int status = 0;
    QJsonObject body;
};

// The work every JSON-over-HTTPS provider shares: requests on one API base
// with the bearer token, retries by BlockingHttp (429 honouring Retry-After,
// 5xx, all within the policy's budget), the mapping of a refusal to an Error,
// bounded pagination, and a create that is never retried blindly. What
// differs per provider (paths, bodies, how an error body reads, how a page
// names the next one) stays with the provider.
class CloudApiClient final
{
    Q_DECLARE_TR_FUNCTIONS(CloudApiClient)
    Q_DISABLE_COPY_MOVE(CloudApiClient)

public:
    // What a provider's error body says: a code (may be empty) and a message.
    struct ErrorText
    {
        QString code;
        QString message;
    };
    using ErrorReader = ErrorText (*)(const QJsonObject &body);
    // Takes one page's body and returns the path (with query) of the next
    // page on the same API base, or an empty string after the last one.
    using PageReader = std::function<QString(const QJsonObject &body)>;
    using FindByName = std::function<Result<std::optional<CloudServer>>()>;

    // provider names the provider in messages ("Hetzner").
    CloudApiClient(QString provider, QString apiBase, const QByteArray &token, RetryPolicy policy,
                   ErrorReader readError);

    Result<ApiReply> call(const QByteArray &verb, const QString &pathAndQuery, const QString &what,
                          const QJsonObject &body = {});
    // The Error for an answer that is not the one asked for. A 4xx other
    // than a rate limit is the request's own fault (bad token, unknown image
    // or region): repeating it cannot succeed, so it is Refused.
    Error failure(const ApiReply &reply, const QString &what) const;

    // A GET that must answer 200: a cheap read that tries the credentials.
    Status check(const QString &pathAndQuery, const QString &what);
    // GET of one object: the member `key` of the answer, no value on 404.
    Result<std::optional<QJsonObject>> read(const QString &path, const QString &key,
                                            const QString &what);
    // DELETE answered 204; 404 counts as gone already (a retried delete
    // whose first try went through).
    Status remove(const QString &path, const QString &what);
    // GETs firstPath and then each page the reader names, at most maxPages.
    Status eachPage(const QString &firstPath, int maxPages, const QString &what,
                    const PageReader &readPage);

    // A create where server names need not be unique (CreateWithoutTwins):
    // the POST is sent once per attempt and, after an attempt whose outcome
    // is unknown, find() is asked before asking again. The member `key` of
    // an accepted (201/202) answer, or the server an earlier attempt made.
    struct Created
    {
        QJsonObject accepted;
        std::optional<CloudServer> adopted;
    };
    Result<Created> createWithoutTwins(const QString &path, const QString &key,
                                       const QJsonObject &body, const FindByName &find,
                                       const QString &what);

    static bool isNumericId(const QString &id);

private:
    QUrl url(const QString &pathAndQuery) const;

    QString m_provider;
    QString m_apiBase;
    RetryPolicy m_policy;
    ErrorReader m_readError;
    BlockingHttp m_http;
    BlockingHttp m_once; // one attempt: for a create without twins
};

} // namespace kokoa
