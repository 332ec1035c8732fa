#include "demo/demonames.h"

#include "demo/demorandom.h"

#include <array>

namespace portico::server {

namespace {

// Surnames ending in -ов/-ев/-ёв/-ин: the feminine form adds "а".
const std::vector<QStringView> &surnames()
{
    static const std::vector<QStringView> names {
        u"Иванов",      u"Смирнов",   u"Кузнецов",   u"Попов",    u"Васильев", u"Петров",   u"Соколов",
        u"Михайлов",    u"Новиков",   u"Фёдоров",    u"Морозов",  u"Волков",   u"Алексеев", u"Лебедев",
        u"Семёнов",     u"Егоров",    u"Павлов",     u"Козлов",   u"Степанов", u"Николаев", u"Орлов",
        u"Андреев",     u"Макаров",   u"Никитин",    u"Захаров",  u"Зайцев",   u"Соловьёв", u"Борисов",
        u"Яковлев",     u"Григорьев", u"Романов",    u"Воробьёв", u"Сергеев",  u"Кузьмин",  u"Фролов",
        u"Александров", u"Дмитриев",  u"Королёв",    u"Гусев",    u"Киселёв",  u"Ильин",    u"Максимов",
        u"Поляков",     u"Сорокин",   u"Виноградов", u"Ковалёв",  u"Белов",    u"Медведев",
    };
    return names;
}

const std::vector<QStringView> &maleNames()
{
    static const std::vector<QStringView> names {
        u"Александр", u"Алексей", u"Андрей",   u"Дмитрий", u"Сергей",     u"Игорь",   u"Михаил",
        u"Николай",   u"Павел",   u"Владимир", u"Евгений", u"Олег",       u"Максим",  u"Юрий",
        u"Виктор",    u"Роман",   u"Артём",    u"Денис",   u"Константин", u"Василий",
    };
    return names;
}

const std::vector<QStringView> &femaleNames()
{
    static const std::vector<QStringView> names {
        u"Елена",     u"Ольга", u"Татьяна", u"Наталья", u"Ирина",  u"Светлана", u"Анна",  u"Марина",
        u"Екатерина", u"Юлия",  u"Мария",   u"Людмила", u"Галина", u"Оксана",   u"Дарья", u"Ксения",
    };
    return names;
}

struct Patronymic
{
    QStringView male;
    QStringView female;
};

const std::vector<Patronymic> &patronymics()
{
    static const std::vector<Patronymic> names {
        {u"Александрович", u"Александровна"}, {u"Алексеевич", u"Алексеевна"}, {u"Андреевич", u"Андреевна"},
        {u"Дмитриевич", u"Дмитриевна"},       {u"Сергеевич", u"Сергеевна"},   {u"Игоревич", u"Игоревна"},
        {u"Михайлович", u"Михайловна"},       {u"Николаевич", u"Николаевна"}, {u"Павлович", u"Павловна"},
        {u"Владимирович", u"Владимировна"},   {u"Евгеньевич", u"Евгеньевна"}, {u"Олегович", u"Олеговна"},
        {u"Викторович", u"Викторовна"},       {u"Юрьевич", u"Юрьевна"},       {u"Васильевич", u"Васильевна"},
        {u"Петрович", u"Петровна"},
    };
    return names;
}

const std::vector<QStringView> &companyHeads()
{
    static const std::vector<QStringView> parts {
        u"Строй",   u"Техно", u"Профи",  u"Евро",  u"Мега",   u"Гранд",  u"Альфа",
        u"Вектор",  u"Север", u"Урал",   u"Волга", u"Сибирь", u"Нева",   u"Кедр",
        u"Монолит", u"Базис", u"Гарант", u"Лидер", u"Мастер", u"Регион",
    };
    return parts;
}

const std::vector<QStringView> &companyTails()
{
    static const std::vector<QStringView> parts {
        u"Снаб",   u"Торг",  u"Комплект", u"Ресурс", u"Сервис", u"Маркет",
        u"Инвест", u"Групп", u"Трейд",    u"Опт",    u"Дом",    u"Пром",
    };
    return parts;
}

const std::vector<DemoCity> &cities()
{
    static const std::vector<DemoCity> all {
        {u"7701", u"г. Москва", 101000, 129999, u"495"},
        {u"7705", u"г. Москва", 101000, 129999, u"495"},
        {u"7710", u"г. Москва", 101000, 129999, u"499"},
        {u"7714", u"г. Москва", 101000, 129999, u"495"},
        {u"7719", u"г. Москва", 101000, 129999, u"499"},
        {u"7727", u"г. Москва", 101000, 129999, u"495"},
        {u"7736", u"г. Москва", 101000, 129999, u"499"},
        {u"7743", u"г. Москва", 101000, 129999, u"495"},
        {u"7802", u"г. Санкт-Петербург", 190000, 199999, u"812"},
        {u"7810", u"г. Санкт-Петербург", 190000, 199999, u"812"},
        {u"7825", u"г. Санкт-Петербург", 190000, 199999, u"812"},
        {u"5003", u"Московская обл., г. Видное", 142700, 142718, u"495"},
        {u"5024", u"Московская обл., г. Красногорск", 143400, 143409, u"495"},
        {u"5407", u"г. Новосибирск", 630000, 630133, u"383"},
        {u"6658", u"г. Екатеринбург", 620000, 620149, u"343"},
        {u"1655", u"г. Казань", 420000, 420141, u"843"},
        {u"2310", u"г. Краснодар", 350000, 350089, u"861"},
        {u"5260", u"г. Нижний Новгород", 603000, 603163, u"831"},
        {u"6164", u"г. Ростов-на-Дону", 344000, 344113, u"863"},
        {u"0274", u"г. Уфа", 450000, 450112, u"347"},
    };
    return all;
}

const std::vector<QStringView> &streets()
{
    static const std::vector<QStringView> names {
        u"ул. Ленина",     u"ул. Промышленная",    u"ул. Заводская", u"ул. Складская",
        u"пр-т Мира",      u"ул. Садовая",         u"ул. Советская", u"ш. Энтузиастов",
        u"ул. Строителей", u"ул. Индустриальная",  u"Кольцевая ул.", u"ул. Транспортная",
        u"ул. Гагарина",   u"ул. Октябрьская",     u"пр-т Победы",   u"ул. Новая",
        u"ул. Лесная",     u"ул. Железнодорожная", u"ул. Береговая", u"Складской пр-д",
    };
    return names;
}

QString twoDigits(int value)
{
    return QString::number(value).rightJustified(2, QLatin1Char('0'));
}

} // namespace

QString DemoPerson::fullName() const
{
    return surname + QLatin1Char(' ') + firstName + QLatin1Char(' ') + patronymic;
}

QString DemoPerson::shortName() const
{
    return surname + QLatin1Char(' ') + firstName.left(1) + QLatin1Char('.') + patronymic.left(1)
        + QLatin1Char('.');
}

DemoPerson DemoNames::person(DemoRandom &random)
{
    DemoPerson person;
    person.female = random.chance(40);
    person.surname = random.pick(surnames()).toString();
    if (person.female)
        person.surname += QStringLiteral(u"а");
    person.firstName = (person.female ? random.pick(femaleNames()) : random.pick(maleNames())).toString();
    const Patronymic &patronymic = random.pick(patronymics());
    person.patronymic = (person.female ? patronymic.female : patronymic.male).toString();
    return person;
}

QString DemoNames::companyName(int n)
{
    const auto &heads = companyHeads();
    const auto &tails = companyTails();
    const int count = companyNameCount();
    // A stride coprime to the count visits every combination once, in a mixed-up order.
    const int k = static_cast<int>((static_cast<qint64>(n % count) * 97 + 13) % count);
    const QStringView head = heads[static_cast<std::size_t>(k) % heads.size()];
    const QStringView tail = tails[static_cast<std::size_t>(k) / heads.size()];
    if (k % 4 == 0)
        return head.toString() + QLatin1Char('-') + tail.toString();
    return head.toString() + tail.toString();
}

int DemoNames::companyNameCount()
{
    return static_cast<int>(companyHeads().size() * companyTails().size());
}

const DemoCity &DemoNames::cityOfTaxOffice(QStringView taxOffice)
{
    for (const auto &city : cities()) {
        if (city.taxOffice == taxOffice)
            return city;
    }
    return moscow();
}

const DemoCity &DemoNames::moscow()
{
    return cities().front();
}

const DemoCity &DemoNames::saintPetersburg()
{
    return cities()[8];
}

QString DemoNames::streetAddress(DemoRandom &random)
{
    const QString street = random.pick(streets()).toString();
    const int house = random.between(1, 160);
    QString text = street + QStringLiteral(u", д. ") + QString::number(house);
    if (random.chance(35)) {
        const int building = random.between(1, 9);
        text += QStringLiteral(u", стр. ") + QString::number(building);
    } else if (random.chance(20)) {
        const int block = random.between(1, 5);
        text += QStringLiteral(u", корп. ") + QString::number(block);
    }
    return text;
}

QString DemoNames::phone(DemoRandom &random, QStringView code)
{
    const int exchange = random.between(200, 999);
    const int first = random.between(0, 99);
    const int second = random.between(0, 99);
    return QStringLiteral("+7 (") + code.toString() + QStringLiteral(") ") + QString::number(exchange)
        + QLatin1Char('-') + twoDigits(first) + QLatin1Char('-') + twoDigits(second);
}

QString DemoNames::transliterate(QStringView text)
{
    static const std::array<const char *, 33> latin {
        "a", "b", "v", "g", "d",  "e",  "zh", "z",  "i",    "y", "k", "l", "m", "n",  "o",  "p", "r",
        "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "",  "y", "",  "e", "yu", "ya", "e",
    };
    QString result;
    result.reserve(text.size() * 2);
    for (const QChar c : text.toString().toLower()) {
        const char16_t u = c.unicode();
        if (u >= u'а' && u <= u'я')
            result += QLatin1String(latin[static_cast<std::size_t>(u - u'а')]);
        else if (u == u'ё')
            result += QLatin1String(latin[32]);
        else if ((u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9'))
            result += c;
    }
    return result;
}

} // namespace portico::server
