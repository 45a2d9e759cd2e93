#include "core/SshTarget.h"

namespace kokoa {

QString SshTarget::toString() const
{
    const QString shownHost =
        host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    QString text = user + QLatin1Char('@') + shownHost;
    if (port != 22)
        text += QLatin1Char(':') + QString::number(port);
    return text;
}

} // namespace kokoa
