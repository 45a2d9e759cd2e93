#pragma once

#include <QLoggingCategory>

namespace kokoa::gui {

// The desktop window's category.
Q_DECLARE_LOGGING_CATEGORY(lcGui)

} // namespace kokoa::gui
