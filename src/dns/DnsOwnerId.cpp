#include "dns/DnsOwnerId.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <cerrno>
#include <unistd.h>

namespace kokoa {

namespace {

const QByteArray legacyLine = QByteArrayLiteral("adopts-legacy-markers");

Result<DnsOwner> read(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return Error(
            Error::Kind::Io,
            DnsOwnerId::tr("cannot read the DNS owner id %1: %2").arg(file, f.errorString()));
    const QList<QByteArray> lines = f.read(256).split('\n');
    DnsOwner owner;
    owner.id = QString::fromLatin1(lines.value(0)).trimmed();
    owner.adoptsLegacyMarkers = lines.value(1).trimmed() == legacyLine;
    if (!DnsOwnerId::isValid(owner.id)) {
        return Error(
            Error::Kind::Io,
            DnsOwnerId::tr("%1 does not hold a DNS owner id (32 hex digits): restore it from a "
                           "backup; a new id would not own the records this installation made")
                .arg(file));
    }
    return owner;
}

} // namespace

QString DnsOwnerId::path(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("dns-owner-id"));
}

bool DnsOwnerId::isValid(const QString &id)
{
    static const QRegularExpression rx(QStringLiteral("^[0-9a-f]{32}$"));
    return rx.match(id).hasMatch();
}

QString DnsOwnerId::issuedMarkerPath(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("dns-owner-id.issued"));
}

Result<DnsOwner> DnsOwnerId::loadOrCreate(const QString &dataDir, bool newDataDirectory)
{
    const QString file = path(dataDir);
    if (QFile::exists(file))
        return readAndMark(dataDir);
    if (QFile::exists(issuedMarkerPath(dataDir))) {
        return Error(
            Error::Kind::NotFound,
            tr("the DNS owner id %1 is missing, though this data directory had one (%2 exists): "
               "restore the file from a backup. Only if it is lost for good, run `kokoactl init "
               "--new-dns-owner-id` to make a new one; the records the lost id marked are then no "
               "longer Kokoa's and must be removed by hand")
                .arg(file, issuedMarkerPath(dataDir)));
    }
    if (Status s = store(dataDir, !newDataDirectory); !s)
        return s.error();
    return readAndMark(dataDir);
}

Result<DnsOwner> DnsOwnerId::replaceLost(const QString &dataDir)
{
    if (QFile::exists(path(dataDir))) {
        return Error(Error::Kind::InvalidInput,
                     tr("--new-dns-owner-id: %1 exists; an id is replaced only when it is lost")
                         .arg(path(dataDir)),
                     QStringLiteral("new-dns-owner-id"));
    }
    // Never adopts legacy markers: the lost id's installation may have
    // migrated them, and which records were its own is unknown now.
    if (Status s = store(dataDir, false); !s)
        return s.error();
    return readAndMark(dataDir);
}

Result<DnsOwner> DnsOwnerId::readAndMark(const QString &dataDir)
{
    Result<DnsOwner> owner = read(path(dataDir));
    if (!owner)
        return owner;
    const QString marker = issuedMarkerPath(dataDir);
    if (!QFile::exists(marker)) {
        QFile f(marker);
        const QByteArray content =
            QByteArrayLiteral("a DNS owner id was issued for this data directory\n");
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            f.write(content) != content.size() || !f.flush() || ::fsync(f.handle()) != 0) {
            return Error(Error::Kind::Io, tr("cannot write %1: %2").arg(marker, f.errorString()));
        }
    }
    return owner;
}

Status DnsOwnerId::store(const QString &dataDir, bool adoptsLegacyMarkers)
{
    const QString file = path(dataDir);
    QByteArray random(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(random.data()), 4);
    QByteArray content = random.toHex() + '\n';
    if (adoptsLegacyMarkers)
        content += legacyLine + '\n';
    // Written whole under a private name, then linked into place: a reader
    // never sees half a file, and of two racing creators one wins.
    const QString staging = file + QStringLiteral(".%1.new").arg(::getpid());
    QFile f(staging);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(content) != content.size() ||
        !f.flush() || ::fsync(f.handle()) != 0) {
        const QString why = f.errorString();
        f.close();
        QFile::remove(staging);
        return Error(Error::Kind::Io, tr("cannot store the DNS owner id in %1: %2").arg(file, why));
    }
    f.close();
    const int rc =
        ::link(QFile::encodeName(staging).constData(), QFile::encodeName(file).constData());
    const int linkError = errno;
    QFile::remove(staging);
    if (rc != 0 && linkError != EEXIST)
        return Error(
            Error::Kind::Io,
            tr("cannot store the DNS owner id in %1: %2").arg(file, qt_error_string(linkError)));
    return {};
}

} // namespace kokoa
