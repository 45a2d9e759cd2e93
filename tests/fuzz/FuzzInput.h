#pragma once

#include <QByteArrayView>
#include <QString>

#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace kokoa::fuzz {

// Splits one input into several values: a selector byte, then strings
// separated by a zero byte, so the fuzzer can grow each part independently.
class FuzzInput final
{
public:
    FuzzInput(const uint8_t *data, size_t size)
        : m_data(reinterpret_cast<const char *>(data), qsizetype(size))
    {}

    bool atEnd() const { return m_at >= m_data.size(); }
    quint8 byte() { return atEnd() ? 0 : quint8(m_data.at(m_at++)); }
    // The bytes up to the next zero byte (or the end), as UTF-8 text.
    QString text() { return QString::fromUtf8(chunk()); }
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
