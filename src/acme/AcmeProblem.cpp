#include "acme/AcmeProblem.h"

#include <QJsonArray>

namespace kokoa {

AcmeProblem AcmeProblem::fromJson(const QJsonObject &json, int status)
{
    AcmeProblem problem;
    problem.type = json.value(QStringLiteral("type")).toString();
    problem.detail = json.value(QStringLiteral("detail")).toString();
    problem.status = status;
    const QJsonArray subproblems = json.value(QStringLiteral("subproblems")).toArray();
    for (const QJsonValue &value : subproblems) {
        const QJsonObject sub = value.toObject();
        problem.subproblems << sub.value(QStringLiteral("identifier"))
                                       .toObject()
                                       .value(QStringLiteral("value"))
                                       .toString() +
                                   QStringLiteral(": ") +
                                   sub.value(QStringLiteral("type")).toString() +
                                   QStringLiteral(": ") +
                                   sub.value(QStringLiteral("detail")).toString();
    }
    return problem;
}

QString AcmeProblem::shortType() const
{
    return type.startsWith(kNamespace) ? type.mid(kNamespace.size()) : type;
}

Error AcmeProblem::toError(const QString &attempt, qint64 retryAfterMs) const
{
    const bool serverSide =
        is(QLatin1String("serverInternal")) || (type.isEmpty() && status >= 500);
    QString message =
        Error::tr("%1: the CA answered %2 (%3): %4")
            .arg(attempt, QString::number(status),
                 type.isEmpty() ? Error::tr("no problem type") : type, quoteForMessage(detail));
    if (!subproblems.isEmpty())
        message += QStringLiteral("; ") + subproblems.join(QStringLiteral("; "));
    return Error(serverSide ? Error::Kind::Remote : Error::Kind::Refused, message)
        .withRetryAfter(retryAfterMs);
}

} // namespace kokoa
