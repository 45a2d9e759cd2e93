#pragma once

#include <QString>

// A tiny tmpfs mounted on an existing directory, so a test can fill a disk
// and see how writes fail. Needs root. The mount is made in a private mount
// namespace of the test process when possible, so it disappears with the
// process even if the test crashes; the destructor unmounts it in any case.
class SmallDisk final
{
public:
    SmallDisk(QString mountPoint, int kibibytes);
    ~SmallDisk();
    SmallDisk(const SmallDisk &) = delete;
    SmallDisk &operator=(const SmallDisk &) = delete;

    // Empty when mounted, else why not (for QSKIP when not root, QFAIL otherwise).
    const QString &error() const { return m_error; }
    static bool available(); // running as root

    // Writes a filler file until the disk is full; false if it never filled.
    bool fill();

private:
    QString m_mountPoint;
    QString m_error;
    bool m_mounted = false;
};
