#pragma once

#include "core/Model.h"
#include "core/Result.h"
#include "core/Settings.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace kokoa {

struct Configuration
{
    Topology topology;
    Settings settings;
};

// The export/import file: canonical JSON (sorted keys, stable order), so an
// export read back and exported again is byte-identical. Secrets are never
// in it, only their names. Reading is strict: unknown keys, wrong types and
// missing fields are errors that name the JSON path.
class TopologyJson final
{
    Q_DECLARE_TR_FUNCTIONS(TopologyJson)

public:
    static constexpr int formatVersion = 1;

    static QByteArray write(const Topology &topology, const Settings &settings);

    // One object as it appears in the file (and in `kokoactl … list --json`).
    static QJsonObject toJson(const Zone &zone);
    static QJsonObject toJson(const Origin &origin);
    static QJsonObject toJson(const Edge &edge);
    static QJsonObject toJson(const Route &route);
    static Result<Configuration> read(const QByteArray &json);
};

} // namespace kokoa
