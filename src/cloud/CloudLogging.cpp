#include "cloud/CloudLogging.h"

Q_LOGGING_CATEGORY(lcCloud, "kokoa.cloud")
