#include "core/Logging.h"

Q_LOGGING_CATEGORY(lcCore, "kokoa.core")
Q_LOGGING_CATEGORY(lcStore, "kokoa.store")
Q_LOGGING_CATEGORY(lcRender, "kokoa.render")
Q_LOGGING_CATEGORY(lcCrypto, "kokoa.crypto")
