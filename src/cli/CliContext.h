#pragma once

#include "core/Result.h"
#include "store/Store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QTextStream>

#include <memory>

namespace kokoa::cli {

// Exit codes of kokoactl.
enum ExitCode
{
    Ok = 0,
    OperationFailed = 1,
    InvalidInput = 2
};

// What every command gets: the data directory, output mode, the streams it
// writes to, and the store (opened on first use).
class CliContext final
{
    Q_DECLARE_TR_FUNCTIONS(CliContext)
    Q_DISABLE_COPY_MOVE(CliContext)

public:
    CliContext(QString dataDir, bool json, QTextStream &out, QTextStream &err);

    const QString &dataDir() const { return m_dataDir; }
    bool json() const { return m_json; }
    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }

    // Opens the database; refuses when `kokoactl init` has not been run so a
    // typo in --data-dir never silently starts an empty configuration.
    Result<Store *> store();
    Result<Store *> createStore();
    // The whole model, from store().
    Result<Topology> topology();

    // Prints the error and returns the matching exit code.
    int fail(const Error &error);
    // The error as kokoactl prints it: the message plus, where the layers
    // below leave the next step to the shell, the command or option to use.
    static QString describe(const Error &error);
    int usageError(const QString &message);
    void warn(const QString &message);
    void printJson(const QJsonArray &array);
    void printJson(const QJsonObject &object);
    void printTable(const QStringList &header, const QList<QStringList> &rows);

    // Parses a subcommand's arguments; on failure prints why and returns false.
    bool parse(QCommandLineParser &parser, const QStringList &args, int positionalCount,
               const QString &usage);

private:
    QString m_dataDir;
    bool m_json;
    QTextStream &m_out;
    QTextStream &m_err;
    std::unique_ptr<Store> m_store;
};

} // namespace kokoa::cli
