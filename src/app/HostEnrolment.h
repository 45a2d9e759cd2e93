#pragma once

#include "core/Model.h"
#include "core/Result.h"

#include <QCoreApplication>

#include <functional>

namespace kokoa {
class Store;
}

namespace kokoa::app {

// Adding an edge or an origin to the configuration: what can be checked
// without the host is checked first (a duplicate edge is refused before
// anyone logs in to it), then — when the shell asked for it — first contact
// runs and its fingerprint is pinned, then the host is stored with a tunnel
// address of its own. The window calls precheck() before it starts an
// OnboardingJob, and add*() with the fingerprint the job found.
class HostEnrolment final
{
    Q_DECLARE_TR_FUNCTIONS(HostEnrolment)

public:
    // First contact with the host at `target`; returns the fingerprint to pin.
    using Contact = std::function<Result<QString>(const SshTarget &target)>;

    explicit HostEnrolment(Store &store);

    // Whether the host could be added as it is, without contacting it: its
    // name must be new, and an edge must not be another edge's machine or
    // address.
    Status precheck(const Edge &edge) const;
    Status precheck(const Origin &origin) const;
    // `contact` empty: stored as given (its sshHostKey, if any, is the pin).
    Result<Edge> addEdge(Edge edge, const Contact &contact = {}) const;
    Result<Origin> addOrigin(Origin origin, const Contact &contact = {}) const;

private:
    Store &m_store;
};

} // namespace kokoa::app
