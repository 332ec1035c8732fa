#include "api/syncroutes.h"

#include "auth/userrepository.h"
#include "http/apierror.h"
#include "http/router.h"
#include "releases/clientrelease.h"
#include "services.h"
#include "storage/changefeed.h"
#include "storage/database.h"
#include "sync/visibility.h"

#include <QStringEncoder>

#include <algorithm>
#include <charconv>
#include <iterator>

namespace portico::server {

namespace {

constexpr int DefaultLimit = 1000;
constexpr int MaxLimit = 5000;
constexpr const char *NextCursorHeader = "X-Portico-Next-Cursor";
constexpr const char *EpochHeader = "X-Portico-Epoch";

qint64 parseNonNegative(const std::string &text, const char *name, qint64 fallback)
{
    if (text.empty())
        return fallback;
    qint64 value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < 0) {
        throw ApiError(ApiErrorCode::BadRequest,
                       QStringLiteral("%1 must be a non-negative integer").arg(QLatin1String(name)),
                       QLatin1String(name));
    }
    return value;
}

bool needsEscape(char c)
{
    return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
}

// Appends UTF-8 text as a JSON string.
void appendJsonString(std::string &out, const char *text, std::size_t size)
{
    out += '"';
    for (std::size_t i = 0; i < size; ++i) {
        const char c = text[i];
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                static constexpr char Hex[] = "0123456789abcdef";
                out += "\\u00";
                out += Hex[(c >> 4) & 0xF];
                out += Hex[c & 0xF];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

// Appends text as a JSON string. Ids and entity names need no escaping: they are encoded
// straight into the output, without a UTF-8 copy first.
void appendJsonString(std::string &out, const QString &text)
{
    QStringEncoder utf8(QStringEncoder::Utf8);
    const std::size_t start = out.size();
    out.resize(start + 1 + static_cast<std::size_t>(utf8.requiredSpace(text.size())) + 1);
    char *const from = out.data() + start + 1;
    char *const end = utf8.appendToBuffer(from, text);
    if (std::none_of(from, end, needsEscape)) {
        from[-1] = '"';
        *end = '"';
        out.resize(static_cast<std::size_t>(end + 1 - out.data()));
        return;
    }
    const std::string encoded(from, end);
    out.resize(start);
    appendJsonString(out, encoded.data(), encoded.size());
}

void appendNumber(std::string &out, qint64 value)
{
    char digits[24];
    const auto result = std::to_chars(std::begin(digits), std::end(digits), value);
    out.append(digits, static_cast<std::size_t>(result.ptr - digits));
}

// The database's epoch and the caller's sync generation: either changing means the client's
// cache no longer matches what it may see, and it starts over.
QString syncEpoch(const QSqlDatabase &tx, const Caller &caller)
{
    Sql q(tx, QStringLiteral("SELECT value FROM meta WHERE key = 'epoch'"));
    q.exec();
    const QString epoch = q.next() ? q.value(0).toString() : QString();
    return epoch + QLatin1Char('.')
        + QString::number(UserRepository(tx).syncGeneration(Id::fromString(caller.userId)));
}

} // namespace

void addSyncRoutes(Router &router, Services &services)
{
    router.add(
        {HttpMethod::Get, "/api/v1/sync", Access::Authenticated, DefaultBodyLimit,
         [&services](HttpRequest &request) {
             const Caller &caller = *request.caller;
             if (caller.role == Role::Exchange)
                 throw ApiError(ApiErrorCode::Forbidden, QStringLiteral("The exchange user does not sync"));
             // Records the client's version; 426 below the channel's minimum version.
             if (auto refusal = admitClient(request, services, true))
                 return *refusal;
             const qint64 cursor = parseNonNegative(request.queryValue("cursor"), "cursor", 0);
             const qint64 limit = std::min<qint64>(
                 MaxLimit,
                 std::max<qint64>(1, parseNonNegative(request.queryValue("limit"), "limit", DefaultLimit)));
             const QString clientEpoch = QString::fromStdString(request.queryValue("epoch"));

             struct Result
             {
                 QString epoch;
                 ChangeFeed::Page page;
                 bool resync = false;
             };
             const Result result = services.database.read([&](QSqlDatabase &tx) {
                 Result r;
                 r.epoch = syncEpoch(tx, caller);
                 const qint64 head = ChangeFeed::head(tx);
                 // Another epoch, or a cursor beyond anything this database ever handed out:
                 // the server was replaced or restored from an older backup. The client starts
                 // over from cursor 0, keeping its outbox.
                 if ((!clientEpoch.isEmpty() && clientEpoch != r.epoch) || cursor > head) {
                     r.resync = true;
                     r.page.head = head;
                     return r;
                 }
                 r.page.head = head;
                 r.page.nextCursor = cursor;
                 if (cursor == head)
                     return r; // nothing new for anyone: no need to work out what the caller sees
                 const auto visibility = Visibility::of(tx, caller);
                 r.page = ChangeFeed::pull(tx, cursor, static_cast<int>(limit), visibility.audiences,
                                           visibility.everything);
                 return r;
             });

             std::string body;
             qsizetype payloadBytes = 0;
             for (const auto &change : result.page.changes)
                 payloadBytes += change.payload.size() + change.entityId.size() + 64;
             body.reserve(static_cast<std::size_t>(payloadBytes) + 256);
             body += "{\"epoch\":";
             appendJsonString(body, result.epoch);
             body += ",\"cursor\":" + std::to_string(result.resync ? 0 : result.page.nextCursor);
             body += ",\"head\":" + std::to_string(result.page.head);
             body += ",\"has_more\":";
             body += result.page.hasMore ? "true" : "false";
             body += ",\"resync\":";
             body += result.resync ? "true" : "false";
             body += ",\"changes\":[";
             bool first = true;
             // Runs of changes share their entity: its JSON is made once per run.
             QString entity;
             std::string entityJson;
             for (const auto &change : result.page.changes) {
                 if (!first)
                     body += ',';
                 first = false;
                 if (change.entity != entity || entityJson.empty()) {
                     entity = change.entity;
                     entityJson = ",\"entity\":";
                     appendJsonString(entityJson, entity);
                     entityJson += ",\"id\":";
                 }
                 body += "{\"seq\":";
                 appendNumber(body, change.seq);
                 body += entityJson;
                 appendJsonString(body, change.entityId);
                 if (change.deleted) {
                     body += ",\"deleted\":true}";
                 } else {
                     body += ",\"deleted\":false,\"data\":";
                     body.append(change.payload.constData(), static_cast<std::size_t>(change.payload.size()));
                     body += '}';
                 }
             }
             body += "]}";
             HttpResponse response;
             response.body = std::move(body);
             // The next page's cursor and the epoch, also in headers: a client can ask for the
             // next page as soon as this one arrives, before it has parsed the body.
             if (result.page.hasMore && !result.resync) {
                 response.headers.emplace_back(NextCursorHeader, std::to_string(result.page.nextCursor));
                 response.headers.emplace_back(EpochHeader, result.epoch.toStdString());
             }
             return response;
         }});
}

} // namespace portico::server
