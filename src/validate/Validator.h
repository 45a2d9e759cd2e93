#pragma once

#include "core/Model.h"
#include "core/Result.h"

#include <QCoreApplication>

namespace kokoa {

class Settings;

// The one gate every value from a user (CLI, GUI, import file) passes before
// it is stored, rendered into a file or used in a remote command. Each
// function returns the canonical form or an Error naming the field, the value
// and the rule that was broken.
class Validator final
{
    Q_DECLARE_TR_FUNCTIONS(Validator)

public:
    enum class Wildcard
    {
        Forbidden,
        Allowed
    };
    enum class AddressScope
    {
        Public,
        Any
    };

    // A fully qualified host name (two labels or more); IDN is converted to
    // punycode, the result is lowercase without a trailing dot.
    static Result<QString> hostname(const QString &field, const QString &input,
                                    Wildcard wildcard = Wildcard::Forbidden);
    static Result<QString> zoneName(const QString &field, const QString &input);
    // A host to connect to: an IP address, or a host name (one label allowed).
    static Result<QString> connectHost(const QString &field, const QString &input);
    // An IPv4 or IPv6 address in canonical text form. Public scope refuses
    // unspecified, loopback, link-local, private and documentation ranges
    // unless KOKOA_ALLOW_NONPUBLIC_ADDRESSES=1 (test networks).
    static Result<QString> ipAddress(const QString &field, const QString &input,
                                     AddressScope scope);
    static Result<QString> ipv4Address(const QString &field, const QString &input,
                                       AddressScope scope);
    static Result<QString> ipv6Address(const QString &field, const QString &input,
                                       AddressScope scope);
    static Result<quint16> port(const QString &field, const QString &input);
    // Names of origins and edges: what users type and what appears in files.
    static Result<QString> name(const QString &field, const QString &input);
    // [user@]host[:port]; IPv6 hosts in brackets.
    static Result<SshTarget> sshTarget(const QString &field, const QString &input);
    static Result<QString> healthPath(const QString &field, const QString &input);
    // "0" (unlimited), bytes, or a number with k, m or g.
    static Result<qint64> bodySize(const QString &field, const QString &input);
    static Result<int> timeoutSeconds(const QString &field, const QString &input);
    static Result<QString> wireGuardKey(const QString &field, const QString &input);
    // An SSH host key fingerprint as OpenSSH prints it: SHA256:<43 base64>.
    static Result<QString> hostKeyFingerprint(const QString &field, const QString &input);
    static Result<QString> apiBaseUrl(const QString &field, const QString &input);
    // Secrets: an API token (1 to 4096 printable characters, no spaces) and a
    // TSIG key (a token that is base64 of at least 16 bytes). Their errors
    // never quote the value.
    static Result<QByteArray> apiToken(const QString &field, const QByteArray &secret);
    static Result<QByteArray> tsigSecret(const QString &field, const QByteArray &secret);
    // An IPv4 address inside the tunnel: private (RFC 1918 or 100.64.0.0/10).
    static Result<QString> tunnelAddress(const QString &field, const QString &input);
    // The tunnel range: an IPv4 network in CIDR form, /8 to /29, host bits
    // zero, inside 10/8, 172.16/12, 192.168/16 or 100.64/10.
    static Result<QString> ipv4Range(const QString &field, const QString &input);
    static Result<QString> tsigKeyName(const QString &field, const QString &input);
    static Result<QString> tsigAlgorithm(const QString &field, const QString &input);
    static Result<QString> providerId(const QString &field, const QString &input);
    // One of a fixed list of words, exactly as listed.
    static Result<QString> choice(const QString &field, const QString &input,
                                  const QStringList &choices);
    // One setting in canonical form, checked against its row of
    // Settings::definitions() (type, range); unknown keys are refused.
    static Result<QString> setting(const QString &key, const QString &value);
    // Rules between settings: the probe timeout is shorter than the interval.
    static Status settingsConsistent(const Settings &settings);

    static bool nonPublicAddressesAllowed();
};

} // namespace kokoa
