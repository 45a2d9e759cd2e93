#include "cli/CliLogging.h"

namespace kokoa::cli {

Q_LOGGING_CATEGORY(lcCli, "kokoa.cli")

} // namespace kokoa::cli
