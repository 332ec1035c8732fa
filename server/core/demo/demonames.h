#pragma once

#include <QString>
#include <QStringView>

#include <vector>

namespace portico::server {

class DemoRandom;

// Russian names for the demo data set's people, companies and addresses.
struct DemoPerson
{
    QString surname; // "Кузнецова"
    QString firstName; // "Анна"
    QString patronymic; // "Сергеевна"
    bool female = false;

    QString fullName() const; // "Кузнецова Анна Сергеевна"
    QString shortName() const; // "Кузнецова А.С."
};

// A city and the tax office codes (the first four INN digits) registered in it.
struct DemoCity
{
    QStringView taxOffice; // "7701"
    QStringView name; // "г. Москва"
    int postalFrom = 0;
    int postalTo = 0;
    QStringView phoneCode; // "495"
};

class DemoNames final
{
public:
    static DemoPerson person(DemoRandom &random);
    // Company names without legal form ("СтройСнаб", "Альфа-Комплект"); distinct for n below
    // companyNameCount().
    static QString companyName(int n);
    static int companyNameCount();
    // The city of a tax office code; Moscow when the code is unknown.
    static const DemoCity &cityOfTaxOffice(QStringView taxOffice);
    static const DemoCity &moscow();
    static const DemoCity &saintPetersburg();
    // "ул. Промышленная, д. 12, стр. 3"
    static QString streetAddress(DemoRandom &random);
    // "+7 (495) 123-45-67"
    static QString phone(DemoRandom &random, QStringView code);
    // Latin transliteration for e-mail addresses and domains: lower case, letters and digits
    // only ("СтройСнаб" -> "stroysnab").
    static QString transliterate(QStringView text);
};

} // namespace portico::server
