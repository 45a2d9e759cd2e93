#pragma once

#include "deploy/Deployer.h"
#include "render/NginxRenderer.h"

#include <map>

namespace kokoa {

// HTTP-01 answers on every edge: the CA may ask any edge that is in DNS for
// the name, from several vantage points, so a key authorization is written
// on all of them before the CA is told to look, and taken away afterwards.
// Files go over SSH into the directory nginx serves for
// /.well-known/acme-challenge/ (NginxLayout::acmeWebroot); nginx serves new
// files there as they appear, so nothing is reloaded. One connection per
// edge is kept for the whole order.
class ChallengePlacement final
{
    Q_DECLARE_TR_FUNCTIONS(ChallengePlacement)
    Q_DISABLE_COPY_MOVE(ChallengePlacement)

public:
    ChallengePlacement(QList<Edge> edges, QString dataDir,
                       Deployer::Connector connector = Deployer::sshConnector(),
                       NginxLayout layout = {});
    // Takes away what is still placed (best effort).
    ~ChallengePlacement();

    // The file nginx answers /.well-known/acme-challenge/<token> with.
    static QString challengePath(const QString &token, const NginxLayout &layout = {});

    // Writes the answer on every edge; if one edge fails, the others are
    // cleaned again and the error names the edge.
    Status place(const QString &token, const QByteArray &keyAuthorization);
    Status remove(const QString &token);

    QStringList edgeNames() const;

private:
    Result<RemoteShell *> connection(const Edge &edge);
    Status placeOn(const Edge &edge, const QString &token, const QByteArray &content);
    Status removeFrom(const Edge &edge, const QString &token);

    QList<Edge> m_edges;
    QString m_dataDir;
    Deployer::Connector m_connector;
    NginxLayout m_layout;
    std::map<QString, std::unique_ptr<RemoteShell>> m_connections;
    QSet<QString> m_placed;
};

} // namespace kokoa
