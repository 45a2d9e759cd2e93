#include "FuzzEnvironment.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <cstdlib>

namespace kokoa::fuzz {

namespace {

void dropMessage(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    // A fatal message is a finding: keep it visible and let libFuzzer see the abort.
    if (type == QtFatalMsg) {
        fprintf(stderr, "qFatal: %s\n", qPrintable(message));
        abort();
    }
}

} // namespace

void FuzzEnvironment::setUp(int *argc, char ***argv, bool needsApplication)
{
    qInstallMessageHandler(&dropMessage);
    QLoggingCategory::setFilterRules(QStringLiteral("*=false"));
    if (needsApplication && !QCoreApplication::instance()) {
        // Lives for the whole process: libFuzzer never returns from its loop.
        new QCoreApplication(*argc, *argv);
    }
}

} // namespace kokoa::fuzz
