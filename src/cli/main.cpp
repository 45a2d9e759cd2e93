#include "cli/Cli.h"

#include <QCoreApplication>
#include <QLoggingCategory>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // Diagnostics on request only (QT_LOGGING_RULES=kokoa.*.debug=true).
    QLoggingCategory::setFilterRules(QStringLiteral("kokoa.*.debug=false"));
    QCoreApplication::setApplicationName(QStringLiteral("kokoa"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KOKOA_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    return kokoa::cli::Cli::run(app.arguments().mid(1), out, err);
}
