#include "health/StubStatus.h"

#include "render/NginxRenderer.h"
#include "ssh/RemoteShell.h"

#include <QRegularExpression>

namespace kokoa {

namespace {

// The page's fixed wording; the numbers are the counters.
const QRegularExpression &pagePattern()
{
    static const QRegularExpression page(
        QStringLiteral("Active connections:\\s*(\\d+)\\s*\\n"
                       "\\s*server accepts handled requests\\s*\\n"
                       "\\s*(\\d+)\\s+(\\d+)\\s+(\\d+)\\s*\\n"
                       "\\s*Reading:\\s*(\\d+)\\s+Writing:\\s*(\\d+)\\s+Waiting:\\s*(\\d+)"));
    return page;
}

} // namespace

Result<StubStatus> StubStatus::parse(const QByteArray &response)
{
    QByteArray body = response;
    if (response.startsWith("HTTP/")) {
        const qsizetype lineEnd = response.indexOf('\n');
        const QList<QByteArray> statusLine = response.left(lineEnd).trimmed().split(' ');
        if (statusLine.size() < 2 || statusLine.at(1) != "200") {
            // The edge's bytes go to the log and to `status`: quoted safely.
            return Error(
                Error::Kind::Remote,
                tr("the nginx status page answered %1 instead of 200")
                    .arg(quoteForMessage(QString::fromLatin1(response.left(lineEnd).trimmed()))));
        }
        const qsizetype headersEnd = response.indexOf("\r\n\r\n");
        body = headersEnd < 0 ? QByteArray() : response.mid(headersEnd + 4);
    }
    const QString text = QString::fromLatin1(body.left(1024)).replace(QLatin1Char('\r'), QString());
    const QRegularExpressionMatch m = pagePattern().match(text);
    if (!m.hasMatch()) {
        return Error(
            Error::Kind::Remote,
            tr("the nginx status page is not a stub_status page (%1 bytes)").arg(body.size()));
    }
    StubStatus s;
    qint64 *fields[] = {&s.active,  &s.accepts, &s.handled, &s.requests,
                        &s.reading, &s.writing, &s.waiting};
    for (int i = 0; i < 7; ++i) {
        bool ok = false;
        *fields[i] = m.captured(i + 1).toLongLong(&ok);
        if (!ok)
            return Error(Error::Kind::Remote, tr("the nginx status page holds a number too big"));
    }
    return s;
}

QStringList StubStatus::fetchCommand(const QString &tunnelAddress)
{
    // bash's /dev/tcp, as the vantage probe uses: no HTTP client needed on
    // the edge. The connection starts on the edge, from its tunnel address.
    return {QStringLiteral("timeout"),
            QStringLiteral("3"),
            QStringLiteral("bash"),
            QStringLiteral("-c"),
            QStringLiteral("exec 3<>\"/dev/tcp/$1/$2\" || exit 1; "
                           "printf 'GET %s HTTP/1.0\\r\\nHost: kokoa\\r\\n\\r\\n' \"$3\" >&3; "
                           "head -c 4096 <&3"),
            QStringLiteral("kokoa-load"),
            tunnelAddress,
            QString::number(NginxRenderer::statusPort),
            NginxRenderer::statusPath()};
}

Result<StubStatus> StubStatus::fetch(RemoteShell &shell, const QString &tunnelAddress,
                                     int timeoutMs)
{
    const Result<ExecResult> r =
        shell.exec(fetchCommand(tunnelAddress), {}, timeoutMs, nullptr, false, 8192);
    if (!r)
        return r.error();
    if (r->exitCode != 0) {
        return Error(Error::Kind::Remote,
                     tr("%1: the nginx status page on %2 did not answer (exit %3): %4")
                         .arg(shell.where(), tunnelAddress)
                         .arg(r->exitCode)
                         .arg(r->diagnostics()));
    }
    return parse(r->standardOutput);
}

} // namespace kokoa
