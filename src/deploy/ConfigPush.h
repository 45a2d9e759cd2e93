#pragma once

#include "core/Result.h"
#include "render/RenderedFile.h"
#include "ssh/RemoteShell.h"

#include <QCoreApplication>

#include <functional>
#include <optional>

namespace kokoa {

// One configuration file Kokoa manages on a host, with how to check it
// before it replaces the live one.
struct ManagedFile
{
    RenderedFile file;
    QString stagedPath;   // written here first; "" = <target>.kokoa-staged
    QStringList validate; // argv run on the staged file ("{staged}" replaced); empty = none
    QString what;         // "nginx configuration", for messages
    // Run on the staged file before validation, e.g. to add what only the
    // host knows ("{staged}" replaced); empty = none.
    QStringList transform;
    // When the installed file differs from the rendered one (transform),
    // the rendered content is kept here and compared instead; "" = none.
    QString referencePath;
    bool secret = false; // never shown in a diff

    QString staged() const;
};

// Replaces a live configuration file without ever leaving the host without
// a working one: write the new file under a staging name, validate it, keep
// the old one as <target>.kokoa-prev, rename the new one into place,
// activate; if activation fails, put the old file back and activate again.
// A file that had no predecessor is removed instead. After a success
// <target>.kokoa-prev keeps the file it replaced (the last good one, for a
// human to go back to) until the next install overwrites it; a rollback
// moves it back into place. The staged file never survives a failure.
class ConfigPush final
{
    Q_DECLARE_TR_FUNCTIONS(ConfigPush)

public:
    using Activate = std::function<Status()>;

    // Installs `managed` whose live version is `current` (nullopt: none yet).
    static Status install(RemoteShell &shell, const ManagedFile &managed,
                          const std::optional<QByteArray> &current, const Activate &activate);

    // A unified diff of current → new for dry runs (computed locally).
    static QString diff(const QString &path, const std::optional<QByteArray> &current,
                        const QByteArray &next);
};

} // namespace kokoa
