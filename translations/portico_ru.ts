<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>ProfileLock</name>
    <message>
        <source>The profile is open in another Portico window (process %1 on %2).</source>
        <translation>Профиль открыт в другом окне Portico (процесс %1 на %2).</translation>
    </message>
    <message>
        <source>The profile is open in another Portico window.</source>
        <translation>Профиль открыт в другом окне Portico.</translation>
    </message>
    <message>
        <source>Portico is not allowed to create the lock file %1.</source>
        <translation>Portico не может создать файл блокировки %1: нет прав.</translation>
    </message>
    <message>
        <source>Portico could not lock the profile with the lock file %1.</source>
        <translation>Portico не удалось заблокировать профиль файлом %1.</translation>
    </message>
</context>
<context>
    <name>ProfileStore</name>
    <message>
        <source>Portico cannot read the profile file %1: %2.</source>
        <translation>Portico не может прочитать файл профиля %1: %2.</translation>
    </message>
    <message>
        <source>The profile file %1 is damaged.</source>
        <translation>Файл профиля %1 повреждён.</translation>
    </message>
    <message>
        <source>The server address %1 is not an http:// or https:// address.</source>
        <translation>Адрес сервера %1 не начинается с http:// или https://.</translation>
    </message>
    <message>
        <source>A profile needs a login.</source>
        <translation>Для профиля нужен логин.</translation>
    </message>
    <message>
        <source>The folder %1 holds the profile of %2 on %3, not of %4 on %5.</source>
        <translation>В папке %1 находится профиль %2 на %3, а не %4 на %5.</translation>
    </message>
    <message>
        <source>Portico cannot create the profile folder %1.</source>
        <translation>Portico не может создать папку профиля %1.</translation>
    </message>
    <message>
        <source>Portico cannot write the profile file %1: %2.</source>
        <translation>Portico не может записать файл профиля %1: %2.</translation>
    </message>
    <message>
        <source>The folder %1 is not a profile of this store.</source>
        <translation>Папка %1 не является профилем этого хранилища.</translation>
    </message>
    <message>
        <source>Portico could not remove all of the profile folder %1.</source>
        <translation>Portico не удалось полностью удалить папку профиля %1.</translation>
    </message>
</context>
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
    <message>
        <source>Portico: one sync without a window</source>
        <translation>Portico: одна синхронизация без окна</translation>
    </message>
    <message>
        <source>Run one sync and exit.</source>
        <translation>Выполнить одну синхронизацию и выйти.</translation>
    </message>
    <message>
        <source>The profile folder.</source>
        <translation>Папка профиля.</translation>
    </message>
    <message>
        <source>Server of a new profile.</source>
        <translation>Сервер нового профиля.</translation>
    </message>
    <message>
        <source>Login of a new profile.</source>
        <translation>Логин нового профиля.</translation>
    </message>
    <message>
        <source>Read the password from the first line of standard input.</source>
        <translation>Прочитать пароль из первой строки стандартного ввода.</translation>
    </message>
    <message>
        <source>Give up after this many seconds (default 600).</source>
        <translation>Прекратить попытки через столько секунд (по умолчанию 600).</translation>
    </message>
    <message>
        <source>Changes per pull request (1-5000).</source>
        <translation>Изменений за один запрос (1–5000).</translation>
    </message>
    <message>
        <source>--sync needs --profile DIR.</source>
        <translation>Для --sync нужен --profile ПАПКА.</translation>
    </message>
    <message>
        <source>No password on standard input.</source>
        <translation>На стандартном вводе нет пароля.</translation>
    </message>
    <message>
        <source>A new profile needs --password-stdin.</source>
        <translation>Для нового профиля нужен --password-stdin.</translation>
    </message>
</context>
<context>
    <name>portico::client::HeadlessSync</name>
    <message>
        <source>Creating a profile needs both --server and --login.</source>
        <translation>Для создания профиля нужны и --server, и --login.</translation>
    </message>
    <message>
        <source>The sync did not finish in time.</source>
        <translation>Синхронизация не завершилась вовремя.</translation>
    </message>
    <message>
        <source>This profile is not signed in: run again with --server, --login and --password-stdin.</source>
        <translation>В этом профиле не выполнен вход: запустите снова с --server, --login и --password-stdin.</translation>
    </message>
</context>
<context>
    <name>portico::client::KeychainCredentialStore</name>
    <message>
        <source>No system keychain is available, so Portico cannot remember your sign-in and will ask for your password each time it starts.</source>
        <translation>Системное хранилище паролей недоступно, поэтому Portico не сможет запомнить вход и будет спрашивать пароль при каждом запуске.</translation>
    </message>
    <message>
        <source>No saved sign-in was found in the system keychain.</source>
        <translation>В системном хранилище паролей нет сохранённого входа.</translation>
    </message>
    <message>
        <source>Portico was not allowed to use the system keychain. Unlock the keychain or allow access, then sign in again.</source>
        <translation>Portico не получил доступа к системному хранилищу паролей. Разблокируйте хранилище или разрешите доступ и войдите снова.</translation>
    </message>
    <message>
        <source>Portico could not read your saved sign-in from the system keychain (%1), so it will ask for your password.</source>
        <translation>Portico не удалось прочитать сохранённый вход из системного хранилища паролей (%1), поэтому он спросит пароль.</translation>
    </message>
    <message>
        <source>Portico could not save your sign-in in the system keychain (%1), so it will ask for your password at the next start.</source>
        <translation>Portico не удалось сохранить вход в системном хранилище паролей (%1), поэтому при следующем запуске он спросит пароль.</translation>
    </message>
    <message>
        <source>Portico could not remove your saved sign-in from the system keychain (%1).</source>
        <translation>Portico не удалось удалить сохранённый вход из системного хранилища паролей (%1).</translation>
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
<context>
    <name>portico::client::Session</name>
    <message>
        <source>Signed out.</source>
        <translation>Выполнен выход.</translation>
    </message>
    <message>
        <source>Please log in.</source>
        <translation>Войдите в систему.</translation>
    </message>
</context>
</TS>
