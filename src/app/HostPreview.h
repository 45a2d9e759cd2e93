#pragma once

#include "core/Result.h"
#include "render/RenderedFile.h"

#include <QCoreApplication>

namespace kokoa {
class Store;
}

namespace kokoa::app {

// What a deploy would install on one host, rendered from the stored model:
// the files with their target paths and modes, and warnings. Nothing is
// contacted or written; the window's review page and `kokoactl render` show it.
class HostPreview final
{
    Q_DECLARE_TR_FUNCTIONS(HostPreview)

public:
    enum class Role
    {
        Edge,
        Origin,
    };

    HostPreview(Store &store, QString dataDir);

    Result<RenderedHost> render(Role role, const QString &name) const;

private:
    Store &m_store;
    QString m_dataDir;
};

} // namespace kokoa::app
