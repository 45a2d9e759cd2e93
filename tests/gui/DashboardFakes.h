#pragma once

#include "gui/TrayNotifier.h"
#include "health/Prober.h"
#include "health/VantageChecker.h"

#include <QMutex>
#include <QSet>
#include <QStringList>

#include <vector>

namespace kokoa::test {

// The edges' reachability as the window's monitor (on its own thread), a
// second monitor and the vantage checks (on pool threads) all see it; the
// test changes it from the GUI thread, under the lock.
class SharedProbeWorld
{
public:
    void setDown(const QString &address, bool down)
    {
        QMutexLocker lock(&m_mutex);
        if (down)
            m_down.insert(address);
        else
            m_down.remove(address);
    }
    bool isDown(const QString &address) const
    {
        QMutexLocker lock(&m_mutex);
        return m_down.contains(address);
    }
    VantageChecker::Probe vantageProbe();

private:
    mutable QMutex m_mutex;
    QSet<QString> m_down;
};

// A Prober answering from a SharedProbeWorld, from the event loop of the
// thread it lives on, like the real engine.
class SharedWorldProber final : public Prober
{
public:
    explicit SharedWorldProber(const SharedProbeWorld &world)
        : m_world(world)
    {}

    TargetId addHttp(HttpTarget target) override;
    TargetId addTcp(const QHostAddress &address, quint16 port) override;
    void probe(TargetId id, int timeoutMs) override;

private:
    const SharedProbeWorld &m_world;
    std::vector<QString> m_addresses;
};

// Records every notification instead of showing it.
class RecordingNotifier final : public gui::TrayNotifier
{
public:
    struct Note
    {
        QString title;
        QString text;
        Urgency urgency;
    };
    void notify(const QString &title, const QString &text, Urgency urgency) override
    {
        notes.append({title, text, urgency});
    }
    QList<Note> notes;
};

} // namespace kokoa::test
