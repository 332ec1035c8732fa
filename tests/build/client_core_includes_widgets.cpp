// Must not compile: client/core (portico_client_core) has no Widgets. The
// boundary_client_core_refuses_widgets test builds this file and passes only when it fails.
#include <QWidget>

int probe()
{
    QWidget w;
    return w.width();
}
