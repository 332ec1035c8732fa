#pragma once

#include "storage/database.h"
#include "testdatabase.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QUuid>

#include <memory>

namespace portico::test {

inline const QString AdminPassword = QStringLiteral("admin-Pa55word!");
inline const QString BuyerPassword = QStringLiteral("buyer-Pa55word!");
inline const QString RepPassword = QStringLiteral("rep-Pa55word!");
inline const QString WrongPassword = QStringLiteral("wrong-Pa55word!");

// An API reply with its JSON body.
struct ApiReply
{
    int status = 0;
    QByteArray headers;
    QJsonObject json;

    QJsonObject error() const { return json.value(QStringLiteral("error")).toObject(); }
    QString errorCode() const { return error().value(QStringLiteral("code")).toString(); }
    QString errorField() const { return error().value(QStringLiteral("field")).toString(); }
    QString errorMessage() const { return error().value(QStringLiteral("message")).toString(); }
    QString string(const char *key) const { return json.value(QLatin1String(key)).toString(); }
};

struct CliResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs `portico-server user ...` with `input` on standard input.
inline CliResult runUserCli(const QStringList &arguments, const QByteArray &input)
{
    QProcess process;
    process.start(QStringLiteral(PORTICO_SERVER_BINARY), QStringList {QStringLiteral("user")} + arguments);
    CliResult result;
    if (!process.waitForStarted(10000))
        return result;
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(60000))
        return result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

// A server on a fresh database (of the selected backend) with one customer and three users
// made by the command line before it starts: admin, buyer1 (a buyer of that customer) and rep1.
class AuthFixture final
{
public:
    // `serverArguments` go to the server after the database's.
    bool start(const QStringList &serverArguments = {})
    {
        m_db = std::make_unique<TestDatabase>();
        if (!m_db->create())
            return fail(m_db->errorString());
        m_customerId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_db->database().write([&](QSqlDatabase &tx) {
            server::Sql(
                tx,
                QStringLiteral("INSERT INTO customers (id, name, legal_name, inn, kpp, discount_bp, "
                               "currency, payment_terms_days, blocked, addresses_json, contacts_json) "
                               "VALUES (:id, 'Buyer Co', 'Buyer Co LLC', '7707083893', '773601001', 0, "
                               "'RUB', 0, :blocked, '[]', '[]')"))
                .bind(QStringLiteral(":id"), m_customerId)
                .bind(QStringLiteral(":blocked"), false)
                .exec();
        });
        m_db->database().releaseThreadConnection();
        const QList<std::pair<QStringList, QString>> users {
            {{QStringLiteral("admin"), QStringLiteral("--role"), QStringLiteral("admin")}, AdminPassword},
            {{QStringLiteral("Buyer1"), QStringLiteral("--role"), QStringLiteral("buyer"),
              QStringLiteral("--customer"), m_customerId, QStringLiteral("--name"),
              QStringLiteral("Покупатель Один")},
             BuyerPassword},
            {{QStringLiteral("rep1"), QStringLiteral("--role"), QStringLiteral("sales_rep")}, RepPassword},
        };
        for (const auto &[arguments, password] : users) {
            const CliResult result = runUserCli(QStringList {QStringLiteral("add")} + arguments + where(),
                                                password.toUtf8() + '\n');
            if (result.exitCode != 0)
                return fail(QStringLiteral("user add failed: ") + QString::fromUtf8(result.err));
        }
        m_server = std::make_unique<TestServer>(where() + serverArguments);
        if (!m_server->start())
            return fail(m_server->errorString());
        return true;
    }

    QString errorString() const { return m_error; }
    TestServer &server() { return *m_server; }
    // The arguments that point portico-server at this fixture's database.
    QStringList where() const { return m_db->serverArguments(); }
    QString customerId() const { return m_customerId; }

    static QByteArray loginBody(const QString &login, const QString &password,
                                const QString &device = QStringLiteral("test-device"))
    {
        return QJsonDocument(QJsonObject {{QStringLiteral("login"), login},
                                          {QStringLiteral("password"), password},
                                          {QStringLiteral("device_id"), device}})
            .toJson(QJsonDocument::Compact);
    }

    static QByteArray refreshBody(const QString &token, const QString &device = QStringLiteral("test-device"))
    {
        return QJsonDocument(QJsonObject {{QStringLiteral("refresh_token"), token},
                                          {QStringLiteral("device_id"), device}})
            .toJson(QJsonDocument::Compact);
    }

    ApiReply send(const QByteArray &method, const QByteArray &path, const QByteArray &body,
                  const QString &token = {})
    {
        QByteArray request
            = method + ' ' + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n";
        if (!token.isEmpty())
            request += "Authorization: Bearer " + token.toLatin1() + "\r\n";
        request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        return parse(rawHttp(m_server->port(), request));
    }

    ApiReply post(const QByteArray &path, const QByteArray &body, const QString &token = {})
    {
        return send("POST", path, body, token);
    }

    ApiReply get(const QByteArray &path, const QString &token = {})
    {
        QByteArray request = "GET " + path + " HTTP/1.1\r\nHost: x\r\n";
        if (!token.isEmpty())
            request += "Authorization: Bearer " + token.toLatin1() + "\r\n";
        return parse(rawHttp(m_server->port(), request + "\r\n"));
    }

    ApiReply raw(const QByteArray &request) { return parse(rawHttp(m_server->port(), request)); }

    // A fresh access token; the password defaults to the one the fixture gave the user.
    QString tokenOf(const QString &login, QString password = {},
                    const QString &device = QStringLiteral("test-device"))
    {
        if (password.isEmpty())
            password = login == QLatin1String("admin") ? AdminPassword
                : login == QLatin1String("rep1")       ? RepPassword
                                                       : BuyerPassword;
        const ApiReply reply = post("/api/v1/auth/login", loginBody(login, password, device));
        if (reply.status != 200)
            qWarning("login of %s failed: %d %s", qPrintable(login), reply.status,
                     qPrintable(reply.errorMessage()));
        return reply.string("access_token");
    }

    QString idOf(const QString &login)
    {
        const ApiReply list = get("/api/v1/admin/users", tokenOf(QStringLiteral("admin")));
        for (const auto &user : list.json.value(QStringLiteral("users")).toArray()) {
            if (user.toObject().value(QStringLiteral("login")).toString() == login)
                return user.toObject().value(QStringLiteral("id")).toString();
        }
        return {};
    }

private:
    static ApiReply parse(const RawHttpReply &raw)
    {
        ApiReply reply;
        reply.status = raw.status;
        reply.headers = raw.headers;
        reply.json = QJsonDocument::fromJson(raw.body).object();
        return reply;
    }

    bool fail(const QString &error)
    {
        m_error = error;
        return false;
    }

    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<TestServer> m_server;
    QString m_customerId;
    QString m_error;
};

} // namespace portico::test
