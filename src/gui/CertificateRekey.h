#pragma once

#include "app/TaskJob.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

namespace kokoa::gui {

class Session;

// Re-keys certificates off the GUI thread, as `kokoactl cert rekey NAME...
// --revoke`: new keys, the certificates issued again and deployed to the
// edges, then the old ones revoked (app/CertificateRenewal). The window runs
// it after an edge that held their keys is removed.
class CertificateRekey final : public QObject
{
    Q_OBJECT

public:
    explicit CertificateRekey(Session &session, QObject *parent = nullptr);
    ~CertificateRekey() override;

    // False when a re-key is already under way.
    bool start(const QStringList &lineages);
    bool isRunning() const { return m_job != nullptr; }

signals:
    // ok: every lineage re-keyed; text: what happened, for the user.
    void finished(bool ok, const QString &text);

private:
    Session &m_session;
    QPointer<TaskJob> m_job; // a child while it runs
};

} // namespace kokoa::gui
