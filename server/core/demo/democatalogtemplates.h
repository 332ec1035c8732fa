#pragma once

#include <QStringView>

#include <vector>

namespace portico::server {

// The demo catalog's shape: six categories of a building-supplies wholesaler, each with three
// subcategories of two leaf groups. A leaf describes its products as base name, variants,
// sizes and brands; a product is one combination of them.
enum class DemoUnit { Piece, Kilogram, Metre, Pack };

struct DemoSize
{
    QStringView text; // "3,5×35 мм, 200 шт"
    int grams = 0; // weight of one unit of sale (for Kilogram units: of the item, unused)
    int pricePercent = 100; // price relative to the leaf's base price
};

struct DemoLeaf
{
    QStringView name; // the group's name
    QStringView base; // the product's base name; empty when each variant names the product
    std::vector<QStringView> variants;
    std::vector<DemoSize> sizes;
    DemoUnit unit = DemoUnit::Piece;
    qint64 basePrice = 0; // retail price in kopecks, VAT included, at 100 %
    int litresPerTonne = 1000; // packed volume per weight
    // Either one per variant (the variant's own) or choices for any product; may be empty.
    std::vector<QStringView> materials;
    // One per variant (the variant's colour), or, with any other count, a further dimension
    // of the range: every product comes in each colour (named in the product).
    std::vector<QStringView> colors;
    QStringView purpose; // "для ...", completes the description
    int warrantyMonths = 0;
};

struct DemoSubcategory
{
    QStringView name;
    std::vector<DemoLeaf> leaves;
};

struct DemoCategory
{
    QStringView name;
    QStringView skuPrefix; // "КР"
    std::vector<QStringView> brands;
    std::vector<DemoSubcategory> subcategories;
};

const std::vector<DemoCategory> &demoCatalogTemplates();

// The parts of the catalog kept in files of their own: electrical goods and plumbing; tools
// and paints.
std::vector<DemoCategory> demoEngineeringCategories();
std::vector<DemoCategory> demoFinishingCategories();

// Countries of origin; brands are assigned one each.
const std::vector<QStringView> &demoCountries();

} // namespace portico::server
