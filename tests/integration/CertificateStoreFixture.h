// The store and scripted edges the certificate tests start from.
#pragma once

#include "ScriptedHosts.h"
#include "core/Result.h"

#include <memory>

namespace kokoa {
class Store;
}

namespace kokoa::test {

// A data directory in dataDir whose store holds zone example.test and origin
// home (192.168.1.10).
Result<std::unique_ptr<Store>> openCertificateStore(const QString &dataDir);

} // namespace kokoa::test
