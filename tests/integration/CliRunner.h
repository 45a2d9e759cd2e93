#pragma once

#include "cli/Cli.h"

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTextStream>

// Runs kokoactl in-process (the same Cli::run main() calls) or as the real
// executable, capturing its output.
struct CliResult
{
    int code = -1;
    QString out;
    QString err;
};

inline CliResult runCli(const QString &dataDir, QStringList args)
{
    args.prepend(dataDir);
    args.prepend(QStringLiteral("--data-dir"));
    CliResult result;
    {
        QTextStream out(&result.out);
        QTextStream err(&result.err);
        result.code = kokoa::cli::Cli::run(args, out, err);
    }
    return result;
}

inline QString kokoactlPath()
{
    return qEnvironmentVariable("KOKOA_BINARY_DIR", QStringLiteral(KOKOA_BUILD_DIR)) +
           QStringLiteral("/src/cli/kokoactl");
}

inline CliResult runKokoactl(const QString &dataDir, QStringList args,
                             const QByteArray &stdinData = {})
{
    args.prepend(dataDir);
    args.prepend(QStringLiteral("--data-dir"));
    QProcess process;
    process.start(kokoactlPath(), args);
    process.write(stdinData);
    process.closeWriteChannel();
    CliResult result;
    if (!process.waitForFinished(60000))
        return result;
    result.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}
