// Must not compile: shared/ (portico_core) is Qt Core only. The boundary_core_refuses_gui
// test builds this file and passes only when the build fails.
#include <QtGui/QColor>

int probe()
{
    return QColor(Qt::red).red();
}
