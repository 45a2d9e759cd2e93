#include "deploy/ChallengePlacement.h"

#include "ssh/SshIdentity.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace kokoa {

ChallengePlacement::ChallengePlacement(QList<Edge> edges, QString dataDir,
                                       Deployer::Connector connector, NginxLayout layout)
    : m_edges(std::move(edges))
    , m_dataDir(std::move(dataDir))
    , m_connector(std::move(connector))
    , m_layout(std::move(layout))
{}

ChallengePlacement::~ChallengePlacement()
{
    const QSet<QString> placed = m_placed;
    for (const QString &token : placed)
        (void)remove(token);
}

QString ChallengePlacement::challengePath(const QString &token, const NginxLayout &layout)
{
    return layout.acmeWebroot + QStringLiteral("/.well-known/acme-challenge/") + token;
}

QStringList ChallengePlacement::edgeNames() const
{
    QStringList out;
    for (const Edge &e : m_edges)
        out.append(e.name);
    return out;
}

Result<RemoteShell *> ChallengePlacement::connection(const Edge &edge)
{
    if (auto it = m_connections.find(edge.name); it != m_connections.end())
        return it->second.get();
    if (edge.sshHostKey.isEmpty()) {
        return Error(
            Error::Kind::HostKey,
            tr("edge %1: its SSH host key is not pinned yet; connect to it first").arg(edge.name),
            QString::fromLatin1(hostKeyField::notPinned));
    }
    const Result<SshIdentity> identity = SshIdentity::loadOrCreate(m_dataDir);
    if (!identity)
        return identity.error();
    SshSession::Options options;
    options.target = edge.ssh;
    options.identityFile = identity->privateKeyFile();
    options.hostKey.pinned = edge.sshHostKey;
    Result<std::unique_ptr<RemoteShell>> shell = m_connector(options);
    if (!shell)
        return shell.error().prefixed(tr("edge %1").arg(edge.name));
    RemoteShell *raw = shell->get();
    m_connections.emplace(edge.name, std::move(shell).value());
    return raw;
}

Status ChallengePlacement::placeOn(const Edge &edge, const QString &token,
                                   const QByteArray &content)
{
    const Result<RemoteShell *> shell = connection(edge);
    if (!shell)
        return shell.error();
    const QString path = challengePath(token, m_layout);
    if (Result<ExecResult> r =
            (*shell)->run({QStringLiteral("mkdir"), QStringLiteral("-p"), QFileInfo(path).path()});
        !r)
        return r.error();
    return (*shell)->upload(path, content, 0644);
}

Status ChallengePlacement::removeFrom(const Edge &edge, const QString &token)
{
    const Result<RemoteShell *> shell = connection(edge);
    if (!shell)
        return shell.error();
    const Result<ExecResult> r =
        (*shell)->run({QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("--"),
                       challengePath(token, m_layout)});
    if (!r)
        return r.error();
    return {};
}

Status ChallengePlacement::place(const QString &token, const QByteArray &keyAuthorization)
{
    // RFC 8555 8.1: a token is base64url; anything else must not become a path.
    static const QRegularExpression base64url(QStringLiteral("^[A-Za-z0-9_-]{16,256}$"));
    if (!base64url.match(token).hasMatch())
        return Error::invalid(QStringLiteral("token"), token,
                              tr("must be 16 to 256 base64url characters"));
    if (m_edges.isEmpty())
        return Error(Error::Kind::InvalidInput,
                     tr("there is no edge to answer the HTTP-01 challenge"),
                     QStringLiteral("edge"));
    m_placed.insert(token);
    for (const Edge &edge : std::as_const(m_edges)) {
        if (Status s = placeOn(edge, token, keyAuthorization); !s) {
            (void)remove(token);
            return Error(s.error().kind(),
                         tr("placing the HTTP-01 answer on edge %1 failed: %2")
                             .arg(edge.name, s.error().message()),
                         QStringLiteral("edge"));
        }
    }
    return {};
}

Status ChallengePlacement::remove(const QString &token)
{
    m_placed.remove(token);
    Status first;
    for (const Edge &edge : std::as_const(m_edges)) {
        if (Status s = removeFrom(edge, token); !s && first)
            first = s;
    }
    return first;
}

} // namespace kokoa
