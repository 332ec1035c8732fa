<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>main</name>
    <message>
        <source>Portico desktop client</source>
        <translation>Настольный клиент Portico</translation>
    </message>
    <message>
        <source>Server to connect to.</source>
        <translation>Сервер для подключения.</translation>
    </message>
    <message>
        <source>Interface language (en, ru).</source>
        <translation>Язык интерфейса (en, ru).</translation>
    </message>
</context>
<context>
    <name>portico::client::MainWindow</name>
    <message>
        <source>Portico</source>
        <translation>Portico</translation>
    </message>
    <message>
        <source>This build connects to the server and reports whether it answers. The catalog, cart, orders and customers work on cached data once the offline cache and sync engine are installed.</source>
        <translation>Эта сборка подключается к серверу и сообщает, отвечает ли он. Каталог, корзина, заказы и клиенты будут работать на локальных данных, когда появятся офлайн-кэш и синхронизация.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Подключение…</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Подключение к %1…</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>В сети</translation>
    </message>
    <message>
        <source>Connected to %1 (server version %2).</source>
        <translation>Подключено к %1 (версия сервера %2).</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Нет связи</translation>
    </message>
    <message>
        <source>The server %1 does not answer: %2</source>
        <translation>Сервер %1 не отвечает: %2</translation>
    </message>
</context>
</TS>
