#include "render/WireGuardRenderer.h"

#include "render/RenderGuard.h"

#include <QCoreApplication>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace kokoa {
namespace {

using render::checkNumber;
using render::checkValue;
using render::ValueKind;

template <typename Host> QList<const Host *> sortedByName(const QList<Host> &hosts)
{
    QList<const Host *> sorted;
    sorted.reserve(hosts.size());
    for (const Host &host : hosts)
        sorted.append(&host);
    std::sort(sorted.begin(), sorted.end(),
              [](const Host *a, const Host *b) { return a->name < b->name; });
    return sorted;
}

// The prefix length of the tunnel range ("10.100.0.0/16" gives "16").
Result<QString> tunnelPrefix(const Settings &settings)
{
    const QString range = settings.tunnelRange();
    const qsizetype slash = range.indexOf(QLatin1Char('/'));
    const QString network = range.left(slash);
    bool ok = false;
    const int prefix = slash < 0 ? -1 : range.mid(slash + 1).toInt(&ok);
    if (Status s = checkValue(ValueKind::Ipv4, u"tunnel range"_s, network); !s)
        return s.error();
    if (Status s = checkNumber(u"tunnel range prefix"_s, ok ? prefix : -1, 8, 30); !s)
        return s.error();
    return QString::number(prefix);
}

Result<QString> interfaceSection(const QString &kind, const QString &name,
                                 const QString &tunnelAddress, const Settings &settings,
                                 bool listen)
{
    const QString what = kind + u' ' + name;
    if (Status s = checkValue(ValueKind::Name, kind + u" name"_s, name); !s)
        return s.error();
    if (tunnelAddress.isEmpty()) {
        return Error(Error::Kind::InvalidInput,
                     u"rendering WireGuard for %1: it has no tunnel address yet"_s.arg(what),
                     u"tunnel address"_s);
    }
    if (Status s = checkValue(ValueKind::Ipv4, what + u" tunnel address"_s, tunnelAddress); !s)
        return s.error();
    const Result<QString> prefix = tunnelPrefix(settings);
    if (!prefix)
        return prefix.error();
    QString text = u"# WireGuard interface "_s + WireGuardRenderer::interfaceName() + u" of "_s +
                   what + u", rendered by Kokoa. Do not edit.\n"_s +
                   u"# The private key never leaves this host: it is added from "_s +
                   WireGuardRenderer::keyPath() + u" when the file is installed.\n"_s +
                   u"[Interface]\nAddress = "_s + tunnelAddress + u'/' + *prefix + u'\n';
    if (listen)
        text += u"ListenPort = "_s + QString::number(WireGuardRenderer::listenPort) + u'\n';
    return text;
}

// Why a peer is left out, or an empty string when it can be rendered. The
// warnings reach the window's review page, in its language there; the CLI
// installs no translation and prints them in English.
QString missingForPeer(const QString &key, const QString &tunnelAddress)
{
    if (key.isEmpty())
        return QCoreApplication::translate("WireGuardRenderer", "no WireGuard public key yet");
    if (tunnelAddress.isEmpty())
        return QCoreApplication::translate("WireGuardRenderer", "no tunnel address yet");
    return {};
}

Status checkPeer(const QString &what, const QString &name, const QString &key,
                 const QString &tunnelAddress)
{
    if (Status s = checkValue(ValueKind::Name, what + u" name"_s, name); !s)
        return s;
    const QString context = what + u' ' + name;
    if (Status s = checkValue(ValueKind::WireGuardKey, context + u" public key"_s, key); !s)
        return s;
    return checkValue(ValueKind::Ipv4, context + u" tunnel address"_s, tunnelAddress);
}

Result<QString> edgeEndpoint(const Edge &edge)
{
    if (!edge.publicIpv4.isEmpty()) {
        if (Status s = checkValue(ValueKind::Ipv4, u"edge public IPv4"_s, edge.publicIpv4); !s)
            return s.error();
        return QString(edge.publicIpv4 + u':' + QString::number(WireGuardRenderer::listenPort));
    }
    if (Status s = checkValue(ValueKind::IpAddress, u"edge public IPv6"_s, edge.publicIpv6); !s)
        return s.error();
    return QString(u'[' + edge.publicIpv6 + u"]:"_s +
                   QString::number(WireGuardRenderer::listenPort));
}

} // namespace

Result<RenderedHost> WireGuardRenderer::renderEdge(const Edge &edge, const Topology &topology,
                                                   const Settings &settings)
{
    Result<QString> text =
        interfaceSection(u"edge"_s, edge.name, edge.tunnelAddress, settings, true);
    if (!text)
        return text.error();
    RenderedHost host;
    for (const Origin *origin : sortedByName(topology.origins)) {
        if (const QString missing = missingForPeer(origin->wgPublicKey, origin->tunnelAddress);
            !missing.isEmpty()) {
            host.warnings.append(
                QCoreApplication::translate(
                    "WireGuardRenderer", "edge %1: origin %2 left out of the WireGuard peers: %3")
                    .arg(quoteForMessage(edge.name), quoteForMessage(origin->name), missing));
            continue;
        }
        if (Status s =
                checkPeer(u"origin"_s, origin->name, origin->wgPublicKey, origin->tunnelAddress);
            !s) {
            return s.error();
        }
        text.value() += u"\n# origin "_s + origin->name + u"\n[Peer]\nPublicKey = "_s +
                        origin->wgPublicKey + u"\nAllowedIPs = "_s + origin->tunnelAddress +
                        u"/32\n"_s;
    }
    host.files.append({configPath(), text->toUtf8(), 0600});
    return host;
}

Result<RenderedHost> WireGuardRenderer::renderOrigin(const Origin &origin, const Topology &topology,
                                                     const Settings &settings)
{
    Result<QString> text =
        interfaceSection(u"origin"_s, origin.name, origin.tunnelAddress, settings, false);
    if (!text)
        return text.error();
    RenderedHost host;
    for (const Edge *edge : sortedByName(topology.edges)) {
        QString missing = missingForPeer(edge->wgPublicKey, edge->tunnelAddress);
        if (missing.isEmpty() && edge->publicIpv4.isEmpty() && edge->publicIpv6.isEmpty())
            missing = QCoreApplication::translate("WireGuardRenderer", "no public address");
        if (!missing.isEmpty()) {
            host.warnings.append(
                QCoreApplication::translate(
                    "WireGuardRenderer", "origin %1: edge %2 left out of the WireGuard peers: %3")
                    .arg(quoteForMessage(origin.name), quoteForMessage(edge->name), missing));
            continue;
        }
        if (Status s = checkPeer(u"edge"_s, edge->name, edge->wgPublicKey, edge->tunnelAddress);
            !s) {
            return s.error();
        }
        const Result<QString> endpoint = edgeEndpoint(*edge);
        if (!endpoint)
            return endpoint.error();
        text.value() += u"\n# edge "_s + edge->name + u"\n[Peer]\nPublicKey = "_s +
                        edge->wgPublicKey + u"\nAllowedIPs = "_s + edge->tunnelAddress +
                        u"/32\nEndpoint = "_s + *endpoint + u"\nPersistentKeepalive = "_s +
                        QString::number(keepaliveSeconds) + u'\n';
    }
    host.files.append({configPath(), text->toUtf8(), 0600});
    return host;
}

} // namespace kokoa
