#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace kokoa {

// The TXT record that marks, beside an RFC 2136 name, the address records
// one installation created there (external-dns's TXT registry, but per
// record): "heritage=kokoa,owner=<owner id>,addresses=<a> <b> ...". Every
// installation keeps its own TXT at a name; addresses listed but absent are
// ignored, addresses present but not listed are somebody else's.
struct OwnershipTxt
{
    // What releases before owner ids wrote: it names no installation and no
    // address, and claimed every address record at the name.
    static constexpr const char *legacyText = "heritage=kokoa,owner=kokoa";

    enum class Kind
    {
        NotKokoa,
        Legacy,
        Current
    };

    Kind kind = Kind::NotKokoa;
    QString ownerId;       // Current only; any text another installation wrote
    QStringList addresses; // Current only; canonical, sorted

    static OwnershipTxt parse(const QByteArray &text);
    // addresses: canonical address texts (sorted and deduplicated here).
    static QByteArray format(const QString &ownerId, QStringList addresses);
};

} // namespace kokoa
