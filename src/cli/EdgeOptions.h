#pragma once

#include "core/Model.h"
#include "core/Result.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace kokoa::cli {

// The options `edge add` and `edge update` share, applied to an edge: one or
// two --public-ip (replacing both addresses), --provider with --provider-id,
// --profile. Every value is validated, under its option's name.
class EdgeOptions final
{
    Q_DECLARE_TR_FUNCTIONS(EdgeOptions)

public:
    static Status apply(const QCommandLineParser &parser, Edge &edge);
};

} // namespace kokoa::cli
