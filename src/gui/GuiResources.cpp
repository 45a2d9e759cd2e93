#include "gui/GuiResources.h"

#include <QtGlobal>

// Q_INIT_RESOURCE names a global function: it must be called outside any
// namespace.
static void registerKokoaQrc()
{
    Q_INIT_RESOURCE(kokoa);
}

namespace kokoa::gui {

void registerResources()
{
    static const bool once = [] {
        registerKokoaQrc();
        return true;
    }();
    Q_UNUSED(once)
}

} // namespace kokoa::gui
