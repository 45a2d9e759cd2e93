// The store and scripted edges the certificate tests start from.
#pragma once

#include "FakeShell.h"
#include "core/Result.h"

#include <memory>

namespace kokoa {
class Store;
}

namespace kokoa::test {

// A data directory in dataDir whose store holds zone example.test and origin
// home (192.168.1.10).
Result<std::unique_ptr<Store>> openCertificateStore(const QString &dataDir);

// Edge name at ip with a pinned host key; the host that plays it has the
// edge's packages installed.
Status addPinnedEdge(Store &store, const QString &name, const QString &ip);
std::unique_ptr<FakeShell> scriptedEdgeHost();

} // namespace kokoa::test
