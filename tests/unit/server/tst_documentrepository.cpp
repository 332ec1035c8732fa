#include "documents/documentrepository.h"
#include "storage/database.h"
#include "storage/sqlvalues.h"
#include "sync/feedbatch.h"
#include "testservices.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QTest>

using namespace portico;
using namespace portico::server;
using portico::test::TestDatabase;
using portico::test::TestServices;

// Accounting documents on SQLite and PostgreSQL: stored and read back whole, found by the
// accounting system's id, listed per order, updated in place, and published to their customer's
// audience only.
class TestDocumentRepository final : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServices> m_env;
    const Id m_romashka = Id::createUuid();
    const Id m_stroytorg = Id::createUuid();
    const Id m_order = Id::createUuid();

    static Document document(DocumentKind kind, const QString &number, const QDate &date,
                             const QString &amount, const Id &customer, const Id &order,
                             const QString &external = {})
    {
        Document d;
        d.id = Id::createUuid();
        d.externalId = external;
        d.kind = kind;
        d.number = number;
        d.date = date;
        d.amount = *Money::parse(amount, Currency::rub());
        d.customerId = customer;
        d.orderId = order;
        return d;
    }

    void store(const QList<Document> &documents)
    {
        m_env->database().write([&](QSqlDatabase &tx) {
            FeedBatch feed;
            DocumentRepository(tx).upsert(documents, feed);
            feed.append(tx);
        });
    }

    template<typename Fn>
    auto read(Fn &&fn)
    {
        return m_env->database().read([&](QSqlDatabase &tx) { return fn(DocumentRepository(tx)); });
    }

private Q_SLOTS:
    void initTestCase() { qInfo("backend: %s", qPrintable(TestDatabase::backendName())); }

    void init()
    {
        m_env = std::make_unique<TestServices>();
        QVERIFY2(m_env->create(), qPrintable(m_env->errorString()));
    }

    void cleanup() { m_env.reset(); }

    void storedAndReadBack()
    {
        const Document invoice
            = document(DocumentKind::Invoice, QStringLiteral("СЧ-17"), QDate(2026, 11, 30),
                       QStringLiteral("1067.78"), m_romashka, m_order, QStringLiteral("1c-inv-17"));
        const Document payment = document(DocumentKind::Payment, QStringLiteral("ПП-3"), QDate(2026, 12, 2),
                                          QStringLiteral("1067.78"), m_romashka, m_order);
        const Document statement = document(DocumentKind::ReconciliationStatement, QStringLiteral("АС-1"),
                                            QDate(2026, 12, 1), QStringLiteral("0.00"), m_stroytorg, Id());
        store({payment, invoice, statement});

        QCOMPARE(read([&](const DocumentRepository &r) { return r.find(invoice.id); }), invoice);
        QCOMPARE(read([&](const DocumentRepository &r) { return r.find(statement.id); }), statement);
        QCOMPARE(
            read([](const DocumentRepository &r) { return r.findExternal(QStringLiteral("1c-inv-17")); }),
            invoice);
        QVERIFY(!read([](const DocumentRepository &r) { return r.findExternal(QStringLiteral("nothing")); }));
        QVERIFY(!read([](const DocumentRepository &r) { return r.findExternal(QString()); }));
        // The order's documents by date: the invoice, then the payment; not the other customer's.
        const QList<Document> ofOrder = read([&](const DocumentRepository &r) { return r.ofOrder(m_order); });
        QCOMPARE(ofOrder.size(), 2);
        QCOMPARE(ofOrder.at(0), invoice);
        QCOMPARE(ofOrder.at(1), payment);
    }

    void updatedInPlace()
    {
        Document invoice
            = document(DocumentKind::Invoice, QStringLiteral("СЧ-18"), QDate(2026, 11, 30),
                       QStringLiteral("500.00"), m_romashka, m_order, QStringLiteral("1c-inv-18"));
        store({invoice});
        invoice.amount = *Money::parse(QStringLiteral("450.00"), Currency::rub());
        invoice.number = QStringLiteral("СЧ-18/1");
        store({invoice});
        QCOMPARE(read([&](const DocumentRepository &r) { return r.find(invoice.id); }), invoice);
        QCOMPARE(read([&](const DocumentRepository &r) { return r.ofOrder(m_order); }).size(), 1);
    }

    void publishedToItsCustomerOnly()
    {
        const Document invoice = document(DocumentKind::Invoice, QStringLiteral("СЧ-19"), QDate(2026, 11, 30),
                                          QStringLiteral("10.00"), m_romashka, m_order);
        const Document other = document(DocumentKind::Waybill, QStringLiteral("РН-2"), QDate(2026, 11, 30),
                                        QStringLiteral("20.00"), m_stroytorg, Id());
        store({invoice, other});
        const auto audiences = m_env->database().read([](QSqlDatabase &tx) {
            QSqlQuery q(tx);
            q.exec(QStringLiteral(
                "SELECT entity_id, audience FROM changes WHERE entity = 'document' ORDER BY seq"));
            QList<std::pair<QString, QString>> rows;
            while (q.next())
                rows.append({q.value(0).toString(), q.value(1).toString()});
            return rows;
        });
        QCOMPARE(audiences.size(), 2);
        QCOMPARE(audiences.at(0).second, QStringLiteral("customer:") + idText(m_romashka));
        QCOMPARE(audiences.at(1).second, QStringLiteral("customer:") + idText(m_stroytorg));
    }
};

QTEST_GUILESS_MAIN(TestDocumentRepository)
#include "tst_documentrepository.moc"
