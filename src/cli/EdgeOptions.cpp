#include "cli/EdgeOptions.h"

#include "validate/Validator.h"

namespace kokoa::cli {
namespace {

// One or two --public-ip, at most one per family, replace both addresses.
Status applyPublicAddresses(const QStringList &addresses, Edge &edge)
{
    if (addresses.size() > 2) {
        return Error(Error::Kind::InvalidInput,
                     EdgeOptions::tr("public-ip: give one or two --public-ip (an IPv4 "
                                     "and/or an IPv6 address)"),
                     QStringLiteral("public-ip"));
    }
    QString ipv4, ipv6;
    for (const QString &text : addresses) {
        const Result<QString> address = Validator::ipAddress(QStringLiteral("public-ip"), text,
                                                             Validator::AddressScope::Public);
        if (!address)
            return address.error();
        QString &slot = address->contains(QLatin1Char(':')) ? ipv6 : ipv4;
        if (!slot.isEmpty()) {
            return Error(Error::Kind::InvalidInput,
                         EdgeOptions::tr("public-ip: two addresses of the same family"),
                         QStringLiteral("public-ip"));
        }
        slot = *address;
    }
    edge.publicIpv4 = ipv4;
    edge.publicIpv6 = ipv6;
    return {};
}

} // namespace

Status EdgeOptions::apply(const QCommandLineParser &p, Edge &edge)
{
    if (p.isSet(QStringLiteral("public-ip"))) {
        if (Status s = applyPublicAddresses(p.values(QStringLiteral("public-ip")), edge); !s)
            return s;
    }
    if (p.isSet(QStringLiteral("provider")) != p.isSet(QStringLiteral("provider-id"))) {
        return Error(Error::Kind::InvalidInput,
                     tr("provider: --provider and --provider-id go together"),
                     QStringLiteral("provider"));
    }
    if (p.isSet(QStringLiteral("provider"))) {
        edge.provider = p.value(QStringLiteral("provider"));
        edge.providerId = p.value(QStringLiteral("provider-id"));
    }
    if (p.isSet(QStringLiteral("profile"))) {
        const auto profile = edgeProfileFromString(p.value(QStringLiteral("profile")));
        if (!profile) {
            return Error::invalid(QStringLiteral("profile"), p.value(QStringLiteral("profile")),
                                  tr("must be normal or under-attack"));
        }
        edge.profile = *profile;
    }
    return {};
}

} // namespace kokoa::cli
