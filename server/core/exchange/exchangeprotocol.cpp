#include "exchange/exchangeprotocol.h"

#include "auth/loginratelimiter.h"
#include "auth/userrepository.h"
#include "catalog/catalogrepository.h"
#include "customers/customerrepository.h"
#include "events/feednotifier.h"
#include "exchange/commercemlreader.h"
#include "exchange/importerror.h"
#include "exchange/orderexport.h"
#include "exchange/workfolder.h"
#include "log/structuredlog.h"
#include "orders/orderrepository.h"
#include "orders/orderservice.h"
#include "services.h"
#include "storage/database.h"
#include "storage/sqlvalues.h"
#include "sync/feedbatch.h"
#include "system/threads.h"
#include "warehouse/picklistrepository.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QStringEncoder>

namespace portico::server {

namespace {

HttpResponse plain(int status, const QStringList &lines)
{
    return HttpResponse::text(status, lines.join(QLatin1Char('\n')).toStdString());
}

HttpResponse failure(const QString &why, int status = 200)
{
    // One line: 1C shows the second line to its user, and a reason with line breaks would
    // read as more protocol lines.
    QString reason = why;
    reason.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return plain(status, {QStringLiteral("failure"), reason});
}

QString newSessionId()
{
    QByteArray bytes(16, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(bytes.data()),
                                         reinterpret_cast<quint32 *>(bytes.data() + bytes.size()));
    return QString::fromLatin1(bytes.toHex());
}

QString cookieValue(const HttpRequest &request)
{
    const QString header = QString::fromStdString(request.header("cookie"));
    const QString prefix = QLatin1String(ExchangeProtocol::CookieName) + QLatin1Char('=');
    for (const QString &part : header.split(QLatin1Char(';'))) {
        const QString pair = part.trimmed();
        if (pair.startsWith(prefix))
            return pair.mid(prefix.size());
    }
    return {};
}

bool mayExchange(const User &user)
{
    return user.active && (user.role == Role::Exchange || user.role == Role::Admin);
}

QString summary(const ImportCounts &counts)
{
    QStringList parts;
    const QJsonObject json = counts.toJson();
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (it.value().isDouble() && it.value().toInt() > 0)
            parts << QStringLiteral("%1=%2").arg(it.key()).arg(it.value().toInt());
    }
    return parts.isEmpty() ? QStringLiteral("nothing to import") : parts.join(QLatin1Char(' '));
}

// Whether `tail`, the last bytes of an upload, ends with the root element's end tag, in either
// of the encodings 1C writes (UTF-8, windows-1251).
bool endsWithRootEndTag(const QByteArray &tail)
{
    static const QString endTag = QStringLiteral("</КоммерческаяИнформация>");
    static const QByteArray utf8 = endTag.toUtf8();
    static const QByteArray cp1251 = QStringEncoder("windows-1251").encode(endTag);
    const QByteArray trimmed = tail.trimmed();
    return trimmed.endsWith(utf8) || (!cp1251.isEmpty() && trimmed.endsWith(cp1251));
}

bool isArchive(const QString &name)
{
    return name.endsWith(QLatin1String(".zip"), Qt::CaseInsensitive);
}

// Whether an upload has arrived whole: an XML file that ends with the root element's end tag,
// or a zip archive whose central directory has arrived.
bool wholeUpload(const WorkFolder &folder, const QString &name)
{
    if (isArchive(name))
        return folder.holdsWholeArchive(name);
    if (!name.endsWith(QLatin1String(".xml"), Qt::CaseInsensitive))
        return false;
    QFile written(folder.path(name));
    if (!written.open(QIODevice::ReadOnly))
        return false;
    written.seek(std::max<qint64>(0, written.size() - 256));
    return endsWithRootEndTag(written.readAll());
}

QString notUploaded(const QString &name)
{
    return QStringLiteral("the file %1 was not uploaded in this exchange").arg(name);
}

// The files an import of `name` reads: the file itself, or for an archive the XML files it held
// (`unpacked`, from WorkFolder::extractArchives), in name order. Empty, with `error` set, when
// there are none.
QStringList filesToImport(const QString &name, const QHash<QString, QStringList> &unpacked, QString &error)
{
    if (!isArchive(name))
        return {name};
    const auto found = unpacked.constFind(name);
    if (found == unpacked.constEnd()) {
        error = notUploaded(name);
        return {};
    }
    QStringList files;
    for (const QString &file : *found) {
        if (file.endsWith(QLatin1String(".xml"), Qt::CaseInsensitive))
            files.append(file);
    }
    files.sort();
    if (files.isEmpty())
        error = QStringLiteral("the archive %1 holds no XML file").arg(name);
    return files;
}

} // namespace

ExchangeProtocol::ExchangeProtocol(Services &services, Published published)
    : m_services(services)
    , m_importer(services, std::move(published))
    , m_hasher(services.auth.passwordCost)
{
    // Imports write through SQLite's single writer anyway; two at once would only queue.
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
}

ExchangeProtocol::~ExchangeProtocol()
{
    m_pool.waitForDone();
}

HttpResponse ExchangeProtocol::handle(HttpRequest &request)
{
    const QString type = QString::fromStdString(request.queryValue("type"));
    const QString mode = QString::fromStdString(request.queryValue("mode"));
    QString why;
    std::optional<ExchangeSession> session;
    try {
        session = signIn(request, mode, why);
    } catch (const std::exception &e) {
        // 1C reads only the protocol's lines: never the API's JSON error, even for a 500.
        StructuredLog::error(QStringLiteral("exchange sign-in failed"),
                             {{QStringLiteral("request_id"), QString::fromStdString(request.requestId)},
                              {QStringLiteral("error"), QString::fromUtf8(e.what())}});
        return failure(QStringLiteral("internal error; see the server log"), 500);
    }
    if (!session) {
        HttpResponse response = failure(why, 401);
        response.headers.emplace_back("WWW-Authenticate", "Basic realm=\"Portico exchange\"");
        return response;
    }
    request.user = session->login.toStdString();
    QElapsedTimer timer;
    timer.start();
    Step step;
    step.log.sessionId = session->id;
    step.log.at = m_services.now();
    step.log.kind = type;
    step.log.mode = mode;
    step.log.fileName = QString::fromStdString(request.queryValue("filename"));
    const bool catalog = type == QLatin1String("catalog");
    const bool sale = type == QLatin1String("sale");
    try {
        if (!catalog && !sale)
            step.response
                = failure(QStringLiteral("unknown exchange type \"%1\" (catalog or sale)").arg(type));
        else if (mode == QLatin1String("checkauth"))
            checkauth(request, *session, step);
        else if (mode == QLatin1String("init"))
            init(*session, step);
        else if (mode == QLatin1String("file"))
            file(request, *session, step, sale);
        else if (mode == QLatin1String("import"))
            import(*session, step);
        else if (catalog && mode == QLatin1String("deactivate"))
            deactivate(*session, step);
        else if (catalog && mode == QLatin1String("complete"))
            step.response = plain(200, {QStringLiteral("success")});
        else if (sale && mode == QLatin1String("query"))
            query(*session, step);
        else if (sale && mode == QLatin1String("success"))
            success(*session, step);
        else
            step.response = failure(QStringLiteral("unknown mode \"%1\" for type %2").arg(mode, type));
    } catch (const std::exception &e) {
        StructuredLog::error(QStringLiteral("exchange step failed"),
                             {{QStringLiteral("request_id"), QString::fromStdString(request.requestId)},
                              {QStringLiteral("mode"), mode},
                              {QStringLiteral("error"), QString::fromUtf8(e.what())}});
        step.response = failure(QStringLiteral("internal error; see the server log"));
        step.log.error = QString::fromUtf8(e.what());
    }
    const std::string &body = step.response.body;
    if (step.log.outcome.isEmpty()) {
        step.log.outcome = body.starts_with("failure") ? QStringLiteral("failure")
            : body.starts_with("progress")             ? QStringLiteral("progress")
                                                       : QStringLiteral("success");
    }
    if (step.log.outcome == QLatin1String("failure") && step.log.error.isEmpty()) {
        const auto newline = body.find('\n');
        step.log.error
            = QString::fromStdString(newline == std::string::npos ? body : body.substr(newline + 1));
    }
    step.log.durationMs = timer.elapsed();
    try {
        log(step.log);
        if (mode == QLatin1String("complete"))
            m_services.database.write([&](QSqlDatabase &tx) {
                ExchangeRepository(tx).finishSession(session->id, QStringLiteral("complete"),
                                                     m_services.now());
            });
    } catch (const std::exception &e) {
        // The step itself is done; a log that cannot be written must not turn it into an error.
        StructuredLog::error(QStringLiteral("exchange log not written"),
                             {{QStringLiteral("request_id"), QString::fromStdString(request.requestId)},
                              {QStringLiteral("error"), QString::fromUtf8(e.what())}});
    }
    return step.response;
}

std::optional<ExchangeSession> ExchangeProtocol::signIn(const HttpRequest &request, const QString &mode,
                                                        QString &why)
{
    const qint64 now = m_services.now();
    const QString cookie = cookieValue(request);
    const QString authorization = QString::fromStdString(request.header("authorization")).trimmed();
    const bool basic = authorization.startsWith(QLatin1String("Basic "), Qt::CaseInsensitive);
    if (!cookie.isEmpty() && !(basic && mode == QLatin1String("checkauth"))) {
        auto found = m_services.database.read([&](QSqlDatabase &tx) -> std::optional<ExchangeSession> {
            auto session = ExchangeRepository(tx).session(cookie);
            if (!session || session->lastSeen + m_services.exchange.sessionIdleMs < now)
                return std::nullopt;
            const auto user = UserRepository(tx).findById(session->userId);
            if (!user || !mayExchange(*user))
                return std::nullopt;
            return session;
        });
        if (found)
            return found;
        if (!basic) {
            why = QStringLiteral("the exchange session has ended; sign in again (checkauth)");
            return std::nullopt;
        }
    }
    if (!basic) {
        why = QStringLiteral("sign in with the exchange user's login and password (HTTP Basic)");
        return std::nullopt;
    }
    const QString decoded
        = QString::fromUtf8(QByteArray::fromBase64(authorization.mid(6).trimmed().toLatin1()));
    const qsizetype colon = decoded.indexOf(QLatin1Char(':'));
    if (colon <= 0) {
        why = QStringLiteral("malformed Basic credentials");
        return std::nullopt;
    }
    const QString login = UserRepository::normalizeLogin(decoded.left(colon));
    const QString password = decoded.mid(colon + 1);
    const QString address = QString::fromStdString(request.remoteAddress);
    LoginRateLimiter limiter(m_services);
    if (const auto decision = limiter.admit(login, address); !decision.allowed) {
        why = QStringLiteral("too many failed sign-ins; try again in %1 seconds")
                  .arg(decision.retryAfterSeconds);
        return std::nullopt;
    }
    const auto stored
        = m_services.database.read([&](QSqlDatabase &tx) { return UserRepository(tx).findByLogin(login); });
    const bool verified
        = stored ? m_hasher.verify(stored->passwordHash, password) : m_hasher.verifyNothing(password);
    if (!verified) {
        StructuredLog::warning(QStringLiteral("exchange sign-in failed"),
                               {{QStringLiteral("login"), login}, {QStringLiteral("remote"), address}});
        why = QStringLiteral("wrong login or password");
        return std::nullopt;
    }
    if (!mayExchange(stored->user)) {
        why = QStringLiteral("user %1 may not exchange (needs the exchange role)").arg(stored->user.login);
        return std::nullopt;
    }
    limiter.succeeded(login, address);
    return m_services.database.write([&](QSqlDatabase &tx) {
        ExchangeRepository exchange(tx);
        if (mode != QLatin1String("checkauth")) {
            if (auto open = exchange.latestOpenSession(stored->user.id);
                open && open->lastSeen + m_services.exchange.sessionIdleMs >= now)
                return *open;
        }
        // The log keeps 180 days of exchanges.
        exchange.pruneBefore(now - 180LL * 24 * 60 * 60 * 1000);
        ExchangeSession session;
        session.id = newSessionId();
        session.userId = stored->user.id;
        session.login = stored->user.login;
        session.remote = address;
        session.startedAt = now;
        session.lastSeen = now;
        session.outcome = QStringLiteral("open");
        exchange.createSession(session);
        return session;
    });
}

void ExchangeProtocol::checkauth(const HttpRequest &, const ExchangeSession &session, Step &step)
{
    step.response = plain(200,
                          {QStringLiteral("success"), QLatin1String(CookieName), session.id,
                           QStringLiteral("sessid=") + session.id,
                           QStringLiteral("timestamp=") + QString::number(m_services.now() / 1000)});
    step.response.headers.emplace_back("Set-Cookie",
                                       std::string(CookieName) + '=' + session.id.toStdString()
                                           + "; Path=/exchange; HttpOnly");
}

void ExchangeProtocol::init(const ExchangeSession &session, Step &step)
{
    {
        const std::lock_guard lock(m_mutex);
        for (auto it = m_jobs.begin(); it != m_jobs.end();) {
            const bool mine = it->first.startsWith(session.id + QLatin1Char('/'));
            bool running = false;
            if (mine) {
                const std::lock_guard jobLock(it->second->mutex);
                running = !it->second->done;
            }
            if (mine && running) {
                step.response = failure(QStringLiteral("an import of this session is still running"));
                return;
            }
            it = mine ? m_jobs.erase(it) : std::next(it);
        }
    }
    WorkFolder(m_services.dataDir, session.id).wipe();
    {
        const std::lock_guard lock(m_mutex);
        m_folderBytes[session.id] = 0;
    }
    step.response = plain(200,
                          {QStringLiteral("zip=yes"),
                           QStringLiteral("file_limit=") + QString::number(m_services.exchange.fileLimit),
                           QStringLiteral("sessid=") + session.id});
}

void ExchangeProtocol::file(const HttpRequest &request, const ExchangeSession &session, Step &step,
                            bool importWhenWhole)
{
    const auto name = WorkFolder::sanitize(step.log.fileName);
    if (!name) {
        step.response = failure(QStringLiteral("the file name \"%1\" is not allowed").arg(step.log.fileName));
        return;
    }
    step.log.bytes = static_cast<qint64>(request.body.size());
    WorkFolder folder(m_services.dataDir, session.id);
    QDir().mkpath(folder.root());
    qint64 used = -1;
    {
        const std::lock_guard lock(m_mutex);
        if (const auto known = m_folderBytes.find(session.id); known != m_folderBytes.end())
            used = known->second;
    }
    if (used < 0)
        used = folder.size();
    const QString error = folder.append(*name, QByteArray::fromStdString(request.body),
                                        m_services.exchange.uploadLimit, used);
    {
        const std::lock_guard lock(m_mutex);
        m_folderBytes[session.id] = used;
    }
    if (!error.isEmpty()) {
        step.response = failure(error);
        return;
    }
    // A sale file arrives whole and 1C may not ask for its import: once it ends with the root
    // element's end tag, or is a zip archive whose end has arrived (its XML files are imported
    // then), it is imported now.
    if (importWhenWhole && wholeUpload(folder, *name)) {
        const auto job = startImport(session, *name, true);
        std::unique_lock lock(job->mutex);
        job->finished.wait(lock, [&] { return job->done; });
        lock.unlock();
        answerJob(*job, step, false);
        return;
    }
    step.response = plain(200, {QStringLiteral("success")});
}

void ExchangeProtocol::import(const ExchangeSession &session, Step &step)
{
    const auto name = WorkFolder::sanitize(step.log.fileName);
    if (!name) {
        step.response = failure(QStringLiteral("the file name \"%1\" is not allowed").arg(step.log.fileName));
        return;
    }
    const auto job = startImport(session, *name, step.log.kind == QLatin1String("sale"));
    answerJob(*job, step, true);
}

std::shared_ptr<ExchangeProtocol::Job> ExchangeProtocol::startImport(const ExchangeSession &session,
                                                                     const QString &name, bool documents)
{
    const QString key = session.id + QLatin1Char('/') + name;
    std::shared_ptr<Job> job;
    {
        const std::lock_guard lock(m_mutex);
        if (const auto found = m_jobs.find(key); found != m_jobs.end())
            return found->second;
        // 1C asks for an import's result within seconds; one an hour old is nobody's.
        const qint64 forgetBefore = m_services.now() - 60 * 60 * 1000;
        for (auto it = m_jobs.begin(); it != m_jobs.end();) {
            const std::lock_guard jobLock(it->second->mutex);
            const bool stale = it->second->done && it->second->finishedAt < forgetBefore;
            it = stale ? m_jobs.erase(it) : std::next(it);
        }
        job = std::make_shared<Job>();
        m_jobs.emplace(key, job);
    }
    m_pool.start([this, job, session, name, documents] {
        nameThisThread("portico-import");
        QString error;
        ImportCounts counts;
        QString current = name; // the file an error is about
        try {
            WorkFolder folder(m_services.dataDir, session.id);
            QHash<QString, QStringList> unpacked;
            error = folder.extractArchives(m_services.exchange.uploadLimit, &unpacked);
            const QStringList files = error.isEmpty() ? filesToImport(name, unpacked, error) : QStringList();
            {
                // Unpacking changed what the folder holds: measured again at the next upload.
                // 1C may still ask for the import of a file the archive held: it gets this one.
                const std::lock_guard lock(m_mutex);
                m_folderBytes.erase(session.id);
                for (const QString &file : std::as_const(files))
                    m_jobs.emplace(session.id + QLatin1Char('/') + file, job);
            }
            for (const QString &file : files) {
                current = file;
                if (!QFileInfo(folder.path(file)).isFile()) {
                    error = notUploaded(file);
                    break;
                }
                counts += m_importer.importFile(
                    {folder.path(file), folder.root(), session.id, session.userId, documents});
            }
        } catch (const CommerceMLError &e) {
            error = current + QStringLiteral(": ") + QString::fromUtf8(e.what());
        } catch (const ImportError &e) {
            error = current + QStringLiteral(": ") + QString::fromUtf8(e.what());
        } catch (const std::exception &e) {
            StructuredLog::error(
                QStringLiteral("exchange import failed"),
                {{QStringLiteral("file"), current}, {QStringLiteral("error"), QString::fromUtf8(e.what())}});
            error = current + QStringLiteral(": internal error; see the server log");
        }
        m_services.database.releaseThreadConnection();
        StructuredLog::info(QStringLiteral("exchange import"),
                            {{QStringLiteral("session"), session.id},
                             {QStringLiteral("file"), name},
                             {QStringLiteral("outcome"), error.isEmpty() ? QStringLiteral("success") : error},
                             {QStringLiteral("counts"), counts.toJson()}});
        const std::lock_guard lock(job->mutex);
        job->error = error;
        job->counts = counts;
        job->finishedAt = m_services.now();
        job->done = true;
        job->finished.notify_all();
    });
    return job;
}

void ExchangeProtocol::answerJob(Job &job, Step &step, bool wait)
{
    std::unique_lock lock(job.mutex);
    if (wait)
        job.finished.wait_for(lock, std::chrono::milliseconds(m_services.exchange.progressWaitMs),
                              [&] { return job.done; });
    if (!job.done) {
        step.response
            = plain(200, {QStringLiteral("progress"), QStringLiteral("importing ") + step.log.fileName});
        return;
    }
    step.log.counts = job.counts.toJson();
    if (!job.error.isEmpty()) {
        step.response = failure(job.error);
        step.log.error = job.error;
        return;
    }
    step.response = plain(200, {QStringLiteral("success"), summary(job.counts)});
}

void ExchangeProtocol::deactivate(const ExchangeSession &session, Step &step)
{
    const int count = m_importer.deactivate(session.id);
    step.log.counts = QJsonObject {{QStringLiteral("deactivated"), count}};
    step.response = plain(200, {QStringLiteral("success"), QStringLiteral("deactivated=%1").arg(count)});
}

void ExchangeProtocol::query(const ExchangeSession &session, Step &step)
{
    const QString encoding = m_services.exchange.saleEncoding;
    const OrderExport::Result result = m_services.database.write([&](QSqlDatabase &tx) {
        auto built = OrderExport(tx).build(encoding, m_services.now());
        // Orders and shipments wait for `success` together.
        QJsonArray pending = built.orders;
        for (const auto &shipment : std::as_const(built.shipments))
            pending.append(shipment);
        ExchangeRepository(tx).setPendingOrders(session.id, pending);
        return built;
    });
    step.log.counts = QJsonObject {{QStringLiteral("orders"), result.orders.size()},
                                   {QStringLiteral("shipments"), result.shipments.size()}};
    step.log.bytes = result.xml.size();
    step.log.outcome = QStringLiteral("success");
    step.response = HttpResponse::text(200, result.xml.toStdString());
    step.response.contentType = "application/xml; charset=" + encoding.toStdString();
}

void ExchangeProtocol::success(const ExchangeSession &session, Step &step)
{
    QStringList audiences;
    const int marked = m_services.database.write([&](QSqlDatabase &tx) {
        ExchangeRepository exchange(tx);
        OrderRepository orders(tx);
        CustomerRepository customers(tx);
        const auto current = exchange.session(session.id);
        const QJsonArray pending = current ? current->pendingOrders : QJsonArray {};
        qsizetype shipments = 0;
        FeedBatch feed;
        const qint64 now = m_services.now();
        for (const auto &item : pending) {
            const QJsonObject entry = item.toObject();
            if (entry.contains(QStringLiteral("shipment"))) {
                PickListRepository(tx).markShipmentExported(
                    Id::fromString(entry.value(QStringLiteral("shipment")).toString()), now);
                ++shipments;
                continue;
            }
            const Id id = Id::fromString(entry.value(QStringLiteral("id")).toString());
            qint64 version = entry.value(QStringLiteral("version")).toInteger();
            auto stored = orders.find(id);
            if (!stored)
                continue;
            // 1C has the order now: an accepted order is exported (the lifecycle's own step).
            if (canTransition(stored->order.status, OrderStatus::Exported)) {
                const StatusChange change {stored->order.status, OrderStatus::Exported, utcFromMsecs(now),
                                           session.userId, QStringLiteral("1C has the order")};
                orders.recordStatus(id, change, now);
                stored->order.status = OrderStatus::Exported;
                stored->order.history.append(change);
                version = now;
                feed.upsert(entity::Order, idText(id), Audience::customer(idText(stored->order.customerId)),
                            OrderService::orderJson(*stored));
                customers.republish({stored->order.customerId}, feed);
            }
            exchange.markOrderExported(id, version, now);
        }
        exchange.setPendingOrders(session.id, {});
        feed.append(tx);
        audiences = feed.audiences();
        return static_cast<int>(pending.size() - shipments);
    });
    if (!audiences.isEmpty())
        m_services.notifier.published(audiences);
    step.log.counts = QJsonObject {{QStringLiteral("orders"), marked}};
    step.response = plain(200, {QStringLiteral("success")});
}

void ExchangeProtocol::log(const ExchangeStep &step)
{
    m_services.database.write([&](QSqlDatabase &tx) { ExchangeRepository(tx).appendStep(step); });
}

} // namespace portico::server
