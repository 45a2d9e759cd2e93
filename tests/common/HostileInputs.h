#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace kokoa {

// A deterministic generator of hostile user input: injection payloads,
// control and invisible characters, Unicode look-alikes, malformed numbers
// and addresses, over-long names, most of them wrapped in valid-looking
// prefixes and suffixes. Every case MUST be refused by the validator of the
// field it targets; tests assert that (unit) and that none of them ends up
// stored, rendered or sent anywhere (CLI, import).
//
// Notes for callers that pass values through argv:
// * a value with a NUL character always has another hostile character
//   before the first NUL, so the part a C string keeps is still invalid;
// * no value is empty, so an empty string never reads as "option not given".
class HostileInputs final
{
public:
    struct Case
    {
        // hostname, zone, name, ssh, public-ip, port, health-path, max-body,
        // timeout, api-base, tsig-name, wg-key or setting-value.
        QString field;
        QString value;
        // For setting-value: the key of the setting (src/core/Settings.h).
        QString settingKey;
        // Refused only while KOKOA_ALLOW_NONPUBLIC_ADDRESSES is not "1"
        // (a private or loopback address where a public one is needed,
        // plain http to a non-loopback host). All other cases are refused
        // whatever that variable says.
        bool needsPublicScope = false;
    };

    static constexpr quint32 defaultSeed = 0x6b6f6b61u; // "koka"

    static QStringList fields();
    // `count` cases, the same ones for the same seed on every platform: first
    // a fixed list of hand-written payloads, then generated variations, the
    // fields taken in turn. No value appears twice.
    static QList<Case> generate(int count, quint32 seed = defaultSeed);
};

} // namespace kokoa
