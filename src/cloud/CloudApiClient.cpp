#include "cloud/CloudApiClient.h"

#include "cloud/CreateWithoutTwins.h"

#include <QJsonDocument>
#include <QUrl>

namespace kokoa {
namespace {

RetryPolicy once(RetryPolicy policy)
{
    policy.maxAttempts = 1;
    return policy;
}

ApiReply parsed(const HttpResponse &response)
{
    return ApiReply{response.status, QJsonDocument::fromJson(response.body).object()};
}

} // namespace

CloudApiClient::CloudApiClient(QString provider, QString apiBase, const QByteArray &token,
                               RetryPolicy policy, ErrorReader readError)
    : m_provider(std::move(provider))
    , m_apiBase(std::move(apiBase))
    , m_policy(policy)
    , m_readError(readError)
    , m_http(policy)
    , m_once(once(policy))
{
    while (m_apiBase.endsWith(QLatin1Char('/')))
        m_apiBase.chop(1);
    m_http.setBearerToken(token);
    m_once.setBearerToken(token);
}

QUrl CloudApiClient::url(const QString &pathAndQuery) const
{
    return QUrl(m_apiBase + pathAndQuery);
}

Result<ApiReply> CloudApiClient::call(const QByteArray &verb, const QString &pathAndQuery,
                                      const QString &what, const QJsonObject &body)
{
    const QByteArray json =
        body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    Result<HttpResponse> response = m_http.send(verb, url(pathAndQuery), what, json);
    if (!response)
        return response.error();
    const ApiReply reply = parsed(*response);
    // A 5xx may come from a proxy in front of the API, as HTML: it is still
    // a 5xx. Below that, an answer that is not JSON is not the API's.
    if (response->status < 500 && !response->body.trimmed().isEmpty() &&
        !QJsonDocument::fromJson(response->body).isObject())
        return Error(Error::Kind::Remote, tr("%1: %2 answered HTTP %3 with no JSON object")
                                              .arg(what, m_provider)
                                              .arg(response->status));
    if (response->status == 429) // still limited after every retry
        return failure(reply, what)
            .withRetryAfter(qint64(std::max(response->retryAfterSeconds, 0)) * 1000);
    return reply;
}

Error CloudApiClient::failure(const ApiReply &reply, const QString &what) const
{
    const ErrorText text = m_readError(reply.body);
    const Error::Kind kind = reply.status >= 400 && reply.status < 500 && reply.status != 429
                                 ? Error::Kind::Refused
                                 : Error::Kind::Remote;
    const QString status = text.code.isEmpty() ? QString::number(reply.status)
                                               : QString::number(reply.status) + QLatin1Char(' ') +
                                                     quoteForMessage(text.code);
    if (reply.status == 401)
        return Error(kind,
                     tr("%1: %2 refused the API token (HTTP %3)").arg(what, m_provider, status),
                     QStringLiteral("token"));
    return Error(kind, tr("%1: %2 answered HTTP %3: %4")
                           .arg(what, m_provider, status, quoteForMessage(text.message)));
}

Status CloudApiClient::check(const QString &pathAndQuery, const QString &what)
{
    Result<ApiReply> reply = call("GET", pathAndQuery, what);
    if (!reply)
        return reply.error();
    if (reply->status != 200)
        return failure(*reply, what);
    return {};
}

Result<std::optional<QJsonObject>> CloudApiClient::read(const QString &path, const QString &key,
                                                        const QString &what)
{
    Result<ApiReply> reply = call("GET", path, what);
    if (!reply)
        return reply.error();
    if (reply->status == 404)
        return std::optional<QJsonObject>();
    if (reply->status != 200)
        return failure(*reply, what);
    return std::optional<QJsonObject>(reply->body.value(key).toObject());
}

Status CloudApiClient::remove(const QString &path, const QString &what)
{
    Result<ApiReply> reply = call("DELETE", path, what);
    if (!reply)
        return reply.error();
    if (reply->status == 204 || reply->status == 404)
        return {};
    return failure(*reply, what);
}

Status CloudApiClient::eachPage(const QString &firstPath, int maxPages, const QString &what,
                                const PageReader &readPage)
{
    QString next = firstPath;
    for (int n = 0; n < maxPages; ++n) {
        Result<ApiReply> reply = call("GET", next, what);
        if (!reply)
            return reply.error();
        if (reply->status != 200)
            return failure(*reply, what);
        next = readPage(reply->body);
        if (next.isEmpty())
            return {};
    }
    // More means a broken or hostile answer, not a real installation.
    return Error(Error::Kind::Remote, tr("%1: more than %2 pages").arg(what).arg(maxPages));
}

Result<CloudApiClient::Created>
CloudApiClient::createWithoutTwins(const QString &path, const QString &key, const QJsonObject &body,
                                   const FindByName &find, const QString &what)
{
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    const auto post = [&]() { return m_once.send("POST", url(path), what, json); };
    Result<CreateWithoutTwins::Outcome> outcome = CreateWithoutTwins::run(post, find, m_policy);
    if (!outcome)
        return outcome.error().prefixed(what);
    if (outcome->adopted)
        return Created{{}, outcome->adopted};
    const ApiReply reply = parsed(*outcome->response);
    if (reply.status != 202 && reply.status != 201)
        return failure(reply, what);
    return Created{reply.body.value(key).toObject(), std::nullopt};
}

bool CloudApiClient::isNumericId(const QString &id)
{
    bool ok = false;
    return id.toLongLong(&ok) > 0 && ok;
}

} // namespace kokoa
