#include "cli/CliContext.h"

#include "core/DataDirectory.h"
#include "ssh/HostKeyCheck.h"

#include <QFileInfo>
#include <QJsonDocument>

namespace kokoa::cli {

CliContext::CliContext(QString dataDir, bool json, QTextStream &out, QTextStream &err)
    : m_dataDir(std::move(dataDir))
    , m_json(json)
    , m_out(out)
    , m_err(err)
{}

Result<Store *> CliContext::store()
{
    if (m_store)
        return m_store.get();
    const QString path = DataDirectory::databasePath(m_dataDir);
    if (!QFileInfo::exists(path)) {
        return Error(Error::Kind::Io,
                     tr("no Kokoa configuration in %1; run 'kokoactl init' first (or pass "
                        "--data-dir)")
                         .arg(m_dataDir));
    }
    return createStore();
}

Result<Topology> CliContext::topology()
{
    Result<Store *> opened = store();
    if (!opened)
        return opened.error();
    return (*opened)->topology();
}

Result<Store *> CliContext::createStore()
{
    if (m_store)
        return m_store.get();
    if (Result<QString> dir = DataDirectory::ensure(m_dataDir); !dir)
        return dir.error();
    Result<std::unique_ptr<Store>> opened = Store::open(DataDirectory::databasePath(m_dataDir));
    if (!opened)
        return opened.error();
    m_store = std::move(opened).value();
    return m_store.get();
}

QString CliContext::describe(const Error &error)
{
    if (error.kind() == Error::Kind::HostKey &&
        error.field() == QLatin1String(hostKeyField::notPinned))
        return tr("%1 (kokoactl edge|origin connect NAME)").arg(error.message());
    if (error.kind() != Error::Kind::HostKey || error.value().isEmpty())
        return error.message();
    if (error.field() == QLatin1String(hostKeyField::unknown))
        return tr("%1 and accept it with --accept-host-key %2").arg(error.message(), error.value());
    if (error.field() == QLatin1String(hostKeyField::changed)) {
        QString text = error.message();
        if (text.endsWith(QLatin1Char('.')))
            text.chop(1);
        return tr("%1 (kokoactl edge|origin repin NAME --accept-host-key %2).")
            .arg(text, error.value());
    }
    return error.message();
}

int CliContext::fail(const Error &error)
{
    m_err << "kokoactl: " << describe(error) << Qt::endl;
    switch (error.kind()) {
    case Error::Kind::InvalidInput:
    case Error::Kind::NotFound:
    case Error::Kind::Conflict:
        return InvalidInput;
    default:
        return OperationFailed;
    }
}

int CliContext::usageError(const QString &message)
{
    m_err << "kokoactl: " << message << Qt::endl;
    return InvalidInput;
}

void CliContext::warn(const QString &message)
{
    m_err << tr("warning: %1").arg(message) << Qt::endl;
}

void CliContext::printJson(const QJsonArray &array)
{
    m_out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
    m_out.flush();
}

void CliContext::printJson(const QJsonObject &object)
{
    m_out << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
    m_out.flush();
}

void CliContext::printTable(const QStringList &header, const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const QString &h : header)
        widths.append(h.size());
    for (const QStringList &row : rows) {
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    }
    auto printRow = [&](const QStringList &row) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i) {
            line += i + 1 < row.size() ? row[i].leftJustified(widths[i] + 2) : row[i];
        }
        m_out << line << '\n';
    };
    printRow(header);
    for (const QStringList &row : rows)
        printRow(row);
    m_out.flush();
}

bool CliContext::parse(QCommandLineParser &parser, const QStringList &args, int positionalCount,
                       const QString &usage)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    QStringList withProgram = args;
    withProgram.prepend(QStringLiteral("kokoactl"));
    if (!parser.parse(withProgram)) {
        usageError(parser.errorText() + QStringLiteral("\n") + tr("usage: kokoactl %1").arg(usage));
        return false;
    }
    if (parser.positionalArguments().size() != positionalCount) {
        usageError(tr("usage: kokoactl %1").arg(usage));
        return false;
    }
    return true;
}

} // namespace kokoa::cli
