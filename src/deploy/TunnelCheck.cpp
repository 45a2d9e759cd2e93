#include "deploy/TunnelCheck.h"

#include "render/WireGuardRenderer.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QRegularExpression>
#include <QThread>

#include <algorithm>

namespace kokoa {
namespace {

constexpr int pollIntervalMs = 500;

// A key as the host printed it, if it looks like one; anything else (the
// host may be hostile) is quoted so that it cannot reach a terminal raw.
QString keyFromHost(const QByteArray &raw)
{
    static const QRegularExpression key(QStringLiteral("^[A-Za-z0-9+/]{43}=$"));
    const QString text = QString::fromUtf8(raw.trimmed());
    return key.match(text).hasMatch() || text == QLatin1String("(none)") ? text
                                                                         : quoteForMessage(text);
}

QStringList sortedLines(const QByteArray &text)
{
    QStringList lines;
    for (const QByteArray &line : text.split('\n')) {
        if (!line.trimmed().isEmpty())
            lines.append(keyFromHost(line));
    }
    std::sort(lines.begin(), lines.end());
    return lines;
}

} // namespace

Result<TunnelCheck::InterfaceState> TunnelCheck::read(RemoteShell &shell)
{
    // `wg show <if> public-key` and `peers`: never `dump`, which would bring
    // the private key back over SSH.
    const Result<ExecResult> r =
        shell.run({QStringLiteral("sh"), QStringLiteral("-c"),
                   QStringLiteral("wg show \"$1\" public-key && wg show \"$1\" peers"),
                   QStringLiteral("kokoa-wg-state"), WireGuardRenderer::interfaceName()});
    if (!r)
        return r.error();
    QList<QByteArray> lines = r->standardOutput.split('\n');
    InterfaceState state;
    state.publicKey = keyFromHost(lines.value(0));
    lines.removeFirst();
    state.peers = sortedLines(lines.join('\n'));
    return state;
}

QStringList TunnelCheck::peerKeys(const QByteArray &renderedConfig)
{
    QByteArray keys;
    for (const QByteArray &line : renderedConfig.split('\n')) {
        if (line.startsWith("PublicKey = "))
            keys += line.mid(12) + '\n';
    }
    return sortedLines(keys);
}

QString TunnelCheck::mismatch(const InterfaceState &state, const QString &publicKey,
                              const QStringList &peers)
{
    QStringList why;
    if (state.publicKey != publicKey) {
        why.append(tr("it runs with the public key %1, not %2 (the key in %3, which the peers "
                      "were given)")
                       .arg(state.publicKey.isEmpty() ? tr("(none)") : state.publicKey, publicKey,
                            WireGuardRenderer::keyPath()));
    }
    QStringList wanted = peers;
    std::sort(wanted.begin(), wanted.end());
    if (state.peers != wanted) {
        why.append(
            tr("its peers are [%1], not [%2]")
                .arg(state.peers.join(QStringLiteral(", ")), wanted.join(QStringLiteral(", "))));
    }
    return why.join(QStringLiteral("; "));
}

Result<QStringList> TunnelCheck::silentPeers(RemoteShell &shell, const QStringList &peers)
{
    // The host's clock, not ours: handshake times are its epoch seconds.
    const Result<ExecResult> r =
        shell.run({QStringLiteral("sh"), QStringLiteral("-c"),
                   QStringLiteral("date +%s && wg show \"$1\" latest-handshakes"),
                   QStringLiteral("kokoa-wg-handshakes"), WireGuardRenderer::interfaceName()});
    if (!r)
        return r.error();
    const QList<QByteArray> lines = r->standardOutput.split('\n');
    const qint64 now = lines.value(0).trimmed().toLongLong();
    QHash<QString, qint64> latest;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> fields = lines.at(i).simplified().split(' ');
        if (fields.size() == 2)
            latest.insert(QString::fromLatin1(fields.at(0)), fields.at(1).toLongLong());
    }
    QStringList silent;
    for (const QString &peer : peers) {
        const qint64 at = latest.value(peer, 0);
        if (at <= 0 || now - at > handshakeMaxAgeSeconds)
            silent.append(peer);
    }
    return silent;
}

Status TunnelCheck::waitForHandshakes(RemoteShell &shell, const QStringList &peers,
                                      const QHash<QString, QString> &names, int timeoutMs,
                                      const std::atomic_bool *cancel)
{
    QDeadlineTimer deadline(timeoutMs);
    while (true) {
        if (cancel && cancel->load())
            return Error(Error::Kind::Cancelled,
                         tr("%1: the tunnel check was cancelled").arg(shell.where()));
        const Result<QStringList> silent = silentPeers(shell, peers);
        if (!silent)
            return silent.error();
        if (silent->isEmpty())
            return {};
        if (deadline.hasExpired()) {
            QStringList who;
            for (const QString &peer : *silent)
                who.append(names.value(peer, peer));
            return Error(Error::Kind::Remote,
                         tr("%1: no WireGuard handshake with %2 within %3 s, so this edge cannot "
                            "reach it through the tunnel; check that it is deployed and runs the "
                            "key Kokoa distributed (kokoactl deploy --all)")
                             .arg(shell.where(), who.join(QStringLiteral(", ")))
                             .arg(timeoutMs / 1000));
        }
        QThread::msleep(pollIntervalMs);
    }
}

} // namespace kokoa
