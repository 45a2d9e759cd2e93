#include "acme/AcmeDirectory.h"

namespace kokoa {

Result<AcmeDirectory> AcmeDirectory::fromJson(const QJsonObject &json, const QUrl &source)
{
    AcmeDirectory directory;
    const auto url = [&json](const char *key) {
        return QUrl(json.value(QLatin1String(key)).toString(), QUrl::StrictMode);
    };
    directory.newNonce = url("newNonce");
    directory.newAccount = url("newAccount");
    directory.newOrder = url("newOrder");
    directory.revokeCert = url("revokeCert");
    directory.renewalInfo = url("renewalInfo");
    const QJsonObject meta = json.value(QStringLiteral("meta")).toObject();
    directory.termsOfService = QUrl(meta.value(QStringLiteral("termsOfService")).toString());
    directory.externalAccountRequired =
        meta.value(QStringLiteral("externalAccountRequired")).toBool();
    directory.profiles = meta.value(QStringLiteral("profiles")).toObject().keys();
    directory.profiles.sort();
    for (const auto &[name, value] :
         {std::pair{"newNonce", directory.newNonce}, std::pair{"newAccount", directory.newAccount},
          std::pair{"newOrder", directory.newOrder}}) {
        if (!value.isValid() || value.scheme() != QLatin1String("https"))
            return Error(Error::Kind::Refused,
                         Error::tr("the ACME directory at %1 has no valid https URL for %2")
                             .arg(source.toDisplayString(), QLatin1String(name)));
    }
    return directory;
}

} // namespace kokoa
