#include "events/eventmessages.h"

namespace portico::server {

std::string helloEvent(qint64 head)
{
    return R"({"type":"hello","head":)" + std::to_string(head) + '}';
}

std::string feedEvent(qint64 head)
{
    return R"({"type":"feed","head":)" + std::to_string(head) + '}';
}

} // namespace portico::server
