#pragma once

#include <QtGlobal>

// A loopback port that is free for TCP and UDP alike at the time of asking
// (DNS servers bind both). 0 when none was found. The port is released
// before returning: the caller's server binds it right away.
quint16 freeLoopbackPort();
