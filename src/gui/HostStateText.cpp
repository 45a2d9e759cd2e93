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

} // namespace kokoa::gui
