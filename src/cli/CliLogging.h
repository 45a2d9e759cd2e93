#pragma once

#include <QLoggingCategory>

namespace kokoa::cli {

// kokoactl's own category: parsing and printing. The use cases it calls log
// under their layers' categories (lcApp and below).
Q_DECLARE_LOGGING_CATEGORY(lcCli)

} // namespace kokoa::cli
