#pragma once

#include "app/EdgeCreation.h"
#include "app/ProviderService.h"
#include "core/Model.h"
#include "deploy/Deployer.h"
#include "store/BurnRecord.h"

#include <QCoreApplication>

#include <functional>

namespace kokoa {
class Store;
}

namespace kokoa::app {

// `edge burn`: an edge is thrown away and (unless asked not to) a fresh one
// from a provider takes its place. Steps, each an event, each recorded once
// done (table burns) so a rerun resumes and never asks for a second server:
//   leave-dns  the edge leaves the configuration, then DNS (as `dns sync`:
//              a running monitor sees it gone on its next reload and never
//              puts it back)
//   destroy    its server is destroyed at the provider (an edge added by
//              hand: the user is told to destroy it); with --keep-ip its
//              public IPv4 address is kept first, for the replacement
//   create     a new server, pinned and re-keyed (EdgeCreation's pieces)
//   deploy     the replacement and the origins (its WireGuard peer, the
//              existing certificates)
//   probe      the replacement serves every hostname
//   join-dns   DNS brought in line: the replacement is in
//   origins    (without a replacement, or after a last edge's) the origins
//              deployed again without the burned edge's WireGuard peer
// When the edge is the last one serving hostnames, the replacement (under a
// new name) is created, probed and in DNS before the old one leaves.
class EdgeBurn final
{
    Q_DECLARE_TR_FUNCTIONS(EdgeBurn)

public:
    struct Request
    {
        QString edge;
        bool replace = true;
        QString provider; // where the replacement comes from; default: the edge's
        bool keepIp = false;
        bool automatic = false; // started by the monitor (edges.auto_replace)
    };
    struct Report
    {
        QString edge;
        QString replacement; // "" with --no-replace
        bool resumed = false;
        // Set for an edge added by hand: the machine the user must destroy.
        QString destroyByHand;
    };
    // Whether an edge serves every route; replaceable in tests.
    using Probe = std::function<Status(const Edge &, const QList<Route> &)>;
    // For tests: called after each step is recorded; returning true stops
    // the run there, as a killed process would.
    using Interruption = std::function<bool(const QString &step)>;

    EdgeBurn(Store &store, QString dataDir,
             Deployer::Connector connector = Deployer::sshConnector());

    void setProviderOpener(ProviderService::Opener opener);
    void setTiming(const EdgeCreation::Timing &timing) { m_creation.setTiming(timing); }
    void setProbe(Probe probe) { m_probe = std::move(probe); }
    void setStepSink(EdgeCreation::StepSink sink);
    void setInterruption(Interruption interruption) { m_interruption = std::move(interruption); }

    Result<Report> run(const Request &request);

    static QStringList stepsFor(const BurnRecord &burn);

private:
    Result<BurnRecord> begin(const Request &request);
    Result<BurnRecord> plan(const Request &request, const Edge &edge, const Topology &topology);
    Status checkKeepIp(const BurnRecord &burn);
    Status runStep(BurnRecord &burn, const QString &name);
    Status leaveDns(const BurnRecord &burn);
    Status destroy(BurnRecord &burn);
    Status keepAddress(BurnRecord &burn, const ServerRecord &server);
    Status create(const BurnRecord &burn);
    Status probe(const BurnRecord &burn);
    Status syncDns();
    void event(const QString &edge, const QString &step, const QString &detail,
               const Error *error = nullptr);

    Store &m_store;
    QString m_dataDir;
    ProviderService m_providers;
    EdgeCreation m_creation;
    Probe m_probe;
    EdgeCreation::StepSink m_steps;
    Interruption m_interruption;
};

} // namespace kokoa::app
