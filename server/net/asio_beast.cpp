// The single translation unit that compiles Asio and Beast (separate compilation; see
// server/net/CMakeLists.txt). Every other file includes only their headers.
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
