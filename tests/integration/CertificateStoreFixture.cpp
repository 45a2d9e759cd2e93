#include "CertificateStoreFixture.h"

#include "core/DataDirectory.h"
#include "store/Store.h"

using namespace Qt::StringLiterals;

namespace kokoa::test {

Result<std::unique_ptr<Store>> openCertificateStore(const QString &dataDir)
{
    if (const Result<QString> made = DataDirectory::ensure(dataDir); !made)
        return made.error();
    Result<std::unique_ptr<Store>> store = Store::open(DataDirectory::databasePath(dataDir));
    if (!store)
        return store;
    Zone zone;
    zone.name = u"example.test"_s;
    if (const Result<Zone> added = (*store)->addZone(zone); !added)
        return added.error();
    Origin home;
    home.name = u"home"_s;
    home.ssh.host = u"192.168.1.10"_s;
    if (const Result<Origin> added = (*store)->addOrigin(home); !added)
        return added.error();
    return store;
}

} // namespace kokoa::test
