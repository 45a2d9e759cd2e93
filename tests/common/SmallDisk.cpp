#include "SmallDisk.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

namespace {

// Once per process: a private mount namespace, so mounts made here are not
// seen (nor left behind) on the machine. Fails in a multi-threaded process;
// the mount then happens in the current namespace and is removed by the
// destructor.
void enterPrivateMountNamespace()
{
    static const bool done = [] {
        if (::unshare(CLONE_NEWNS) != 0)
            return false;
        return ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0;
    }();
    (void)done;
}

} // namespace

bool SmallDisk::available()
{
    return ::geteuid() == 0;
}

SmallDisk::SmallDisk(QString mountPoint, int kibibytes)
    : m_mountPoint(std::move(mountPoint))
{
    if (!available()) {
        m_error = QStringLiteral("needs root to mount a tmpfs");
        return;
    }
    enterPrivateMountNamespace();
    const QByteArray options = "size=" + QByteArray::number(kibibytes) + "k,mode=0700";
    if (::mount("tmpfs", QFile::encodeName(m_mountPoint).constData(), "tmpfs", MS_NOSUID | MS_NODEV,
                options.constData()) != 0) {
        m_error = QStringLiteral("mount tmpfs on %1: %2")
                      .arg(m_mountPoint, QString::fromLocal8Bit(std::strerror(errno)));
        return;
    }
    m_mounted = true;
}

SmallDisk::~SmallDisk()
{
    if (m_mounted)
        ::umount2(QFile::encodeName(m_mountPoint).constData(), MNT_DETACH);
}

bool SmallDisk::fill()
{
    if (!m_mounted)
        return false;
    const QByteArray path = QFile::encodeName(m_mountPoint + QStringLiteral("/.filler"));
    const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    const QByteArray block(4096, 'x');
    bool full = false;
    // Bounded: a disk of a few KiB fills long before this.
    for (int i = 0; i < 1 << 16 && !full; ++i) {
        if (::write(fd, block.constData(), size_t(block.size())) < 0)
            full = errno == ENOSPC;
    }
    // Whatever is left (less than a block) goes byte by byte.
    while (full && ::write(fd, "x", 1) == 1) {
    }
    ::close(fd);
    return full;
}
