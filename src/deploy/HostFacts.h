#pragma once

#include "core/Result.h"
#include "ssh/RemoteShell.h"

#include <QCoreApplication>
#include <QStringList>

namespace kokoa {

// What Kokoa learns about a host before changing it.
struct HostFacts
{
    QString osId;      // "debian", "ubuntu"
    QString osVersion; // "12"
    bool systemd = false;
    QStringList missingPackages;
};

class HostInspector final
{
    Q_DECLARE_TR_FUNCTIONS(HostInspector)

public:
    // Reads /etc/os-release (Debian or Ubuntu only), whether systemd runs,
    // and which of `packages` are not installed.
    static Result<HostFacts> inspect(RemoteShell &shell, const QStringList &packages);
    static Status installPackages(RemoteShell &shell, const QStringList &packages,
                                  const std::atomic_bool *cancel);
};

} // namespace kokoa
