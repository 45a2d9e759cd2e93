#include "gui/HostStateText.h"

namespace kokoa::gui {

QString HostStateText::state(HostState state)
{
    switch (state) {
    case HostState::New:
        return tr("not deployed yet");
    case HostState::Bootstrapped:
        return tr("prepared, not deployed");
    case HostState::Deployed:
        return tr("deployed");
    case HostState::Failed:
        return tr("last deploy failed");
    }
    return {};
}

QString HostStateText::profile(EdgeProfile profile)
{
    switch (profile) {
    case EdgeProfile::Normal:
        return tr("normal");
    case EdgeProfile::UnderAttack:
        return tr("under attack");
    }
    return {};
}

QString HostStateText::deployLabel(const QString &label)
{
    // The deploy's own words (Store::kindName), the keys of its progress.
    const QString kind = label.section(QLatin1Char(' '), 0, 0);
    const QString name = label.section(QLatin1Char(' '), 1);
    if (kind == QLatin1String("edge"))
        return tr("edge %1").arg(name);
    if (kind == QLatin1String("origin"))
        return tr("origin %1").arg(name);
    return label;
}

} // namespace kokoa::gui
