#pragma once

#include "app/ProviderService.h"
#include "cloud/ServerReadiness.h"
#include "core/Model.h"
#include "deploy/Deployer.h"
#include "store/ProviderRecord.h"

#include <QCoreApplication>

#include <functional>

namespace kokoa {
class Store;
}

namespace kokoa::app {

// `edge create`: a new VPS from a provider becomes a deployed edge, with no
// trust on first use. Steps, each an event, each safe to run again after a
// crash or a failure (a second run resumes; it never makes a second server
// for the same edge):
//   server   a host key is made, the server is recorded, then asked for with
//            user-data carrying that key and Kokoa's authorized key
//   boot     bounded polling until the provider says it runs
//   enrol    the edge is stored with the given key pinned
//   connect  SSH with the pinned key, retried until sshd answers (bounded)
//   rotate   the host makes a new key, read over that authenticated
//            channel, pinned, installed; the given key is used once
//   deploy   the edge and the origins (the new WireGuard peer)
//   dns      DNS brought in line (as `dns sync`), unless asked not to
// A later burn reuses obtainServer(), enrol(), secureHost() and deploy().
class EdgeCreation final
{
    Q_DECLARE_TR_FUNCTIONS(EdgeCreation)

public:
    struct Request
    {
        QString edge;
        QString provider;
        EdgeProfile profile = EdgeProfile::Normal;
        bool syncDns = true;
    };
    // The first wait before SSH is tried again; it doubles up to
    // Timing::sshRetryMs.
    static constexpr int kFirstSshRetryMs = 250;
    struct Timing
    {
        ServerReadiness::Policy boot;
        int sshTimeoutMs = 300'000; // sshd of a booting server may take minutes
        int sshRetryMs = 3'000;     // the longest wait between two attempts
        int tunnelCheckTimeoutMs = 60'000;
    };
    // step: server, boot, enrol, connect, rotate, deploy, dns; detail for people.
    using StepSink = std::function<void(const QString &step, const QString &detail)>;

    EdgeCreation(Store &store, QString dataDir,
                 Deployer::Connector connector = Deployer::sshConnector());

    void setProviderOpener(ProviderService::Opener opener);
    void setTiming(const Timing &timing) { m_timing = timing; }
    void setStepSink(StepSink sink) { m_steps = std::move(sink); }

    Result<Edge> run(const Request &request);

    // A running server recorded for `edge`: the one a previous run left, or
    // a new one (with the address a burn kept, when it names one).
    Result<ServerRecord> obtainServer(const ProviderRecord &provider, CloudProvider &cloud,
                                      const QString &edge, const QString &keptAddress = {});
    // The server stored as edge `request.edge`, its given host key pinned;
    // the edge a previous run stored is returned as it is.
    Result<Edge> enrol(const ServerRecord &server, const Request &request);
    // Connects with the pinned key and replaces it with a host-made one.
    Status secureHost(const ServerRecord &server, const QString &edge);
    Status deploy(const QString &edge);
    // The origins alone: their WireGuard peers follow the edges configured
    // (a burned edge's peer goes).
    Status deployOrigins();

    static QString hostKeySecretName(const QString &serverName);

private:
    Result<ServerRecord> createServer(const ProviderRecord &provider, CloudProvider &cloud,
                                      const QString &edge, const QString &keptAddress);
    Result<ServerRecord> resumeServer(const ProviderRecord &provider, CloudProvider &cloud,
                                      ServerRecord record, const QString &keptAddress);
    Status deployWithOrigins(const QStringList &edges);
    Status recordAnswer(ServerRecord &record, const CloudServer &answer);
    Result<std::unique_ptr<RemoteShell>> connect(const Edge &edge, const ServerRecord &server);
    Result<Edge> edgeNamed(const QString &name) const;
    void step(const QString &name, const QString &subject, const QString &detail,
              const Error *error = nullptr);

    Store &m_store;
    QString m_dataDir;
    Deployer::Connector m_connector;
    ProviderService m_providers;
    Timing m_timing;
    StepSink m_steps;
};

} // namespace kokoa::app
