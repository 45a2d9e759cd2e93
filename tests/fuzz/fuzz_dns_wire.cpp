// DNS replies come from the network: every byte of them is the peer's.
// Parses the input as a DNS message, reads every record's RDATA the way the
// RFC 2136 provider does, and checks that what parses can be written back.
#include "FuzzEnvironment.h"
#include "dns/DnsWire.h"

using namespace kokoa;
using namespace kokoa::dnswire;

namespace {

void readRecords(const QList<ResourceRecord> &records)
{
    for (const ResourceRecord &rr : records) {
        if (rr.type == TypeA || rr.type == TypeAaaa)
            (void)addressText(rr.type, rr.rdata);
        if (rr.type == TypeTxt)
            (void)txtText(rr.rdata);
        (void)typeName(rr.type);
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz::FuzzEnvironment::setUp(argc, argv, false);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray wire = fuzz::FuzzEnvironment::copy(data, size);
    const Result<Message> message = parse(wire);
    if (!message)
        return 0;
    (void)rcodeName(message->rcode());
    readRecords(message->answers);
    readRecords(message->authority);
    readRecords(message->additional);
    // Names come back decompressed and lowercase; building them again must
    // not crash, and what builds must parse.
    const Result<QByteArray> rebuilt = build(*message);
    if (rebuilt && !parse(*rebuilt)) {
        fprintf(stderr, "a message built from a parsed one does not parse\n");
        abort();
    }
    return 0;
}
