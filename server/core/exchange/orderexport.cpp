#include "exchange/orderexport.h"

#include "catalog/catalogrepository.h"
#include "customers/customerrepository.h"
#include "exchange/exchangerepository.h"
#include "orders/orderrepository.h"
#include "storage/sqlvalues.h"
#include "warehouse/picklistrepository.h"

#include <QJsonObject>
#include <QStringEncoder>
#include <QXmlStreamWriter>

namespace portico::server {

namespace {

// 1C's names for Portico's order states, as the status requisite says them.
QString statusName(OrderStatus status)
{
    switch (status) {
    case OrderStatus::Accepted:
    case OrderStatus::AcceptedWithChanges:
        return QStringLiteral("Принят");
    case OrderStatus::Exported:
        return QStringLiteral("Передан в учетную систему");
    case OrderStatus::InProduction:
        return QStringLiteral("В производстве");
    case OrderStatus::Picking:
        return QStringLiteral("На сборке");
    case OrderStatus::Picked:
        return QStringLiteral("Собран");
    case OrderStatus::Shipped:
        return QStringLiteral("Отгружен");
    case OrderStatus::Delivered:
        return QStringLiteral("Доставлен");
    case OrderStatus::Completed:
        return QStringLiteral("Выполнен");
    case OrderStatus::Cancelled:
        return QStringLiteral("Отменен");
    case OrderStatus::Rejected:
        return QStringLiteral("Отклонен");
    default:
        return orderStatusToString(status);
    }
}

QString vatName(VatRate rate)
{
    return rate == VatRate::None ? QStringLiteral("Без НДС") : vatRateToString(rate);
}

void requisite(QXmlStreamWriter &xml, const QString &name, const QString &value)
{
    xml.writeStartElement(QStringLiteral("ЗначениеРеквизита"));
    xml.writeTextElement(QStringLiteral("Наименование"), name);
    xml.writeTextElement(QStringLiteral("Значение"), value);
    xml.writeEndElement();
}

void writeCounterparty(QXmlStreamWriter &xml, const Customer &customer)
{
    xml.writeStartElement(QStringLiteral("Контрагенты"));
    xml.writeStartElement(QStringLiteral("Контрагент"));
    xml.writeTextElement(QStringLiteral("Ид"),
                         customer.externalId.isEmpty() ? idText(customer.id) : customer.externalId);
    xml.writeTextElement(QStringLiteral("Наименование"), customer.name);
    xml.writeTextElement(QStringLiteral("ПолноеНаименование"), customer.legalName);
    xml.writeTextElement(QStringLiteral("ОфициальноеНаименование"), customer.legalName);
    xml.writeTextElement(QStringLiteral("Роль"), QStringLiteral("Покупатель"));
    xml.writeTextElement(QStringLiteral("ИНН"), customer.inn);
    xml.writeTextElement(QStringLiteral("КПП"), customer.kpp);
    for (const Address &address : customer.addresses) {
        xml.writeStartElement(address.kind == AddressKind::Legal ? QStringLiteral("АдресРегистрации")
                                                                 : QStringLiteral("Адрес"));
        xml.writeTextElement(QStringLiteral("Представление"), address.text);
        if (!address.postalCode.isEmpty()) {
            xml.writeStartElement(QStringLiteral("АдресноеПоле"));
            xml.writeTextElement(QStringLiteral("Тип"), QStringLiteral("Почтовый индекс"));
            xml.writeTextElement(QStringLiteral("Значение"), address.postalCode);
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }
    xml.writeStartElement(QStringLiteral("Контакты"));
    for (const Contact &contact : customer.contacts) {
        if (!contact.phone.isEmpty()) {
            xml.writeStartElement(QStringLiteral("Контакт"));
            xml.writeTextElement(QStringLiteral("Тип"), QStringLiteral("Телефон рабочий"));
            xml.writeTextElement(QStringLiteral("Значение"), contact.phone);
            xml.writeEndElement();
        }
        if (!contact.email.isEmpty()) {
            xml.writeStartElement(QStringLiteral("Контакт"));
            xml.writeTextElement(QStringLiteral("Тип"), QStringLiteral("Электронная почта"));
            xml.writeTextElement(QStringLiteral("Значение"), contact.email);
            xml.writeEndElement();
        }
    }
    xml.writeEndElement(); // Контакты
    xml.writeEndElement(); // Контрагент
    xml.writeEndElement(); // Контрагенты
}

void writeOrder(QXmlStreamWriter &xml, const Order &order, const Customer &customer,
                const QHash<Id, Product> &products)
{
    const QDateTime local = order.createdAt.toUTC();
    xml.writeStartElement(QStringLiteral("Документ"));
    xml.writeTextElement(QStringLiteral("Ид"), idText(order.id));
    xml.writeTextElement(QStringLiteral("Номер"), order.number);
    xml.writeTextElement(QStringLiteral("Дата"), local.date().toString(Qt::ISODate));
    xml.writeTextElement(QStringLiteral("Время"), local.time().toString(QStringLiteral("HH:mm:ss")));
    xml.writeTextElement(QStringLiteral("ХозОперация"), QStringLiteral("Заказ товара"));
    xml.writeTextElement(QStringLiteral("Роль"), QStringLiteral("Продавец"));
    xml.writeTextElement(QStringLiteral("Валюта"), order.currency.code());
    xml.writeTextElement(QStringLiteral("Курс"), QStringLiteral("1"));
    xml.writeTextElement(QStringLiteral("Сумма"), order.totals.total.toString());
    writeCounterparty(xml, customer);
    xml.writeTextElement(QStringLiteral("Комментарий"), order.comment);
    xml.writeStartElement(QStringLiteral("Налоги"));
    xml.writeStartElement(QStringLiteral("Налог"));
    xml.writeTextElement(QStringLiteral("Наименование"), QStringLiteral("НДС"));
    xml.writeTextElement(QStringLiteral("УчтеноВСумме"), QStringLiteral("true"));
    xml.writeTextElement(QStringLiteral("Сумма"), order.totals.vat.toString());
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeStartElement(QStringLiteral("Товары"));
    for (const OrderLine &line : order.lines) {
        const Product product = products.value(line.productId);
        xml.writeStartElement(QStringLiteral("Товар"));
        xml.writeTextElement(QStringLiteral("Ид"),
                             product.externalId.isEmpty() ? idText(line.productId) : product.externalId);
        xml.writeTextElement(QStringLiteral("Артикул"), product.sku);
        xml.writeTextElement(QStringLiteral("Наименование"), product.name);
        xml.writeStartElement(QStringLiteral("БазоваяЕдиница"));
        xml.writeAttribute(QStringLiteral("Код"), product.unit.okeiCode);
        xml.writeAttribute(QStringLiteral("НаименованиеКраткое"), product.unit.name);
        xml.writeCharacters(product.unit.name);
        xml.writeEndElement();
        xml.writeTextElement(QStringLiteral("ЦенаЗаЕдиницу"), line.unitPrice.toString());
        xml.writeTextElement(QStringLiteral("Количество"), line.quantity.toString());
        xml.writeTextElement(QStringLiteral("Сумма"), line.total.toString());
        if (line.discount != 0) {
            xml.writeStartElement(QStringLiteral("Скидки"));
            xml.writeStartElement(QStringLiteral("Скидка"));
            xml.writeTextElement(QStringLiteral("Процент"), QString::number(line.discount / 100.0, 'f', 2));
            xml.writeTextElement(QStringLiteral("УчтеноВСумме"), QStringLiteral("true"));
            xml.writeEndElement();
            xml.writeEndElement();
        }
        xml.writeStartElement(QStringLiteral("СтавкиНалогов"));
        xml.writeStartElement(QStringLiteral("СтавкаНалога"));
        xml.writeTextElement(QStringLiteral("Наименование"), QStringLiteral("НДС"));
        xml.writeTextElement(QStringLiteral("Ставка"), vatName(line.vatRate));
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeStartElement(QStringLiteral("Налоги"));
        xml.writeStartElement(QStringLiteral("Налог"));
        xml.writeTextElement(QStringLiteral("Наименование"), QStringLiteral("НДС"));
        xml.writeTextElement(QStringLiteral("УчтеноВСумме"), QStringLiteral("true"));
        xml.writeTextElement(QStringLiteral("Сумма"), line.vatAmount.toString());
        xml.writeTextElement(QStringLiteral("Ставка"), vatName(line.vatRate));
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeStartElement(QStringLiteral("ЗначенияРеквизитов"));
        requisite(xml, QStringLiteral("ВидНоменклатуры"), QStringLiteral("Товар"));
        requisite(xml, QStringLiteral("ТипНоменклатуры"), QStringLiteral("Товар"));
        xml.writeEndElement();
        xml.writeEndElement(); // Товар
    }
    xml.writeEndElement(); // Товары
    xml.writeStartElement(QStringLiteral("ЗначенияРеквизитов"));
    requisite(xml, QStringLiteral("Статус заказа"), statusName(order.status));
    requisite(xml, QStringLiteral("Статус заказа ИД"), orderStatusToString(order.status));
    requisite(xml, QStringLiteral("Отменен"),
              order.status == OrderStatus::Cancelled || order.status == OrderStatus::Rejected
                  ? QStringLiteral("true")
                  : QStringLiteral("false"));
    requisite(xml, QStringLiteral("Финальный статус"),
              isFinal(order.status) ? QStringLiteral("true") : QStringLiteral("false"));
    requisite(xml, QStringLiteral("Номер по сайту"), order.number);
    if (order.deliveryDate.isValid())
        requisite(xml, QStringLiteral("Дата отгрузки"), order.deliveryDate.toString(Qt::ISODate));
    if (!order.history.isEmpty())
        requisite(xml, QStringLiteral("Дата изменения статуса"),
                  order.history.constLast().at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    xml.writeEndElement();
    xml.writeEndElement(); // Документ
}

// One order's part of a shipment, as 1C's "Отпуск товара" (a sale document it posts as a
// realisation): the shipped quantities at the order's prices.
void writeShipment(QXmlStreamWriter &xml, const PickList &list, const Order &order, const Customer &customer,
                   const QHash<Id, Product> &products)
{
    const Shipment &shipment = *list.shipment;
    const QDateTime at = utcFromMsecs(shipment.shippedAt);
    QList<std::pair<const OrderLine *, Quantity>> shipped;
    Money total = Money::zero(order.currency);
    for (const OrderLine &line : order.lines) {
        Quantity quantity;
        for (const PickLine &picked : list.lines) {
            if (picked.orderId == order.id && picked.lineNo == line.lineNo)
                quantity += picked.picked;
        }
        if (!quantity.isPositive())
            continue;
        shipped.append({&line, quantity});
        total += line.unitPrice.times(quantity);
    }
    Quantity weight;
    for (const PickPackage &package : list.packages)
        weight += package.weight;
    xml.writeStartElement(QStringLiteral("Документ"));
    xml.writeTextElement(QStringLiteral("Ид"), idText(shipment.id) + QLatin1Char('#') + idText(order.id));
    xml.writeTextElement(QStringLiteral("Номер"), shipment.number + QLatin1Char('/') + order.number);
    xml.writeTextElement(QStringLiteral("Дата"), at.date().toString(Qt::ISODate));
    xml.writeTextElement(QStringLiteral("Время"), at.time().toString(QStringLiteral("HH:mm:ss")));
    xml.writeTextElement(QStringLiteral("ХозОперация"), QStringLiteral("Отпуск товара"));
    xml.writeTextElement(QStringLiteral("Роль"), QStringLiteral("Продавец"));
    xml.writeTextElement(QStringLiteral("Валюта"), order.currency.code());
    xml.writeTextElement(QStringLiteral("Курс"), QStringLiteral("1"));
    xml.writeTextElement(QStringLiteral("Сумма"), total.toString());
    writeCounterparty(xml, customer);
    xml.writeTextElement(QStringLiteral("Основание"), order.number);
    xml.writeStartElement(QStringLiteral("Товары"));
    for (const auto &[line, quantity] : shipped) {
        const Product product = products.value(line->productId);
        xml.writeStartElement(QStringLiteral("Товар"));
        xml.writeTextElement(QStringLiteral("Ид"),
                             product.externalId.isEmpty() ? idText(line->productId) : product.externalId);
        xml.writeTextElement(QStringLiteral("Артикул"), product.sku);
        xml.writeTextElement(QStringLiteral("Наименование"), product.name);
        xml.writeStartElement(QStringLiteral("БазоваяЕдиница"));
        xml.writeAttribute(QStringLiteral("Код"), product.unit.okeiCode);
        xml.writeAttribute(QStringLiteral("НаименованиеКраткое"), product.unit.name);
        xml.writeCharacters(product.unit.name);
        xml.writeEndElement();
        xml.writeTextElement(QStringLiteral("ЦенаЗаЕдиницу"), line->unitPrice.toString());
        xml.writeTextElement(QStringLiteral("Количество"), quantity.toString());
        xml.writeTextElement(QStringLiteral("Сумма"), line->unitPrice.times(quantity).toString());
        xml.writeStartElement(QStringLiteral("СтавкиНалогов"));
        xml.writeStartElement(QStringLiteral("СтавкаНалога"));
        xml.writeTextElement(QStringLiteral("Наименование"), QStringLiteral("НДС"));
        xml.writeTextElement(QStringLiteral("Ставка"), vatName(line->vatRate));
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeEndElement(); // Товар
    }
    xml.writeEndElement(); // Товары
    xml.writeStartElement(QStringLiteral("ЗначенияРеквизитов"));
    requisite(xml, QStringLiteral("Номер по сайту"), order.number);
    requisite(xml, QStringLiteral("Номер отгрузки"), shipment.number);
    requisite(xml, QStringLiteral("Перевозчик"), shipment.carrier);
    requisite(xml, QStringLiteral("Трек-номер"), shipment.tracking);
    requisite(xml, QStringLiteral("Количество мест"), QString::number(list.packages.size()));
    requisite(xml, QStringLiteral("Вес"), weight.toString());
    xml.writeEndElement();
    xml.writeEndElement(); // Документ
}

} // namespace

OrderExport::Result OrderExport::build(const QString &encoding, qint64 now, int limit) const
{
    const bool cp1251 = encoding.compare(QLatin1String("windows-1251"), Qt::CaseInsensitive) == 0
        || encoding.compare(QLatin1String("cp1251"), Qt::CaseInsensitive) == 0;
    Result result;
    QString text;
    QXmlStreamWriter xml(&text);
    xml.setAutoFormatting(true);
    xml.writeStartElement(QStringLiteral("КоммерческаяИнформация"));
    xml.writeDefaultNamespace(QStringLiteral("urn:1C.ru:commerceml_2"));
    xml.writeAttribute(QStringLiteral("ВерсияСхемы"), QStringLiteral("2.10"));
    xml.writeAttribute(QStringLiteral("ДатаФормирования"),
                       utcFromMsecs(now).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")));
    xml.writeAttribute(QStringLiteral("ФорматДаты"), QStringLiteral("ДФ=yyyy-MM-dd; ДЛФ=DT"));
    xml.writeAttribute(QStringLiteral("ФорматВремени"), QStringLiteral("ДФ=ЧЧ:мм:сс; ДЛФ=T"));
    xml.writeAttribute(QStringLiteral("РазделительДатаВремя"), QStringLiteral("T"));
    xml.writeAttribute(QStringLiteral("ФорматСуммы"), QStringLiteral("ЧЦ=18; ЧДЦ=2; ЧРД=."));
    xml.writeAttribute(QStringLiteral("ФорматКоличества"), QStringLiteral("ЧЦ=18; ЧДЦ=3; ЧРД=."));

    OrderRepository orders(m_tx);
    CustomerRepository customers(m_tx);
    CatalogRepository catalog(m_tx);
    for (const auto &[id, version] : ExchangeRepository(m_tx).ordersToExport(limit)) {
        const auto stored = orders.find(id);
        if (!stored)
            continue;
        const Order &order = stored->order;
        const Customer customer = customers.customer(order.customerId).value_or(Customer {});
        QList<Id> productIds;
        for (const OrderLine &line : order.lines)
            productIds << line.productId;
        writeOrder(xml, order, customer, catalog.products(productIds));
        result.orders.append(
            QJsonObject {{QStringLiteral("id"), idText(id)}, {QStringLiteral("version"), version}});
    }
    PickListRepository lists(m_tx);
    for (const Id &listId : lists.shipmentsToExport(limit)) {
        const auto list = lists.find(listId);
        if (!list || !list->shipment)
            continue;
        for (const Id &orderId : list->orderIds) {
            const auto stored = orders.find(orderId);
            if (!stored)
                continue;
            const Customer customer = customers.customer(stored->order.customerId).value_or(Customer {});
            QList<Id> productIds;
            for (const OrderLine &line : stored->order.lines)
                productIds << line.productId;
            writeShipment(xml, *list, stored->order, customer, catalog.products(productIds));
        }
        result.shipments.append(QJsonObject {{QStringLiteral("shipment"), idText(list->shipment->id)}});
    }
    xml.writeEndElement();
    xml.writeEndDocument();

    const QString declaration = QStringLiteral("<?xml version=\"1.0\" encoding=\"%1\"?>\n")
                                    .arg(cp1251 ? QStringLiteral("windows-1251") : QStringLiteral("UTF-8"));
    if (cp1251) {
        QStringEncoder encoder("windows-1251");
        result.xml = encoder.encode(declaration + text);
    } else {
        result.xml = (declaration + text).toUtf8();
    }
    return result;
}

} // namespace portico::server
