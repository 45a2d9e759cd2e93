#include "cli/CredentialFile.h"

#include "validate/Validator.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kokoa::cli {
namespace {

constexpr qint64 maxFileBytes = 64 * 1024;
constexpr qint64 maxSecretBytes = 4096;

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

// Closes the descriptor on every path out.
class FileDescriptor final
{
public:
    explicit FileDescriptor(int fd)
        : m_fd(fd)
    {}
    ~FileDescriptor()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    FileDescriptor(const FileDescriptor &) = delete;
    FileDescriptor &operator=(const FileDescriptor &) = delete;
    int get() const { return m_fd; }

private:
    int m_fd;
};

} // namespace

Result<QByteArray> CredentialFile::readPrivateFile(const QString &field, const QString &path)
{
    auto refuse = [&](const QString &why) {
        return Error(Error::Kind::InvalidInput, tr("%1: %2 %3").arg(field, path, why), field);
    };
    // O_NONBLOCK: opening a FIFO nobody writes to returns at once instead of
    // waiting for a writer; the type check below then refuses it.
    const FileDescriptor fd(
        ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
    if (fd.get() < 0)
        return refuse(tr("cannot be read: %1").arg(systemError()));
    struct stat st
    {
    };
    if (::fstat(fd.get(), &st) != 0)
        return refuse(tr("cannot be read: %1").arg(systemError()));
    if (!S_ISREG(st.st_mode))
        return refuse(tr("is not a regular file (a FIFO, device or directory is not read)"));
    const mode_t exposed = st.st_mode & (S_IRWXG | S_IRWXO);
    if (exposed != 0) {
        const QString mode = QStringLiteral("%1").arg(st.st_mode & 07777, 4, 8, QLatin1Char('0'));
        return refuse(
            tr("has mode %1: other users can %2 it; the file must be private to its "
               "owner (chmod 600 %3), and a secret others could read should be "
               "replaced")
                .arg(mode, (exposed & (S_IRGRP | S_IROTH)) ? tr("read") : tr("write"), path));
    }
    if (st.st_size > maxFileBytes)
        return refuse(tr("is larger than %1 bytes").arg(maxFileBytes));
    QByteArray data(maxSecretBytes + 2, Qt::Uninitialized);
    qsizetype filled = 0;
    while (filled < data.size()) {
        const ssize_t n = ::read(fd.get(), data.data() + filled, size_t(data.size() - filled));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return refuse(tr("cannot be read: %1").arg(systemError()));
        if (n == 0)
            break;
        filled += n;
    }
    data.truncate(filled);
    return data;
}

Result<QByteArray> CredentialFile::readToken(const QString &field, const QString &path)
{
    Result<QByteArray> content = readPrivateFile(field, path);
    if (!content)
        return content;
    const QByteArray secret = content->trimmed();
    if (!Validator::apiToken(field, secret)) {
        return Error(Error::Kind::InvalidInput,
                     tr("%1: the file %2 must hold one line of 1 to 4096 printable "
                        "characters without spaces")
                         .arg(field, path),
                     field);
    }
    return secret;
}

Result<QByteArray> CredentialFile::readTsigKey(const QString &field, const QString &path)
{
    Result<QByteArray> secret = readToken(field, path);
    if (!secret)
        return secret;
    if (!Validator::tsigSecret(field, *secret)) {
        return Error(Error::Kind::InvalidInput,
                     tr("%1: %2 must hold a base64 key of at least 16 bytes (as made by "
                        "tsig-keygen)")
                         .arg(field, path),
                     field);
    }
    return secret;
}

} // namespace kokoa::cli
