#pragma once

// Helpers of the probe engine: result texts and timeouts (private to src/health).

#include <QAbstractSocket>
#include <QString>

namespace kokoa::probe_support {

// "connection refused", "connection reset", … (lower case, for ProbeResult::detail).
QString describeSocketError(QAbstractSocket::SocketError error, const QString &errorString);

QString timeoutDetail(int timeoutMs, const QString &phase = {});

} // namespace kokoa::probe_support
