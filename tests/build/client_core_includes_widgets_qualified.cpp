// Must not compile either: the module-qualified spelling of a Widgets include.
#include <QtWidgets/QPushButton>

int probe()
{
    QPushButton b;
    return b.width();
}
