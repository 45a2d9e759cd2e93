#pragma once

#include "cloud/CloudServer.h"
#include "dns/BlockingHttp.h"

#include <QCoreApplication>

#include <functional>
#include <optional>

namespace kokoa {

// Creating a server is not idempotent where names need not be unique
// (DigitalOcean, Vultr): a POST retried after its answer was lost makes a
// second server. So the POST is sent once per attempt, never retried
// blindly: a 429 is waited out (nothing was made), and after an attempt
// whose outcome is unknown (5xx, timeout, dropped connection) the provider
// is asked for a server of that name before asking again.
class CreateWithoutTwins final
{
    Q_DECLARE_TR_FUNCTIONS(CreateWithoutTwins)

public:
    using Post = std::function<Result<HttpResponse>()>;
    using FindByName = std::function<Result<std::optional<CloudServer>>()>;

    struct Outcome
    {
        std::optional<HttpResponse> response; // the POST's final answer
        std::optional<CloudServer> adopted;   // or the server an earlier attempt made
    };

    static Result<Outcome> run(const Post &post, const FindByName &find, const RetryPolicy &policy);
};

} // namespace kokoa
