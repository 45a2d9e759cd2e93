#pragma once

#include "core/Model.h"

#include <QCoreApplication>

namespace kokoa::gui {

// A host's deploy state, an edge's profile and a deploy's host names in the
// window's words.
class HostStateText final
{
    Q_DECLARE_TR_FUNCTIONS(HostStateText)

public:
    static QString state(HostState state);
    static QString profile(EdgeProfile profile);
    // A host as a deploy names it ("edge NAME", "origin NAME": its rows and
    // log lines), its kind in the window's words.
    static QString deployLabel(const QString &label);
};

} // namespace kokoa::gui
