#pragma once

#include "deploy/ConfigPush.h"
#include "deploy/HostDeployment.h"
#include "deploy/ServiceControl.h"

#include <optional>

namespace kokoa {

// One kind of file Kokoa deploys, as data: where it goes, on which hosts, in
// which order it is applied, how the host checks it before it goes live and
// what puts it into service. Rollback is the same for every kind (ConfigPush:
// the previous file goes back and is activated again; a first install is
// removed). A new kind (a certificate, its key) is one more row in table().
struct FileKind
{
    enum class Id
    {
        Firewall,
        FirewallUnit,
        NginxOrdering,
        WireGuard,
        CertificateKey,
        Certificate,
        Nginx
    };

    Id id;
    QString targetPath;
    QList<HostDeployment::Role> roles; // the hosts that get it
    int applyOrder = 0;                // lower first
    const char *what = "";             // for messages, translated in HostDeployment's context
    QStringList validate;              // ManagedFile::validate
    QString stagedPath;                // ManagedFile::stagedPath
    QStringList transform;             // ManagedFile::transform
    QString referencePath;             // ManagedFile::referencePath
    // Whether what the file configures runs now (true when nothing runs it).
    Result<bool> (*running)(ServiceControl &services) = nullptr;
    // Brings it up when it does not run.
    Status (*start)(ServiceControl &services) = nullptr;
    // Makes it take a changed file while it runs; `previous` is the file the
    // new one replaced (nullopt: none).
    Status (*reload)(ServiceControl &services, const std::optional<QByteArray> &previous,
                     const QByteArray &next) = nullptr;
    // The running WireGuard interface has to match the file too (its key, its
    // peers), not only the file on disk.
    bool matchesRunningInterface = false;
    // targetPath is a directory: the kind covers every file below it whose
    // name is fileName (one per certificate).
    bool underDirectory = false;
    QString fileName;
    // The content is a secret: a dry run names the file but shows no diff.
    bool secret = false;

    QString displayName() const;
    ManagedFile managed(const RenderedFile &file) const;

    // Every kind, in apply order: the firewall first (it opens 51820/udp),
    // then the tunnel, then the certificates' keys and chains, then nginx
    // which proxies through the tunnel with those certificates.
    static const QList<FileKind> &table();
    static const FileKind *forPath(const QString &targetPath);
};

} // namespace kokoa
