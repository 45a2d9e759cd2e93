#include "gui/Session.h"

#include "core/DataDirectory.h"
#include "store/Store.h"

namespace kokoa::gui {

Result<std::unique_ptr<Session>> Session::open(const QString &dataDir)
{
    auto store = Store::open(DataDirectory::databasePath(dataDir));
    if (!store)
        return store.error();
    return std::unique_ptr<Session>(new Session(dataDir, std::move(store).value()));
}

Session::Session(QString dataDir, std::unique_ptr<Store> store)
    : m_dataDir(std::move(dataDir))
    , m_store(std::move(store))
{}

Session::~Session() = default;

QString Session::databasePath() const
{
    return DataDirectory::databasePath(m_dataDir);
}

} // namespace kokoa::gui
