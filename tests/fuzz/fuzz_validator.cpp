// Every value from a user, a file or a host passes Validator. The first byte
// picks the rule, the rest is the value (for settings: key, zero byte,
// value). Whatever a rule accepts must be a fixed point: validating the
// canonical form again gives the same canonical form.
#include "FuzzEnvironment.h"
#include "FuzzInput.h"
#include "validate/Validator.h"

using namespace kokoa;

namespace {

using Rule = Result<QString> (*)(const QString &, const QString &);

Result<QString> hostnameWildcard(const QString &f, const QString &v)
{
    return Validator::hostname(f, v, Validator::Wildcard::Allowed);
}
Result<QString> hostnamePlain(const QString &f, const QString &v)
{
    return Validator::hostname(f, v);
}
Result<QString> ipPublic(const QString &f, const QString &v)
{
    return Validator::ipAddress(f, v, Validator::AddressScope::Public);
}
Result<QString> ipAny(const QString &f, const QString &v)
{
    return Validator::ipAddress(f, v, Validator::AddressScope::Any);
}
Result<QString> ipv4Any(const QString &f, const QString &v)
{
    return Validator::ipv4Address(f, v, Validator::AddressScope::Any);
}
Result<QString> ipv6Any(const QString &f, const QString &v)
{
    return Validator::ipv6Address(f, v, Validator::AddressScope::Any);
}

constexpr Rule idempotentRules[] = {
    &hostnamePlain,
    &hostnameWildcard,
    &Validator::zoneName,
    &Validator::connectHost,
    &ipPublic,
    &ipAny,
    &ipv4Any,
    &ipv6Any,
    &Validator::name,
    &Validator::healthPath,
    &Validator::wireGuardKey,
    &Validator::hostKeyFingerprint,
    &Validator::apiBaseUrl,
    &Validator::tunnelAddress,
    &Validator::ipv4Range,
    &Validator::tsigKeyName,
    &Validator::tsigAlgorithm,
    &Validator::providerId,
};

void checkFixedPoint(Rule rule, const QString &value)
{
    const Result<QString> first = rule(QStringLiteral("field"), value);
    if (!first)
        return;
    const Result<QString> second = rule(QStringLiteral("field"), *first);
    if (!second || *second != *first) {
        fprintf(stderr, "canonical form is not stable: '%s' -> '%s' -> %s\n", qPrintable(value),
                qPrintable(*first),
                second ? qPrintable(*second) : qPrintable(second.error().message()));
        abort();
    }
}

void checkOthers(quint8 which, const QString &value, const QString &extra)
{
    switch (which % 6) {
    case 0:
        (void)Validator::port(QStringLiteral("port"), value);
        break;
    case 1:
        (void)Validator::sshTarget(QStringLiteral("ssh"), value);
        break;
    case 2:
        (void)Validator::bodySize(QStringLiteral("max body"), value);
        break;
    case 3:
        (void)Validator::timeoutSeconds(QStringLiteral("timeout"), value);
        break;
    default:
        (void)Validator::setting(value, extra);
        break;
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz::FuzzEnvironment::setUp(argc, argv, false);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::FuzzInput in(data, size);
    const quint8 which = in.byte();
    const QString value = in.text();
    const QString extra = in.text();
    if (which < 2 * std::size(idempotentRules)) {
        // Half of these run with non-public addresses allowed, as tests do.
        const bool allow = which >= std::size(idempotentRules);
        qputenv("KOKOA_ALLOW_NONPUBLIC_ADDRESSES", allow ? "1" : "0");
        checkFixedPoint(idempotentRules[which % std::size(idempotentRules)], value);
    } else {
        checkOthers(which, value, extra);
    }
    return 0;
}
