#include "customers/customeradmin.h"

#include "auth/userrepository.h"
#include "catalog/catalogrepository.h"
#include "customers/customerrepository.h"
#include "http/apierror.h"
#include "protocol/codecs.h"
#include "protocol/jsonreader.h"
#include "rules/taxid.h"
#include "services.h"
#include "storage/changefeed.h"
#include "storage/database.h"
#include "storage/sqlvalues.h"
#include "sync/feedbatch.h"

namespace portico::server {

namespace {

ApiError unprocessable(const QString &message, const QString &field)
{
    return ApiError(ApiErrorCode::Unprocessable, message, field);
}

Customer decode(const QJsonObject &json)
{
    auto decoded = protocol::fromJson<Customer>(json);
    if (!decoded.ok())
        throw ApiError(ApiErrorCode::BadRequest, decoded.error().message, decoded.error().path);
    return decoded.value();
}

} // namespace

CustomerAdmin::CustomerAdmin(Services &services, Published published)
    : m_services(services)
    , m_published(std::move(published))
{ }

QJsonArray CustomerAdmin::list(const QString &search, int limit, int offset)
{
    return m_services.database.read([&](QSqlDatabase &tx) {
        QJsonArray result;
        CustomerRepository customers(tx);
        const auto found = customers.list(limit, offset, search);
        for (const auto &customer : found)
            result.append(protocol::toJson(customer));
        return result;
    });
}

QJsonObject CustomerAdmin::get(const Id &id)
{
    return m_services.database.read([&](QSqlDatabase &tx) {
        const auto customer = CustomerRepository(tx).customer(id);
        if (!customer)
            throw ApiError(ApiErrorCode::NotFound, QStringLiteral("No such customer"));
        return protocol::toJson(*customer);
    });
}

void CustomerAdmin::validate(const QSqlDatabase &tx, const Customer &customer) const
{
    if (customer.name.trimmed().isEmpty())
        throw unprocessable(QStringLiteral("A customer needs a name"), QStringLiteral("$.name"));
    const auto taxId = rules::validateInnKpp(customer.inn, customer.kpp);
    if (!taxId.ok())
        throw unprocessable(taxId.describe(),
                            taxId.field == rules::TaxIdField::Kpp ? QStringLiteral("$.kpp")
                                                                  : QStringLiteral("$.inn"));
    if (!customer.priceTypeId.isNull() && !CatalogRepository(tx).priceType(customer.priceTypeId))
        throw unprocessable(QStringLiteral("No such price type"), QStringLiteral("$.price_type_id"));
    if (!customer.assignedRepId.isNull()) {
        const auto rep = UserRepository(tx).findById(customer.assignedRepId);
        if (!rep || rep->role != Role::SalesRep)
            throw unprocessable(QStringLiteral("The assigned rep must be a sales rep"),
                                QStringLiteral("$.assigned_rep_id"));
    }
    if (customer.discount < 0 || customer.discount > FullPercent)
        throw unprocessable(QStringLiteral("The discount is between 0 and 100%"),
                            QStringLiteral("$.discount_bp"));
}

QJsonObject CustomerAdmin::save(const QSqlDatabase &tx, const Customer &customer,
                                const std::optional<Customer> &before, QStringList &audiences)
{
    validate(tx, customer);
    FeedBatch feed;
    CustomerRepository(tx).upsert({customer}, feed);
    feed.append(tx);
    QSet<QString> touched(audiences.cbegin(), audiences.cend());
    for (const auto &audience : feed.audiences())
        touched.insert(audience);
    if (before && before->assignedRepId != customer.assignedRepId) {
        // The new rep's cursor may be past the customer's orders and documents.
        ChangeFeed::touchAudience(tx, Audience::customer(idText(customer.id)));
        // Connected sessions of both reps re-read what they may see.
        for (const Id &rep : {before->assignedRepId, customer.assignedRepId}) {
            if (!rep.isNull())
                touched.insert(Audience::user(idText(rep)));
        }
    }
    if (before && before->priceTypeId != customer.priceTypeId && !customer.priceTypeId.isNull()) {
        // The customer's users may never have received this price type's prices.
        ChangeFeed::touchAudience(tx, Audience::priceType(idText(customer.priceTypeId)));
        touched.insert(Audience::priceType(idText(customer.priceTypeId)));
    }
    audiences = QStringList(touched.cbegin(), touched.cend());
    return protocol::toJson(customer);
}

QJsonObject CustomerAdmin::create(const QJsonObject &body)
{
    QJsonObject withId = body;
    if (!withId.contains(QStringLiteral("id")) || withId.value(QStringLiteral("id")).isNull())
        withId.insert(QStringLiteral("id"), idText(Id::createUuid()));
    const Customer customer = decode(withId);
    QStringList audiences;
    const QJsonObject result = m_services.database.write([&](QSqlDatabase &tx) {
        if (CustomerRepository(tx).customer(customer.id))
            throw ApiError(ApiErrorCode::Conflict, QStringLiteral("A customer with this id exists"),
                           QStringLiteral("$.id"));
        if (!customer.externalId.isEmpty()
            && CatalogRepository(tx).idForExternal(QStringLiteral("customers"), customer.externalId))
            throw ApiError(ApiErrorCode::Conflict, QStringLiteral("A customer with this external id exists"),
                           QStringLiteral("$.external_id"));
        return save(tx, customer, std::nullopt, audiences);
    });
    if (m_published)
        m_published(audiences);
    return result;
}

QJsonObject CustomerAdmin::update(const Id &id, const QJsonObject &body)
{
    QStringList audiences;
    const QJsonObject result = m_services.database.write([&](QSqlDatabase &tx) {
        const auto before = CustomerRepository(tx).customer(id);
        if (!before)
            throw ApiError(ApiErrorCode::NotFound, QStringLiteral("No such customer"));
        // Merge the given keys over the stored customer, then decode the whole strictly.
        QJsonObject merged = protocol::toJson(*before);
        for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
            if (it.key() == QLatin1String("id"))
                continue;
            merged.insert(it.key(), it.value());
        }
        Customer customer = decode(merged);
        customer.id = id;
        return save(tx, customer, before, audiences);
    });
    if (m_published)
        m_published(audiences);
    return result;
}

} // namespace portico::server
