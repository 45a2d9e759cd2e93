#include "app/AppLogging.h"

namespace kokoa {

Q_LOGGING_CATEGORY(lcApp, "kokoa.app")

} // namespace kokoa
