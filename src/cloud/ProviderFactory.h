#pragma once

#include "cloud/CloudProvider.h"
#include "cloud/CloudServer.h"
#include "store/ProviderRecord.h"

#include <QCoreApplication>
#include <QStringList>

#include <memory>

namespace kokoa {

// Turns a stored provider (kind, settings) and its token into a
// CloudProvider, and checks a provider's settings before it is stored.
class ProviderFactory final
{
    Q_DECLARE_TR_FUNCTIONS(ProviderFactory)

public:
    static QStringList kinds();
    static bool needsToken(const QString &kind) { return kind != QLatin1String("command"); }
    // The settings a kind needs, each named like its CLI option
    // (api_base, location, server_type, image, create_command, destroy_command).
    static Status validate(const ProviderRecord &provider);
    // ownerId: this installation's id, carried as the ownership label.
    static Result<std::unique_ptr<CloudProvider>>
    make(const ProviderRecord &provider, const QByteArray &token, const QString &ownerId);
    // The server a template describes, for a given name and user-data.
    static ServerSpec specFor(const ProviderRecord &provider, const QString &serverName,
                              const QByteArray &userData);
};

} // namespace kokoa
