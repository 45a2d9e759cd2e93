#pragma once

#include "core/Model.h"

#include <QCoreApplication>

namespace kokoa::gui {

// A host's deploy state and an edge's profile in the window's words.
class HostStateText final
{
    Q_DECLARE_TR_FUNCTIONS(HostStateText)

public:
    static QString state(HostState state);
    static QString profile(EdgeProfile profile);
};

} // namespace kokoa::gui
