#pragma once

#include <QString>

namespace portico::client::TerminalStyle {

// The terminal's look: large type, black on white with strong borders, and a focus frame that
// can be seen from a step away (keyboard and scanner only, often in gloves).
inline QString sheet()
{
    return QStringLiteral(
        "QWidget { font-size: 20px; }"
        "QLabel#terminalTitle { font-size: 30px; font-weight: bold; }"
        "QLabel#terminalHints { font-size: 18px; color: #202020; background: #e8e8e8; padding: 6px; }"
        "QLabel#feedback { font-size: 32px; font-weight: bold; padding: 14px; border: 3px solid #000; }"
        "QLabel#conflict { font-size: 22px; font-weight: bold; color: #fff; background: #b00020; padding: "
        "10px; }"
        "QTableWidget, QListWidget { font-size: 22px; background: #fff; color: #000; "
        " gridline-color: #808080; selection-background-color: #ffd400; selection-color: #000; }"
        "QHeaderView::section { font-size: 18px; font-weight: bold; background: #202020; color: #fff; "
        " padding: 6px; }"
        "QLineEdit, QComboBox, QSpinBox { font-size: 24px; padding: 6px; border: 2px solid #404040; }"
        "QPushButton { font-size: 20px; padding: 10px 18px; border: 2px solid #404040; background: #f4f4f4; }"
        "*:focus { border: 4px solid #0050d0; }"
        "QTableWidget:focus, QListWidget:focus { border: 4px solid #0050d0; }");
}

} // namespace portico::client::TerminalStyle
