#include "cloud/ProviderFactory.h"

#include "cloud/CommandProvider.h"
#include "cloud/DigitalOceanProvider.h"
#include "cloud/HetznerProvider.h"
#include "cloud/VultrProvider.h"

#include <QRegularExpression>
#include <QUrl>

namespace kokoa {
namespace {

QString setting(const ProviderRecord &p, const char *key)
{
    return p.settings.value(QLatin1String(key)).toString();
}

// Image, type and location names as the providers spell them.
const QRegularExpression &slugPattern()
{
    static const QRegularExpression rx(QStringLiteral("^[a-z0-9][a-z0-9._-]{0,62}$"));
    return rx;
}

Status checkApiBase(const QString &base)
{
    if (base.isEmpty())
        return {};
    const QUrl url(base, QUrl::StrictMode);
    if (!url.isValid() ||
        (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")) ||
        url.host().isEmpty())
        return Error::invalid(QStringLiteral("api-base"), base,
                              ProviderFactory::tr("must be an http(s) URL"));
    return {};
}

} // namespace

QStringList ProviderFactory::kinds()
{
    return {QStringLiteral("hetzner"), QStringLiteral("digitalocean"), QStringLiteral("vultr"),
            QStringLiteral("command")};
}

Status ProviderFactory::validate(const ProviderRecord &p)
{
    if (!kinds().contains(p.kind))
        return Error::invalid(QStringLiteral("kind"), p.kind,
                              tr("must be one of: %1").arg(kinds().join(QStringLiteral(", "))));
    if (p.kind == QLatin1String("command")) {
        for (const char *key : {"create_command", "destroy_command"}) {
            const QString path = setting(p, key);
            const QString field =
                QString::fromLatin1(key).replace(QLatin1Char('_'), QLatin1Char('-'));
            if (path.isEmpty())
                return Error::invalid(field, path, tr("is required for a command provider"));
        }
        return CommandProvider(setting(p, "create_command"), setting(p, "destroy_command"))
            .checkCredentials();
    }
    if (p.settings.value(QLatin1String("reserved_ip")).toBool() &&
        p.kind != QLatin1String("digitalocean"))
        return Error::invalid(QStringLiteral("reserved-ip"), p.kind,
                              tr("is for DigitalOcean only: Hetzner and Vultr keep an address "
                                 "with `edge burn --keep-ip` without it"));
    if (Status s = checkApiBase(setting(p, "api_base")); !s)
        return s;
    for (const char *key : {"location", "server_type", "image"}) {
        const QString value = setting(p, key);
        const QString field = QString::fromLatin1(key).replace(QLatin1Char('_'), QLatin1Char('-'));
        if (!slugPattern().match(value).hasMatch())
            return Error::invalid(field, value,
                                  tr("is required: 1-63 lowercase letters, digits, . _ or -"));
    }
    return {};
}

Result<std::unique_ptr<CloudProvider>>
ProviderFactory::make(const ProviderRecord &p, const QByteArray &token, const QString &ownerId)
{
    if (Status s = validate(p); !s)
        return s.error().prefixed(tr("provider %1").arg(quoteForMessage(p.name)));
    if (p.kind == QLatin1String("command"))
        return std::unique_ptr<CloudProvider>(std::make_unique<CommandProvider>(
            setting(p, "create_command"), setting(p, "destroy_command")));
    const QString base = setting(p, "api_base");
    auto or_ = [&base](const char *fallback) {
        return base.isEmpty() ? QString::fromLatin1(fallback) : base;
    };
    if (p.kind == QLatin1String("digitalocean"))
        return std::unique_ptr<CloudProvider>(std::make_unique<DigitalOceanProvider>(
            or_(DigitalOceanProvider::defaultApiBase), token, ownerId,
            p.settings.value(QLatin1String("reserved_ip")).toBool()));
    if (p.kind == QLatin1String("vultr"))
        return std::unique_ptr<CloudProvider>(
            std::make_unique<VultrProvider>(or_(VultrProvider::defaultApiBase), token, ownerId));
    return std::unique_ptr<CloudProvider>(
        std::make_unique<HetznerProvider>(or_(HetznerProvider::defaultApiBase), token, ownerId));
}

ServerSpec ProviderFactory::specFor(const ProviderRecord &p, const QString &serverName,
                                    const QByteArray &userData)
{
    ServerSpec spec;
    spec.name = serverName;
    spec.image = setting(p, "image");
    spec.size = setting(p, "server_type");
    spec.region = setting(p, "location");
    spec.userData = userData;
    return spec;
}

} // namespace kokoa
