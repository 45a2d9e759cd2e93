#include "acme/AcmeLogging.h"

Q_LOGGING_CATEGORY(lcAcme, "kokoa.acme")
