// `kokoactl import FILE` reads a file someone else may have written. The
// input goes the import path: TopologyJson::read, then Store::replaceAll
// (ModelValidator::topology and the settings rules) into a real database on
// tmpfs; an accepted configuration must export and read back unchanged.
#include "FuzzEnvironment.h"
#include "store/Store.h"
#include "store/TopologyJson.h"

#include <QDir>
#include <QTemporaryDir>

#include <memory>

using namespace kokoa;

namespace {

QTemporaryDir *directory = nullptr;
Store *store = nullptr;

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz::FuzzEnvironment::setUp(argc, argv, true);
    // Import must accept test addresses the seeds use (documentation ranges).
    qputenv("KOKOA_ALLOW_NONPUBLIC_ADDRESSES", "1");
    const QString base =
        QDir(QStringLiteral("/dev/shm")).exists() ? QStringLiteral("/dev/shm") : QDir::tempPath();
    directory = new QTemporaryDir(base + QStringLiteral("/kokoa-fuzz-import-XXXXXX"));
    Result<std::unique_ptr<Store>> opened =
        Store::open(directory->filePath(QStringLiteral("kokoa.db")));
    if (!opened) {
        fprintf(stderr, "cannot open the store: %s\n", qPrintable(opened.error().message()));
        abort();
    }
    store = std::move(opened).value().release();
    // The directory goes with the process; QTemporaryDir's destructor never
    // runs under libFuzzer, so remove it at exit.
    atexit([] { directory->remove(); });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const Result<Configuration> config =
        TopologyJson::read(fuzz::FuzzEnvironment::copy(data, size));
    if (!config)
        return 0;
    if (Status s = store->replaceAll(config->topology, config->settings); !s)
        return 0;
    const Result<Topology> stored = store->topology();
    const Result<Settings> settings = store->settings();
    if (!stored || !settings) {
        fprintf(stderr, "an accepted import cannot be read back\n");
        abort();
    }
    const QByteArray exported = TopologyJson::write(*stored, *settings);
    const Result<Configuration> again = TopologyJson::read(exported);
    if (!again || TopologyJson::write(again->topology, again->settings) != exported) {
        fprintf(stderr, "an export of an accepted import does not read back identically\n");
        abort();
    }
    return 0;
}
