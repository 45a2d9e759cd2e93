#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <cstddef>
#include <cstdint>

namespace kokoa::fuzz {

// What every fuzz target needs before its first input: a quiet Qt (log lines
// from rejected inputs would drown libFuzzer's own output and slow it down)
// and, for targets that use the network module, a QCoreApplication.
class FuzzEnvironment final
{
public:
    static void setUp(int *argc, char ***argv, bool needsApplication);

    static QByteArrayView bytes(const uint8_t *data, size_t size)
    {
        return QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size));
    }
    // A deep copy: QByteArray::fromRawData would let a parser keep a pointer
    // into libFuzzer's buffer past the call.
    static QByteArray copy(const uint8_t *data, size_t size)
    {
        return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
    }
};

// Splits one input into several values: a selector byte, then strings
// separated by a zero byte, so the fuzzer can grow each part independently.
class FuzzInput final
{
public:
    FuzzInput(const uint8_t *data, size_t size)
        : m_data(reinterpret_cast<const char *>(data), qsizetype(size))
    {
    }

    bool atEnd() const { return m_at >= m_data.size(); }
    quint8 byte()
    {
        return atEnd() ? 0 : quint8(m_data.at(m_at++));
    }
    // The bytes up to the next zero byte (or the end), as UTF-8 text.
    QString text()
    {
        return QString::fromUtf8(chunk());
    }
    QByteArrayView chunk()
    {
        const qsizetype start = m_at;
        while (m_at < m_data.size() && m_data.at(m_at) != '\0')
            ++m_at;
        const QByteArrayView out = m_data.sliced(start, m_at - start);
        if (m_at < m_data.size())
            ++m_at;
        return out;
    }
    QByteArrayView rest()
    {
        const QByteArrayView out = m_data.sliced(std::min(m_at, m_data.size()));
        m_at = m_data.size();
        return out;
    }

private:
    QByteArrayView m_data;
    qsizetype m_at = 0;
};

} // namespace kokoa::fuzz
