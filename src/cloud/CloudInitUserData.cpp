#include "cloud/CloudInitUserData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QStringList>

namespace kokoa {
namespace {

// A JSON string is a valid YAML double-quoted scalar: no character of the
// value can end it early or start a YAML construct.
QByteArray quoted(const QString &value)
{
    QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return json.mid(1, json.size() - 2); // strip the array's brackets
}

} // namespace

QByteArray CloudInitUserData::build(const GeneratedHostKey &hostKey,
                                    const QString &authorizedKeyLine)
{
    QByteArray out = "#cloud-config\n";
    out += "ssh_deletekeys: true\n";
    out += "disable_root: false\n";
    out += "ssh_keys:\n";
    out += "  ed25519_private: |\n";
    const QList<QByteArray> lines = hostKey.privateKeyOpenSsh.trimmed().split('\n');
    for (const QByteArray &line : lines)
        out += "    " + line.trimmed() + '\n';
    out += "  ed25519_public: " + quoted(hostKey.publicKeyLine) + '\n';
    out += "ssh_authorized_keys:\n";
    out += "  - " + quoted(authorizedKeyLine) + '\n';
    return out;
}

} // namespace kokoa
