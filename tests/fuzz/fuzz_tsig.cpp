// A TSIG-signed reply is checked before anything in it is trusted, so the
// verifier reads hostile bytes first. Input: a selector byte (bits 0-1 the
// algorithm, bit 5 "check the time"), a length byte and that many bytes of
// request MAC, then the message as it came off the wire. The key is fixed;
// the seeds are real BIND 9 replies signed with it, so mutations reach the
// MAC and time checks, not only the record parser.
#include "FuzzEnvironment.h"
#include "FuzzInput.h"
#include "dns/Tsig.h"

using namespace kokoa;

namespace {

constexpr quint64 seedTime = 1'796'138'935; // when BIND signed the seed replies

TsigKey keyFor(quint8 selector)
{
    static const char *const algorithms[] = {"hmac-sha256", "hmac-sha384", "hmac-sha512"};
    return TsigKey{QStringLiteral("kokoa-key"), QString::fromLatin1(algorithms[(selector & 3) % 3]),
                   QByteArray("fuzz-secret-0123456789abcdef")};
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz::FuzzEnvironment::setUp(argc, argv, false);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::FuzzInput in(data, size);
    const quint8 selector = in.byte();
    const quint8 macLength = in.byte();
    QByteArray requestMac;
    for (int i = 0; i < macLength && !in.atEnd(); ++i)
        requestMac.append(char(in.byte()));
    const QByteArray message = in.rest().toByteArray();
    (void)Tsig::verify(message, keyFor(selector), requestMac, seedTime, (selector & 0x20) != 0);
    return 0;
}
