#pragma once

#include <QLoggingCategory>

namespace kokoa {

// The application layer's category: the use cases every shell (window, CLI,
// watchdog) calls.
Q_DECLARE_LOGGING_CATEGORY(lcApp)

} // namespace kokoa
