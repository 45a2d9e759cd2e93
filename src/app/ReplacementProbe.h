#pragma once

#include "core/Model.h"
#include "core/Result.h"

#include <QCoreApplication>

namespace kokoa::app {

// Whether a new edge serves every routed hostname, as the monitor would
// judge it (any HTTP answer but 502/503/504 over plain HTTP to the edge's
// public address), asked again until it does or the deadline passes. Runs a
// local event loop: the caller's thread must have none running that it
// needs meanwhile.
class ReplacementProbe final
{
    Q_DECLARE_TR_FUNCTIONS(ReplacementProbe)

public:
    static Status serves(const Edge &edge, const QList<Route> &routes, int timeoutMs,
                         quint16 port = 80);
};

} // namespace kokoa::app
