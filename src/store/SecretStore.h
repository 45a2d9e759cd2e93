#pragma once

#include "core/Result.h"

#include <QCoreApplication>

namespace kokoa {

// Secrets (DNS and VPS API tokens, TSIG keys) kept out of the main database:
// one file per secret, mode 0600, in a 0700 directory. Values are never
// logged; names are validated so they cannot escape the directory.
class SecretStore final
{
    Q_DECLARE_TR_FUNCTIONS(SecretStore)

public:
    explicit SecretStore(QString directory)
        : m_directory(std::move(directory))
    {}

    static Status checkName(const QString &name);
    Status put(const QString &name, const QByteArray &secret);
    Result<QByteArray> get(const QString &name) const;
    bool contains(const QString &name) const;
    Status remove(const QString &name);

private:
    QString pathOf(const QString &name) const;

    QString m_directory;
};

} // namespace kokoa
