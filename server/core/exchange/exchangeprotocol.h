#pragma once

#include "auth/passwordhasher.h"
#include "exchange/exchangeimporter.h"
#include "exchange/exchangerepository.h"
#include "http/httpmessage.h"

#include <QThreadPool>

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>

namespace portico::server {

struct Services;

// 1C's "exchange with a site" protocol on /exchange/1c (docs/EXCHANGE.md). 1C is the HTTP
// client; every answer is plain text, `success`, `progress` or `failure` and lines after it
// (`init` answers its settings, `sale` `query` the orders as XML), never anything else.
//
//   type=catalog: checkauth, init, file, import, deactivate, complete
//   type=sale:    checkauth, init, query, success, file, import
//
// `checkauth` takes HTTP Basic credentials of an active `exchange` (or admin) user and opens a
// session: the cookie it answers with identifies it on every later step (Basic works on
// every step too). Each session has a work folder, wiped by `init`. `import` runs the import
// on a worker of its own and answers `progress` until it is done, so that neither 1C's HTTP
// timeout nor the server's I/O threads wait for a long file. Every step goes to the exchange
// log (ExchangeRepository) with what it did.
class ExchangeProtocol final
{
public:
    using Published = ExchangeImporter::Published;

    ExchangeProtocol(Services &services, Published published);
    // Waits for the imports still running.
    ~ExchangeProtocol();
    ExchangeProtocol(const ExchangeProtocol &) = delete;
    ExchangeProtocol &operator=(const ExchangeProtocol &) = delete;

    HttpResponse handle(HttpRequest &request);

    static constexpr const char *CookieName = "portico_exchange";

private:
    struct Job
    {
        std::mutex mutex;
        std::condition_variable finished;
        bool done = false;
        qint64 finishedAt = 0; // ms since the epoch; finished jobs are forgotten after an hour
        QString error; // empty: success
        ImportCounts counts;
    };

    struct Step
    {
        ExchangeStep log;
        HttpResponse response;
    };

    std::optional<ExchangeSession> signIn(const HttpRequest &request, const QString &mode, QString &why);
    void checkauth(const HttpRequest &request, const ExchangeSession &session, Step &step);
    void init(const ExchangeSession &session, Step &step);
    void file(const HttpRequest &request, const ExchangeSession &session, Step &step, bool importWhenWhole);
    void import(const ExchangeSession &session, Step &step);
    void deactivate(const ExchangeSession &session, Step &step);
    void query(const ExchangeSession &session, Step &step);
    void success(const ExchangeSession &session, Step &step);
    std::shared_ptr<Job> startImport(const ExchangeSession &session, const QString &name, bool documents);
    void answerJob(Job &job, Step &step, bool wait);
    void log(const ExchangeStep &step);

    Services &m_services;
    ExchangeImporter m_importer;
    PasswordHasher m_hasher;
    std::mutex m_mutex;
    std::map<QString, std::shared_ptr<Job>> m_jobs; // "<session>/<file>"
    std::map<QString, qint64> m_folderBytes; // session -> bytes its folder holds, once known
    QThreadPool m_pool;
};

} // namespace portico::server
