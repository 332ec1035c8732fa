#pragma once

class QString;

namespace portico::client {

// A terminal dialog that takes scans while it is open: the terminal hands it every scan made
// while it is the active modal window. Anything else open (a message box, a print dialog)
// takes none: the scan is refused with a buzz, and its fields never see the code.
class ScanReceiver
{
public:
    virtual ~ScanReceiver() = default;
    // True when the dialog used the code; false refuses it (the terminal buzzes).
    virtual bool receiveScan(const QString &code) = 0;

protected:
    ScanReceiver() = default;
    ScanReceiver(const ScanReceiver &) = default;
    ScanReceiver &operator=(const ScanReceiver &) = default;
};

} // namespace portico::client
