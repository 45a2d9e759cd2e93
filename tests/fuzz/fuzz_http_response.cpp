// The health probes read whatever an edge (possibly a compromised one) sends
// back. Feeds the input to the parser in pieces whose sizes the input chooses,
// as a slow or hostile peer would, then lets the connection close.
#include "FuzzEnvironment.h"
#include "FuzzInput.h"
#include "health/HttpResponseParser.h"

using namespace kokoa;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz::FuzzEnvironment::setUp(argc, argv, false);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::FuzzInput in(data, size);
    const quint8 piece = in.byte();
    QByteArrayView stream = in.rest();
    // 0 means "all at once"; otherwise 1..255 bytes per read.
    const qsizetype step = piece == 0 ? std::max<qsizetype>(1, stream.size()) : piece;

    HttpResponseParser parser;
    int responses = 0;
    while (!stream.isEmpty()) {
        const qsizetype take = std::min(step, stream.size());
        QByteArrayView chunk = stream.first(take);
        stream = stream.sliced(take);
        while (!chunk.isEmpty()) {
            qsizetype consumed = -1;
            const HttpResponseParser::Status status = parser.feed(chunk, &consumed);
            if (consumed < 0 || consumed > chunk.size()) {
                fprintf(stderr, "feed() consumed %lld of %lld bytes\n", qlonglong(consumed),
                        qlonglong(chunk.size()));
                abort();
            }
            chunk = chunk.sliced(consumed);
            if (status == HttpResponseParser::Status::Error)
                return 0;
            if (status == HttpResponseParser::Status::Complete) {
                (void)parser.statusCode();
                // A keep-alive connection carries the next response: reuse
                // the parser as the probe does.
                if (!parser.keepAlive() || ++responses > 64)
                    return 0;
                parser.reset();
            } else if (consumed == 0) {
                fprintf(stderr, "feed() made no progress and asked for more\n");
                abort();
            }
        }
    }
    (void)parser.finishOnClose();
    (void)parser.errorString();
    return 0;
}
