#pragma once

#include <QByteArray>

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

    // A deep copy: QByteArray::fromRawData would let a parser keep a pointer
    // into libFuzzer's buffer past the call.
    static QByteArray copy(const uint8_t *data, size_t size)
    {
        return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
    }
};

} // namespace kokoa::fuzz
