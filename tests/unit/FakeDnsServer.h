#pragma once

#include "dns/DnsWire.h"
#include "dns/Tsig.h"

#include <atomic>
#include <functional>
#include <thread>

// A DNS server over TCP on 127.0.0.1 and a free port, answering on its own
// thread (the client under test blocks in the test's thread) with replies a
// test builds, signed with the given TSIG key as a real server would.
class FakeDnsServer final
{
public:
    // Builds the reply to one request; the id, QR flag and TSIG are added.
    using Responder =
        std::function<kokoa::dnswire::Message(const kokoa::dnswire::Message &request)>;

    FakeDnsServer(kokoa::TsigKey key, Responder responder);
    ~FakeDnsServer();
    FakeDnsServer(const FakeDnsServer &) = delete;
    FakeDnsServer &operator=(const FakeDnsServer &) = delete;

    // How replies go out: signed (a real server), unsigned, or carrying a
    // TSIG error code with no MAC (as a server refusing the key sends, or
    // anyone on the path could forge). Set before start().
    enum class Signing
    {
        Signed,
        Unsigned,
        TsigError
    };
    void setSigning(Signing signing, quint16 tsigError = 0)
    {
        m_signing = signing;
        m_tsigError = tsigError;
    }

    bool start();
    quint16 port() const { return m_port; }
    int requests() const { return m_requests; }

private:
    void run();
    void serve(int fd);

    kokoa::TsigKey m_key;
    Responder m_responder;
    Signing m_signing = Signing::Signed;
    quint16 m_tsigError = 0;
    int m_listenFd = -1;
    quint16 m_port = 0;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_requests{0};
    std::thread m_thread;
};
