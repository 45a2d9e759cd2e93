#pragma once

#include "core/Model.h"

#include <QSet>

namespace kokoa {

// The certificates the control plane holds, one directory per hostname
// (<data dir>/certificates/<name>/{fullchain,privkey}.pem). Issued once,
// copied to every edge.
class CertificateStore final
{
public:
    explicit CertificateStore(QString directory)
        : m_directory(std::move(directory))
    {}

    bool has(const QString &hostname) const;
    // The routes' hostnames that have a complete certificate here.
    QSet<QString> certified(const Topology &topology) const;

private:
    QString m_directory;
};

} // namespace kokoa
