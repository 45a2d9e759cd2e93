#include "AcmeTestSupport.h"

#include <QProcess>

using namespace Qt::StringLiterals;

bool runOpenSsl(const QStringList &arguments, const QString &directory, QString *output)
{
    QProcess openssl;
    openssl.setWorkingDirectory(directory);
    openssl.setProcessChannelMode(QProcess::MergedChannels);
    openssl.start(QStringLiteral("openssl"), arguments);
    if (!openssl.waitForFinished(30000))
        return false;
    if (output)
        *output = QString::fromUtf8(openssl.readAll());
    return openssl.exitStatus() == QProcess::NormalExit && openssl.exitCode() == 0;
}

bool makeTlsFiles(const QString &dir)
{
    QFile extensions(dir + QStringLiteral("/server.ext"));
    if (!extensions.open(QIODevice::WriteOnly))
        return false;
    extensions.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n");
    extensions.close();
    const QStringList ec{QStringLiteral("-newkey"), QStringLiteral("ec"),
                         QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"),
                         QStringLiteral("-nodes")};
    auto run = [&dir](const QStringList &arguments) { return runOpenSsl(arguments, dir); };
    return run(QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + ec +
               QStringList{u"-keyout"_s, u"tls-ca.key"_s, u"-out"_s, u"tls-ca.pem"_s, u"-days"_s,
                           u"2"_s, u"-subj"_s, u"/CN=Kokoa test TLS CA"_s}) &&
           run(QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + ec +
               QStringList{u"-keyout"_s, u"other-ca.key"_s, u"-out"_s, u"other-ca.pem"_s,
                           u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=Unrelated CA"_s}) &&
           run(QStringList{QStringLiteral("req")} + ec +
               QStringList{u"-keyout"_s, u"tls.key"_s, u"-out"_s, u"tls.csr"_s, u"-subj"_s,
                           u"/CN=127.0.0.1"_s}) &&
           run({u"x509"_s, u"-req"_s, u"-in"_s, u"tls.csr"_s, u"-CA"_s, u"tls-ca.pem"_s,
                u"-CAkey"_s, u"tls-ca.key"_s, u"-set_serial"_s, u"2"_s, u"-days"_s, u"2"_s,
                u"-extfile"_s, u"server.ext"_s, u"-out"_s, u"tls.pem"_s});
}
