#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace kokoa {

// One file Kokoa would put on a host: where it goes, what it holds, its mode.
struct RenderedFile
{
    QString targetPath; // absolute path on the host
    QByteArray content;
    int mode = 0644; // octal permission bits

    bool operator==(const RenderedFile &) const = default;
};

// What a host receives, plus notes about what was left out and why (for
// example an origin without a WireGuard key yet gets no peer entry).
struct RenderedHost
{
    QList<RenderedFile> files;
    QStringList warnings;
};

} // namespace kokoa
