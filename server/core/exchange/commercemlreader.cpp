#include "exchange/commercemlreader.h"

#include <QIODevice>

namespace portico::server {

namespace {

bool isTrue(const QString &text)
{
    return text.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0 || text == QLatin1String("1")
        || text.compare(u"да", Qt::CaseInsensitive) == 0;
}

std::optional<VatRate> vatRateFrom(const QString &text)
{
    QString rate = text.trimmed();
    rate.remove(QLatin1Char('%'));
    if (rate.isEmpty() || rate.contains(u"Без", Qt::CaseInsensitive))
        return VatRate::None;
    if (const qsizetype slash = rate.indexOf(QLatin1Char('/')); slash > 0) // "20/120"
        rate = rate.left(slash);
    // 18% became 20% on 2019-01-01; files exported before then still say 18.
    if (rate.trimmed() == QLatin1String("18"))
        return VatRate::Twenty;
    return vatRateFromString(rate.trimmed());
}

PropertyType propertyTypeFrom(const QString &text)
{
    if (text == u"Справочник")
        return PropertyType::Reference;
    if (text == u"Число")
        return PropertyType::Number;
    return PropertyType::String;
}

AddressKind addressKindFrom(QStringView element)
{
    if (element == u"АдресРегистрации" || element == u"ЮридическийАдрес")
        return AddressKind::Legal;
    if (element == u"ФактическийАдрес")
        return AddressKind::Actual;
    return AddressKind::Delivery;
}

} // namespace

void CommerceMLReader::read(QIODevice &device)
{
    m_xml.setDevice(&device);
    m_xml.setNamespaceProcessing(true);
    // The prolog by hand: readNextStartElement() would pass over a DTD and let its entities
    // expand later; a DOCTYPE has no business in an exchange file.
    while (!m_xml.atEnd()) {
        const auto token = m_xml.readNext();
        if (token == QXmlStreamReader::DTD)
            fail(QStringLiteral("a DOCTYPE is not allowed in an exchange file"));
        if (token == QXmlStreamReader::StartElement)
            break;
    }
    if (m_xml.hasError())
        fail(m_xml.errorString());
    if (m_xml.tokenType() != QXmlStreamReader::StartElement)
        fail(QStringLiteral("the file has no root element"));
    if (!is(u"КоммерческаяИнформация"))
        fail(QStringLiteral("the root element is %1, not КоммерческаяИнформация").arg(m_xml.name()));
    readRoot();
    while (!m_xml.atEnd()) {
        if (m_xml.readNext() == QXmlStreamReader::DTD)
            fail(QStringLiteral("a DOCTYPE is not allowed in an exchange file"));
    }
    if (m_xml.hasError())
        fail(m_xml.errorString());
}

void CommerceMLReader::readRoot()
{
    while (next()) {
        if (is(u"Классификатор"))
            readClassifier();
        else if (is(u"Каталог"))
            readCatalog();
        else if (is(u"ПакетПредложений") || is(u"ИзмененияПакетаПредложений"))
            readOfferPackage();
        else if (is(u"Контрагенты"))
            readCounterparties();
        else if (is(u"Документ"))
            readDocument();
        else
            skip();
    }
}

void CommerceMLReader::readClassifier()
{
    while (next()) {
        if (is(u"Группы"))
            readGroups({});
        else if (is(u"Свойства"))
            readProperties();
        else if (is(u"ТипыЦен")) // 3.x keeps price types and warehouses in the classifier
            readPriceTypes();
        else if (is(u"Склады"))
            readWarehouses();
        else
            skip();
    }
}

void CommerceMLReader::readGroups(const QString &parentId)
{
    int order = 0;
    while (next()) {
        if (is(u"Группа"))
            readGroup(parentId, order++);
        else
            skip();
    }
}

void CommerceMLReader::readGroup(const QString &parentId, int sortOrder)
{
    CmlGroup group;
    group.parentId = parentId;
    group.sortOrder = sortOrder;
    bool announced = false;
    while (next()) {
        if (is(u"Ид")) {
            group.id = text();
        } else if (is(u"Наименование")) {
            group.name = text();
        } else if (is(u"Группы")) {
            // Children come after the parent's Ид and name: hand the parent over first, so
            // that every group arrives after its parent.
            if (!announced && !group.id.isEmpty()) {
                m_sink.group(group);
                announced = true;
            }
            readGroups(group.id);
        } else {
            skip();
        }
    }
    if (group.id.isEmpty())
        fail(QStringLiteral("a group without Ид"));
    if (!announced)
        m_sink.group(group);
}

void CommerceMLReader::readProperties()
{
    while (next()) {
        if (is(u"Свойство") || is(u"СвойствоНоменклатуры"))
            readProperty();
        else
            skip();
    }
}

void CommerceMLReader::readProperty()
{
    CmlProperty property;
    while (next()) {
        if (is(u"Ид")) {
            property.id = text();
        } else if (is(u"Наименование")) {
            property.name = text();
        } else if (is(u"ТипЗначений")) {
            property.type = propertyTypeFrom(text());
        } else if (is(u"ВариантыЗначений")) {
            while (next()) {
                if (!is(u"Справочник")) {
                    skip();
                    continue;
                }
                NamedValue value;
                while (next()) {
                    if (is(u"ИдЗначения"))
                        value.first = text();
                    else if (is(u"Значение"))
                        value.second = text();
                    else
                        skip();
                }
                if (!value.first.isEmpty())
                    property.values.append(value);
            }
        } else {
            skip();
        }
    }
    if (property.id.isEmpty())
        fail(QStringLiteral("a property without Ид"));
    if (!property.values.isEmpty())
        property.type = PropertyType::Reference;
    m_sink.property(property);
}

void CommerceMLReader::readCatalog()
{
    m_sink.package(
        isTrue(m_xml.attributes().value(QString::fromUtf16(u"СодержитТолькоИзменения")).toString()));
    while (next()) {
        if (!is(u"Товары")) {
            skip();
            continue;
        }
        while (next()) {
            if (is(u"Товар"))
                readProduct();
            else
                skip();
        }
    }
}

void CommerceMLReader::readProduct()
{
    CmlProduct product;
    product.deleted = m_xml.attributes().value(QString::fromUtf16(u"Статус")) == u"Удален";
    while (next()) {
        if (is(u"Ид")) {
            product.id = text();
        } else if (is(u"Артикул")) {
            product.sku = text();
        } else if (is(u"Штрихкод")) {
            QStringList codes = product.barcodes.value_or(QStringList {});
            for (const QString &code : text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                if (!code.trimmed().isEmpty())
                    codes << code.trimmed();
            }
            product.barcodes = codes;
        } else if (is(u"Наименование")) {
            product.name = text();
        } else if (is(u"Описание")) {
            product.description = text();
        } else if (is(u"ПометкаУдаления")) {
            product.deleted = isTrue(text());
        } else if (is(u"БазоваяЕдиница")) {
            const auto attributes = m_xml.attributes();
            const QString code = attributes.value(QString::fromUtf16(u"Код")).toString().trimmed();
            product.unitName
                = attributes.value(QString::fromUtf16(u"НаименованиеКраткое")).toString().trimmed();
            const QString inner = text(); // 3.x: <БазоваяЕдиница>796</БазоваяЕдиница>
            product.unitCode = code.isEmpty() ? inner : code;
        } else if (is(u"Группы")) {
            while (next()) {
                if (is(u"Ид") && !product.groupId)
                    product.groupId = text();
                else
                    skip();
            }
        } else if (is(u"Картинка")) {
            if (const QString path = text(); !path.isEmpty())
                product.images << path;
        } else if (is(u"ЗначенияСвойств")) {
            QList<NamedValue> values;
            while (next()) {
                if (!is(u"ЗначенияСвойства")) {
                    skip();
                    continue;
                }
                NamedValue value;
                while (next()) {
                    if (is(u"Ид"))
                        value.first = text();
                    else if (is(u"Значение") && value.second.isEmpty())
                        value.second = text();
                    else
                        skip();
                }
                if (!value.first.isEmpty())
                    values.append(value);
            }
            product.properties = values;
        } else if (is(u"СтавкиНалогов")) {
            while (next()) {
                if (!is(u"СтавкаНалога")) {
                    skip();
                    continue;
                }
                QString name;
                QString rate;
                while (next()) {
                    if (is(u"Наименование"))
                        name = text();
                    else if (is(u"Ставка"))
                        rate = text();
                    else
                        skip();
                }
                if (name.contains(u"НДС", Qt::CaseInsensitive)) {
                    const auto vat = vatRateFrom(rate);
                    if (!vat)
                        fail(QStringLiteral("product %1: unknown VAT rate \"%2\"").arg(product.id, rate));
                    product.vatRate = vat;
                }
            }
        } else if (is(u"ЗначенияРеквизитов")) {
            while (next()) {
                if (!is(u"ЗначениеРеквизита")) {
                    skip();
                    continue;
                }
                NamedValue requisite;
                while (next()) {
                    if (is(u"Наименование"))
                        requisite.first = text();
                    else if (is(u"Значение") && requisite.second.isEmpty())
                        requisite.second = text();
                    else
                        skip();
                }
                product.requisites.append(requisite);
            }
        } else {
            skip();
        }
    }
    if (product.id.isEmpty())
        fail(QStringLiteral("a product without Ид"));
    m_sink.product(product);
}

void CommerceMLReader::readOfferPackage()
{
    m_sink.package(
        isTrue(m_xml.attributes().value(QString::fromUtf16(u"СодержитТолькоИзменения")).toString()));
    while (next()) {
        if (is(u"ТипыЦен")) {
            readPriceTypes();
        } else if (is(u"Склады")) {
            readWarehouses();
        } else if (is(u"Предложения")) {
            while (next()) {
                if (is(u"Предложение"))
                    readOffer();
                else
                    skip();
            }
        } else {
            skip();
        }
    }
}

void CommerceMLReader::readPriceTypes()
{
    while (next()) {
        if (!is(u"ТипЦены")) {
            skip();
            continue;
        }
        CmlPriceType type;
        while (next()) {
            if (is(u"Ид")) {
                type.id = text();
            } else if (is(u"Наименование")) {
                type.name = text();
            } else if (is(u"Валюта")) {
                type.currency = text();
            } else if (is(u"Налог")) {
                while (next()) {
                    if (is(u"УчтеноВСумме"))
                        type.vatIncluded = isTrue(text());
                    else
                        skip();
                }
            } else {
                skip();
            }
        }
        if (type.id.isEmpty())
            fail(QStringLiteral("a price type without Ид"));
        m_sink.priceType(type);
    }
}

void CommerceMLReader::readWarehouses()
{
    while (next()) {
        if (!is(u"Склад")) {
            skip();
            continue;
        }
        CmlWarehouse warehouse;
        while (next()) {
            if (is(u"Ид")) {
                warehouse.id = text();
            } else if (is(u"Наименование")) {
                warehouse.name = text();
            } else if (is(u"Адрес")) {
                while (next()) {
                    if (is(u"Представление"))
                        warehouse.address = text();
                    else
                        skip();
                }
            } else {
                skip();
            }
        }
        if (warehouse.id.isEmpty())
            fail(QStringLiteral("a warehouse without Ид"));
        m_sink.warehouse(warehouse);
    }
}

void CommerceMLReader::readOffer()
{
    CmlOffer offer;
    while (next()) {
        if (is(u"Ид")) {
            offer.id = text();
        } else if (is(u"Цены")) {
            offer.hasPrices = true;
            while (next()) {
                if (!is(u"Цена")) {
                    skip();
                    continue;
                }
                CmlPrice price;
                while (next()) {
                    if (is(u"ИдТипаЦены"))
                        price.priceTypeId = text();
                    else if (is(u"ЦенаЗаЕдиницу"))
                        price.unitPrice = text();
                    else if (is(u"Валюта"))
                        price.currency = text();
                    else
                        skip();
                }
                offer.prices.append(price);
            }
        } else if (is(u"Количество")) {
            offer.quantity = text();
        } else if (is(u"Склад")) {
            // 2.07+: <Склад ИдСклада="..." КоличествоНаСкладе="..."/>
            const auto attributes = m_xml.attributes();
            offer.stock.append(
                {attributes.value(QString::fromUtf16(u"ИдСклада")).toString().trimmed(),
                 attributes.value(QString::fromUtf16(u"КоличествоНаСкладе")).toString().trimmed()});
            skip();
        } else if (is(u"Остатки")) {
            // 3.x: <Остатки><Остаток><Склад><Ид/><Количество/></Склад></Остаток></Остатки>, or
            // <Остаток><Количество/></Остаток> for the total.
            while (next()) {
                if (!is(u"Остаток")) {
                    skip();
                    continue;
                }
                while (next()) {
                    if (is(u"Склад")) {
                        NamedValue level;
                        while (next()) {
                            if (is(u"Ид"))
                                level.first = text();
                            else if (is(u"Количество"))
                                level.second = text();
                            else
                                skip();
                        }
                        offer.stock.append(level);
                    } else if (is(u"Количество")) {
                        offer.quantity = text();
                    } else {
                        skip();
                    }
                }
            }
        } else {
            skip();
        }
    }
    if (offer.id.isEmpty())
        fail(QStringLiteral("an offer without Ид"));
    m_sink.offer(offer);
}

void CommerceMLReader::readCounterparties()
{
    while (next()) {
        if (!is(u"Контрагент")) {
            skip();
            continue;
        }
        CmlCounterparty counterparty;
        readCounterparty(counterparty);
        if (counterparty.id.isEmpty())
            fail(QStringLiteral("a counterparty without Ид"));
        m_sink.counterparty(counterparty);
    }
}

void CommerceMLReader::readCounterparty(CmlCounterparty &c)
{
    while (next()) {
        if (is(u"Ид")) {
            c.id = text();
        } else if (is(u"Наименование")) {
            c.name = text();
        } else if (is(u"ОфициальноеНаименование") || is(u"ПолноеНаименование")) {
            const QString legal = text();
            if (!legal.isEmpty())
                c.legalName = legal;
        } else if (is(u"ИНН")) {
            c.inn = text();
        } else if (is(u"КПП")) {
            c.kpp = text();
        } else if (is(u"ПометкаУдаления")) {
            c.deleted = isTrue(text());
        } else if (is(u"АдресРегистрации") || is(u"ЮридическийАдрес") || is(u"ФактическийАдрес")
                   || is(u"Адрес")) {
            Address address;
            address.kind = addressKindFrom(m_xml.name());
            while (next()) {
                if (is(u"Представление")) {
                    address.text = text();
                } else if (is(u"АдресноеПоле")) {
                    QString type;
                    QString value;
                    while (next()) {
                        if (is(u"Тип"))
                            type = text();
                        else if (is(u"Значение"))
                            value = text();
                        else
                            skip();
                    }
                    if (type == u"Почтовый индекс")
                        address.postalCode = value;
                } else {
                    skip();
                }
            }
            if (!address.text.isEmpty())
                c.addresses.append(address);
        } else if (is(u"Контакты")) {
            Contact contact;
            while (next()) {
                if (!is(u"Контакт")) {
                    skip();
                    continue;
                }
                QString type;
                QString value;
                while (next()) {
                    if (is(u"Тип"))
                        type = text();
                    else if (is(u"Значение"))
                        value = text();
                    else
                        skip();
                }
                if (type.contains(u"почт", Qt::CaseInsensitive) || value.contains(QLatin1Char('@')))
                    contact.email = value;
                else if (type.contains(u"Телефон", Qt::CaseInsensitive))
                    contact.phone = value;
            }
            if (!contact.email.isEmpty() || !contact.phone.isEmpty()) {
                contact.name = c.name;
                c.contacts.append(contact);
            }
        } else if (is(u"Представители")) {
            // Contact people: their names, attached to the counterparty's contacts.
            while (next()) {
                if (!is(u"Представитель")) {
                    skip();
                    continue;
                }
                while (next()) {
                    if (!is(u"Контрагент")) {
                        skip();
                        continue;
                    }
                    QString name;
                    while (next()) {
                        if (is(u"Наименование"))
                            name = text();
                        else
                            skip();
                    }
                    if (!name.isEmpty())
                        c.contacts.append(Contact {name, {}, {}});
                }
            }
        } else {
            skip();
        }
    }
    if (c.legalName.isEmpty())
        c.legalName = c.name;
}

void CommerceMLReader::readDocument()
{
    CmlDocument document;
    while (next()) {
        if (is(u"Ид")) {
            document.id = text();
        } else if (is(u"Номер")) {
            document.number = text();
        } else if (is(u"Дата")) {
            document.date = text();
        } else if (is(u"ХозОперация")) {
            document.operation = text();
        } else if (is(u"Сумма")) {
            document.amount = text();
        } else if (is(u"ПометкаУдаления")) {
            document.deleted = isTrue(text());
        } else if (is(u"Товары")) {
            while (next()) {
                if (!is(u"Товар")) {
                    skip();
                    continue;
                }
                CmlDocumentLine line;
                while (next()) {
                    if (is(u"Ид"))
                        line.productId = text();
                    else if (is(u"Артикул"))
                        line.sku = text();
                    else if (is(u"Наименование"))
                        line.name = text();
                    else if (is(u"ЦенаЗаЕдиницу"))
                        line.unitPrice = text();
                    else if (is(u"Количество"))
                        line.quantity = text();
                    else if (is(u"Сумма"))
                        line.amount = text();
                    else
                        skip();
                }
                document.lines.append(line);
            }
        } else if (is(u"ЗначенияРеквизитов")) {
            while (next()) {
                if (!is(u"ЗначениеРеквизита")) {
                    skip();
                    continue;
                }
                NamedValue requisite;
                while (next()) {
                    if (is(u"Наименование"))
                        requisite.first = text();
                    else if (is(u"Значение"))
                        requisite.second = text();
                    else
                        skip();
                }
                document.requisites.append(requisite);
            }
        } else {
            skip();
        }
    }
    m_sink.document(document);
}

QString CommerceMLReader::text()
{
    const QString value = m_xml.readElementText(QXmlStreamReader::SkipChildElements);
    if (m_xml.hasError())
        fail(m_xml.errorString());
    return value.trimmed();
}

bool CommerceMLReader::next()
{
    while (!m_xml.atEnd()) {
        switch (m_xml.readNext()) {
        case QXmlStreamReader::StartElement:
            return true;
        case QXmlStreamReader::EndElement:
            return false;
        case QXmlStreamReader::DTD:
            fail(QStringLiteral("a DOCTYPE is not allowed in an exchange file"));
        case QXmlStreamReader::EntityReference:
            fail(QStringLiteral("entity references are not allowed in an exchange file"));
        default:
            break;
        }
    }
    if (m_xml.hasError())
        fail(m_xml.errorString());
    fail(QStringLiteral("the file ends before its elements are closed (truncated?)"));
}

void CommerceMLReader::skip()
{
    m_xml.skipCurrentElement();
    if (m_xml.hasError())
        fail(m_xml.errorString());
}

bool CommerceMLReader::is(const char16_t *name) const
{
    return m_xml.name() == QStringView(name);
}

void CommerceMLReader::fail(const QString &why) const
{
    QString where = QStringLiteral("line %1, column %2").arg(m_xml.lineNumber()).arg(m_xml.columnNumber());
    const QString error = m_xml.hasError() && m_xml.error() == QXmlStreamReader::PrematureEndOfDocumentError
        ? QStringLiteral("the file ends before its elements are closed (truncated?)")
        : why;
    throw CommerceMLError(error + QStringLiteral(" (") + where + QLatin1Char(')'));
}

} // namespace portico::server
