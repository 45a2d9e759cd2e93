#pragma once

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

namespace kokoa {

// What DNS answers for each monitored hostname, as the monitor last read or
// wrote it: hostname -> the edges in its answer. Hostnames in zones Kokoa
// does not manage (manual zones) are only listed. Until the first read the
// book is not loaded and nothing is decided from it.
class AnswerBook final
{
public:
    bool loaded() const { return m_loaded; }
    void setLoaded() { m_loaded = true; }

    bool contains(const QString &hostname) const { return m_answers.contains(hostname); }
    QSet<QString> answer(const QString &hostname) const { return m_answers.value(hostname); }
    const QHash<QString, QSet<QString>> &answers() const { return m_answers; }
    // Records an answer; true when it differs from the one recorded before.
    bool set(const QString &hostname, const QSet<QString> &edges);
    // Forgets the hostnames no longer configured.
    void retain(const QSet<QString> &hostnames);

    bool unmanaged(const QString &hostname) const { return m_unmanaged.contains(hostname); }
    const QSet<QString> &unmanagedHostnames() const { return m_unmanaged; }
    void setUnmanaged(const QSet<QString> &hostnames) { m_unmanaged = hostnames; }

    // The edges sorted, as published and shown.
    static QStringList sorted(const QSet<QString> &edges);

private:
    QHash<QString, QSet<QString>> m_answers;
    QSet<QString> m_unmanaged;
    bool m_loaded = false;
};

} // namespace kokoa
