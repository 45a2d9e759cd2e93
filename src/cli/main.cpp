#include "cli/Cli.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("kokoa"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KOKOA_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    return kokoa::cli::Cli::run(app.arguments().mid(1), out, err);
}
