#include "gui/GuiLogging.h"

namespace kokoa::gui {

Q_LOGGING_CATEGORY(lcGui, "kokoa.gui")

} // namespace kokoa::gui
