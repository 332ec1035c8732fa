<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>main</name>
    <message>
        <source>Portico desktop client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server to connect to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interface language (en, ru).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::MainWindow</name>
    <message>
        <source>Portico</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This build connects to the server and reports whether it answers. The catalog, cart, orders and customers work on cached data once the offline cache and sync engine are installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1 (server version %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server %1 does not answer: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
