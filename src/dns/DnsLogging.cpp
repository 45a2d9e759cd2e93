#include "dns/DnsLogging.h"

Q_LOGGING_CATEGORY(lcDns, "kokoa.dns")
