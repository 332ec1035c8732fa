#include "usercommand.h"

#include "auth/passwordhasher.h"
#include "auth/tokenservice.h"
#include "auth/userpolicy.h"
#include "auth/userrepository.h"
#include "commonoptions.h"
#include "storage/database.h"
#include "storage/migrations.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QFile>
#include <QTextStream>

#include <cstdio>
#include <exception>
#include <functional>
#include <termios.h>
#include <unistd.h>

namespace portico::server {

namespace {

QTextStream &out()
{
    return standardOutput();
}

QTextStream &err()
{
    return standardError();
}

qint64 systemNow()
{
    return QDateTime::currentMSecsSinceEpoch();
}

void printUserUsage()
{
    out() << "Usage: portico-server user <action> [options]\n\n"
             "Actions:\n"
             "  add LOGIN --role ROLE [--name NAME] [--customer ID] [--warehouse ID]\n"
             "           Create a user; the password is read from standard input.\n"
             "  disable LOGIN\n"
             "           Disable a user and sign them out on every device.\n"
             "  passwd LOGIN\n"
             "           Set a user's password (read from standard input) and sign them out everywhere.\n\n"
             "Roles: admin, manager, sales_rep, warehouse, buyer, exchange.\n"
             "Run 'portico-server user <action> --help' for the options of an action.\n";
    out().flush();
}

// One line from standard input without its line end; nullopt at end of input. On a terminal
// the typed characters are not echoed.
std::optional<QString> readSecretLine(const char *prompt)
{
    const bool terminal = ::isatty(STDIN_FILENO) == 1;
    termios saved {};
    if (terminal && ::tcgetattr(STDIN_FILENO, &saved) == 0) {
        termios silent = saved;
        silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
        err() << prompt << Qt::flush;
    }
    QFile input;
    std::optional<QString> line;
    if (input.open(stdin, QIODevice::ReadOnly)) {
        QByteArray bytes = input.readLine(static_cast<qint64>(MaxPasswordLength) * 4 + 2);
        if (!bytes.isEmpty()) {
            while (bytes.endsWith('\n') || bytes.endsWith('\r'))
                bytes.chop(1);
            line = QString::fromUtf8(bytes);
        }
        bytes.fill('\0');
    }
    if (terminal) {
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        err() << Qt::endl;
    }
    return line;
}

// The new password from standard input, checked against the password rules; nullopt after
// saying why.
std::optional<QString> readNewPassword(const QString &command)
{
    const std::optional<QString> password = readSecretLine("Password: ");
    if (!password) {
        err() << command << ": expected the password as one line on standard input" << Qt::endl;
        return std::nullopt;
    }
    if (const auto violation = UserPolicy::checkNewPassword(*password)) {
        err() << command << ": " << violation->message << Qt::endl;
        return std::nullopt;
    }
    if (::isatty(STDIN_FILENO) == 1) {
        const std::optional<QString> again = readSecretLine("Repeat the password: ");
        if (!again || *again != *password) {
            err() << command << ": the passwords differ" << Qt::endl;
            return std::nullopt;
        }
    }
    return password;
}

std::optional<Id> parseId(const QString &text)
{
    const Id id = QUuid::fromString(text);
    if (text.size() != 36 || id.isNull())
        return std::nullopt;
    return id;
}

// Parses the action's options, opens and migrates the database and runs `action` on it.
int runAction(const QStringList &arguments, const QString &description,
              const QList<QCommandLineOption> &options,
              const std::function<int(const QCommandLineParser &, Database &, const QString &)> &action)
{
    const QString command = arguments.value(0);
    QCommandLineParser parser;
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("login"), QStringLiteral("The user's login."));
    const CommonOptions common;
    common.addStorageTo(parser);
    for (const auto &option : options)
        parser.addOption(option);
    parser.process(arguments);
    if (parser.positionalArguments().size() != 1) {
        err() << command << ": expected exactly one LOGIN; see --help" << Qt::endl;
        return 2;
    }
    const auto config = common.databaseConfig(parser, command.section(QLatin1Char(' '), 1));
    if (!config)
        return 2;
    try {
        Database database(*config);
        Migrations::apply(database);
        return action(parser, database,
                      UserRepository::normalizeLogin(parser.positionalArguments().constFirst()));
    } catch (const std::exception &e) {
        err() << command << ": " << e.what() << Qt::endl;
        return 1;
    }
}

int addUser(const QStringList &arguments)
{
    const QCommandLineOption role(QStringLiteral("role"),
                                  QStringLiteral("admin, manager, sales_rep, warehouse, buyer or exchange."),
                                  QStringLiteral("ROLE"));
    const QCommandLineOption name(
        QStringLiteral("name"), QStringLiteral("Display name (default: the login)."), QStringLiteral("NAME"));
    const QCommandLineOption customer(QStringLiteral("customer"),
                                      QStringLiteral("Id of the customer a buyer buys for."),
                                      QStringLiteral("ID"));
    const QCommandLineOption warehouse(QStringLiteral("warehouse"),
                                       QStringLiteral("Id of the warehouse of warehouse staff."),
                                       QStringLiteral("ID"));
    const QString command = arguments.value(0);
    return runAction(
        arguments, QStringLiteral("Create a user. The password is read from standard input (one line)."),
        {role, name, customer, warehouse},
        [&](const QCommandLineParser &parser, Database &database, const QString &login) {
            User user;
            user.login = login;
            if (const auto violation = UserPolicy::checkLogin(login)) {
                err() << command << ": " << violation->message << Qt::endl;
                return 2;
            }
            const std::optional<Role> parsedRole = roleFromString(parser.value(role));
            if (!parsedRole) {
                err() << command
                      << ": --role must be one of admin, manager, sales_rep, warehouse, buyer, exchange"
                      << Qt::endl;
                return 2;
            }
            user.role = *parsedRole;
            user.displayName = parser.isSet(name) ? parser.value(name).trimmed() : QString();
            if (user.displayName.isEmpty())
                user.displayName = login;
            for (const auto &[option, target] :
                 {std::pair {&customer, &user.customerId}, std::pair {&warehouse, &user.warehouseId}}) {
                if (!parser.isSet(*option))
                    continue;
                const std::optional<Id> id = parseId(parser.value(*option));
                if (!id) {
                    err() << command << ": --" << option->names().constFirst()
                          << " expects an id like 0b7e6d3c-59a1-4f7e-9c1e-2f4a8d5b6c7e" << Qt::endl;
                    return 2;
                }
                *target = *id;
            }
            if (const auto violation = UserPolicy::checkBindings(user)) {
                err() << command << ": " << violation->message << Qt::endl;
                return 2;
            }
            const std::optional<QString> password = readNewPassword(command);
            if (!password)
                return 1;
            const QString hash = PasswordHasher().hash(*password);
            QString problem;
            const std::optional<User> created = database.write([&](QSqlDatabase &tx) -> std::optional<User> {
                UserRepository users(tx);
                if (!user.customerId.isNull() && !users.customerExists(user.customerId)) {
                    problem = QStringLiteral("no customer has the id given by --customer");
                    return std::nullopt;
                }
                if (!user.warehouseId.isNull() && !users.warehouseExists(user.warehouseId)) {
                    problem = QStringLiteral("no warehouse has the id given by --warehouse");
                    return std::nullopt;
                }
                auto stored = users.create(user, hash, systemNow());
                if (!stored)
                    problem = QStringLiteral("the login %1 is taken").arg(login);
                return stored;
            });
            if (!created) {
                err() << command << ": " << problem << Qt::endl;
                return 1;
            }
            out() << "Created " << roleToString(created->role) << ' ' << created->login << " ("
                  << created->id.toString(QUuid::WithoutBraces) << ")." << Qt::endl;
            return 0;
        });
}

int disableUser(const QStringList &arguments)
{
    const QString command = arguments.value(0);
    return runAction(arguments, QStringLiteral("Disable a user and sign them out on every device."), {},
                     [&](const QCommandLineParser &, Database &database, const QString &login) {
                         const auto result = database.write(
                             [&](QSqlDatabase &tx) -> std::optional<UserRepository::UpdateResult> {
                                 UserRepository users(tx);
                                 std::optional<StoredUser> stored = users.findByLogin(login);
                                 if (!stored)
                                     return std::nullopt;
                                 stored->user.active = false;
                                 return users.update(stored->user);
                             });
                         if (!result || *result == UserRepository::UpdateResult::NotFound) {
                             err() << command << ": no user has the login " << login << Qt::endl;
                             return 1;
                         }
                         if (*result == UserRepository::UpdateResult::LastAdmin) {
                             err() << command << ": " << login
                                   << " is the last active admin; add another admin first" << Qt::endl;
                             return 1;
                         }
                         const std::optional<StoredUser> stored = database.read(
                             [&](QSqlDatabase &tx) { return UserRepository(tx).findByLogin(login); });
                         const int revoked = TokenService(database, systemNow, AuthSettings())
                                                 .revokeUser(stored->user.id.toString(QUuid::WithoutBraces));
                         out() << "Disabled " << login << "; " << revoked << " tokens revoked." << Qt::endl;
                         return 0;
                     });
}

int setPassword(const QStringList &arguments)
{
    const QString command = arguments.value(0);
    return runAction(
        arguments,
        QStringLiteral("Set a user's password, read from standard input (one line), and sign them out "
                       "everywhere."),
        {}, [&](const QCommandLineParser &, Database &database, const QString &login) {
            const std::optional<StoredUser> stored
                = database.read([&](QSqlDatabase &tx) { return UserRepository(tx).findByLogin(login); });
            if (!stored) {
                err() << command << ": no user has the login " << login << Qt::endl;
                return 1;
            }
            const std::optional<QString> password = readNewPassword(command);
            if (!password)
                return 1;
            const QString hash = PasswordHasher().hash(*password);
            database.write(
                [&](QSqlDatabase &tx) { UserRepository(tx).setPasswordHash(stored->user.id, hash); });
            const int revoked = TokenService(database, systemNow, AuthSettings())
                                    .revokeUser(stored->user.id.toString(QUuid::WithoutBraces));
            out() << "Password of " << login << " set; " << revoked << " tokens revoked." << Qt::endl;
            return 0;
        });
}

} // namespace

int runUserCommand(const QStringList &arguments)
{
    const QString action = arguments.value(1);
    if (action.isEmpty() || action == QLatin1String("--help") || action == QLatin1String("-h")) {
        printUserUsage();
        return action.isEmpty() ? 2 : 0;
    }
    QStringList rest = arguments;
    rest.removeAt(1);
    rest[0] = arguments.value(0) + QLatin1Char(' ') + action;
    if (action == QLatin1String("add"))
        return addUser(rest);
    if (action == QLatin1String("disable"))
        return disableUser(rest);
    if (action == QLatin1String("passwd"))
        return setPassword(rest);
    err() << arguments.value(0) << ": unknown action '" << action << "'\n";
    printUserUsage();
    return 2;
}

} // namespace portico::server
