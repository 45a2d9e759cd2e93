#include "health/HealthLogging.h"

Q_LOGGING_CATEGORY(lcHealth, "kokoa.health")
