// A file 1C uploads to /exchange/1c (or one given to `portico-server import`), through the
// streaming CommerceML reader and, as a second reading, the CSV reader, each into a sink that
// only counts. Invariants: a file is either read or refused with a CommerceMLError / ImportError
// that says why (never another exception, never a crash, never an entity expanded); every
// record handed over names itself.
#include "exchange/commercemlreader.h"
#include "exchange/csvimport.h"
#include "exchange/importerror.h"

#include <QBuffer>

#include <cstdint>
#include <cstdlib>

namespace {

class CountingSink final : public portico::server::CommerceMLSink
{
public:
    void package(bool) override { }
    void group(const portico::server::CmlGroup &group) override { require(group.id); }
    void property(const portico::server::CmlProperty &property) override { require(property.id); }
    void product(const portico::server::CmlProduct &product) override { require(product.id); }
    void priceType(const portico::server::CmlPriceType &priceType) override { require(priceType.id); }
    void warehouse(const portico::server::CmlWarehouse &warehouse) override { require(warehouse.id); }
    void offer(const portico::server::CmlOffer &offer) override { require(offer.id); }
    void counterparty(const portico::server::CmlCounterparty &counterparty) override
    {
        require(counterparty.id);
    }
    void document(const portico::server::CmlDocument &) override { }

private:
    static void require(const QString &id)
    {
        if (id.trimmed().isEmpty())
            std::abort();
    }
};

template<typename Reader, typename Error>
void readWith(const QByteArray &bytes)
{
    QByteArray copy = bytes;
    QBuffer device(&copy);
    device.open(QIODevice::ReadOnly);
    CountingSink sink;
    try {
        Reader(sink).read(device);
    } catch (const Error &error) {
        if (QByteArray(error.what()).isEmpty())
            std::abort(); // a refusal always says why
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    readWith<portico::server::CommerceMLReader, portico::server::CommerceMLError>(bytes);
    readWith<portico::server::CsvImport, portico::server::ImportError>(bytes);
    return 0;
}
