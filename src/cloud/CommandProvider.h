#pragma once

#include "cloud/CloudProvider.h"

#include <QCoreApplication>
#include <QStringList>

namespace kokoa {

// Any other provider, through two programs of the user's: create runs as
// `CREATE SERVER_NAME USER_DATA_FILE` and prints one JSON object
// {"id": "…", "ipv4": "…", "ipv6": "…"} (ipv6 optional) once the server is
// booting; destroy runs as `DESTROY ID`. Exit 0 means done. Arguments are
// passed as an argument vector, never through a shell; each run is killed
// after its time limit.
class CommandProvider final : public CloudProvider
{
    Q_DECLARE_TR_FUNCTIONS(CommandProvider)
    Q_DISABLE_COPY_MOVE(CommandProvider)

public:
    CommandProvider(QString createCommand, QString destroyCommand, int timeoutMs = 600'000);

    QString kind() const override { return QStringLiteral("command"); }
    bool canList() const override { return false; }
    Status checkCredentials() override;
    Result<CloudServer> create(const ServerSpec &spec) override;
    // The command kind cannot be asked: a server is taken as running from
    // the moment create printed it.
    Result<std::optional<CloudServer>> server(const QString &id) override;
    Status destroy(const QString &id) override;
    Result<QList<CloudServer>> owned() override;

    // Reads create's output; public for its tests.
    static Result<CloudServer> parseCreateOutput(const QByteArray &output);

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Result<Run> run(const QString &program, const QStringList &arguments, const QString &what);

    QString m_create;
    QString m_destroy;
    int m_timeoutMs;
};

} // namespace kokoa
