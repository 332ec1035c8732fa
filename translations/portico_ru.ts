<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>OrderLineImport</name>
    <message>
        <source>The quantity “%1” has more than three decimals.</source>
        <translation>В количестве «%1» больше трёх знаков после запятой.</translation>
    </message>
    <message>
        <source>“%1” is not a quantity.</source>
        <translation>«%1» — не количество.</translation>
    </message>
    <message>
        <source>The row has no SKU or barcode.</source>
        <translation>В строке нет артикула или штрихкода.</translation>
    </message>
    <message>
        <source>The row has no quantity.</source>
        <translation>В строке нет количества.</translation>
    </message>
    <message>
        <source>The quantity must be greater than zero.</source>
        <translation>Количество должно быть больше нуля.</translation>
    </message>
    <message>
        <source>No product with the SKU or barcode “%1” in the catalog.</source>
        <translation>В каталоге нет товара с артикулом или штрихкодом «%1».</translation>
    </message>
    <message>
        <source>The product “%1” (%2) is no longer sold.</source>
        <translation>Товар «%1» (%2) больше не продаётся.</translation>
    </message>
</context>
<context>
    <name>OrderStatusText</name>
    <message>
        <source>Draft</source>
        <translation>Черновик</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Отправлен</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Принят</translation>
    </message>
    <message>
        <source>Accepted with changes</source>
        <translation>Принят с изменениями</translation>
    </message>
    <message>
        <source>Needs approval</source>
        <translation>Требует согласования</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Отклонён</translation>
    </message>
    <message>
        <source>Sent to accounting</source>
        <translation>Передан в учёт</translation>
    </message>
    <message>
        <source>In production</source>
        <translation>В производстве</translation>
    </message>
    <message>
        <source>Picking</source>
        <translation>Комплектуется</translation>
    </message>
    <message>
        <source>Picked</source>
        <translation>Скомплектован</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Отгружен</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Доставлен</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Выполнен</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Отменён</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Неизвестен</translation>
    </message>
    <message>
        <source>Draft on this computer</source>
        <translation>Черновик на этом компьютере</translation>
    </message>
    <message>
        <source>Waiting to upload</source>
        <translation>В очереди на отправку</translation>
    </message>
    <message>
        <source>Uploaded</source>
        <translation>Отправлен на сервер</translation>
    </message>
    <message>
        <source>Upload refused</source>
        <translation>Отправка отклонена</translation>
    </message>
    <message>
        <source>Withdrawn before upload</source>
        <translation>Отозван до отправки</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Счёт на оплату</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>Накладная</translation>
    </message>
    <message>
        <source>Act of work</source>
        <translation>Акт выполненных работ</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Оплата</translation>
    </message>
    <message>
        <source>Reconciliation statement</source>
        <translation>Акт сверки</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>Договор</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Документ</translation>
    </message>
</context>
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
    <name>ReleaseVerifier</name>
    <message>
        <source>The offered release is not newer than this version.</source>
        <translation>Предложенный выпуск не новее этой версии.</translation>
    </message>
    <message>
        <source>The offered release belongs to another channel.</source>
        <translation>Предложенный выпуск относится к другому каналу.</translation>
    </message>
    <message>
        <source>The offered release is for another platform.</source>
        <translation>Предложенный выпуск предназначен для другой платформы.</translation>
    </message>
    <message>
        <source>The offered release has expired.</source>
        <translation>Срок действия предложенного выпуска истёк.</translation>
    </message>
    <message>
        <source>The offered release is dated in the future.</source>
        <translation>Предложенный выпуск датирован будущим.</translation>
    </message>
    <message>
        <source>The offered release comes with an outdated list of release keys.</source>
        <translation>Предложенный выпуск пришёл с устаревшим списком ключей выпуска.</translation>
    </message>
    <message>
        <source>The offered release is not signed by the company&apos;s release keys.</source>
        <translation>Предложенный выпуск не подписан ключами выпуска компании.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Portico desktop client</source>
        <translation>Настольный клиент Portico</translation>
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
    <message>
        <source>Server offered for a new profile.</source>
        <translation>Сервер, предлагаемый для нового профиля.</translation>
    </message>
    <message>
        <source>Open this profile folder.</source>
        <translation>Открыть эту папку профиля.</translation>
    </message>
    <message>
        <source>Keep profiles under this folder instead of the user&apos;s data folder.</source>
        <translation>Хранить профили в этой папке вместо папки данных пользователя.</translation>
    </message>
    <message>
        <source>Run one sync without a window and exit (portico --sync --help lists its options).</source>
        <translation>Выполнить одну синхронизацию без окна и выйти (параметры: portico --sync --help).</translation>
    </message>
</context>
<context>
    <name>portico::client::AdminPage</name>
    <message>
        <source>&amp;Releases</source>
        <translation>&amp;Выпуски</translation>
    </message>
    <message>
        <source>C&amp;hannels</source>
        <translation>&amp;Каналы</translation>
    </message>
    <message>
        <source>&amp;Devices</source>
        <translation>&amp;Устройства</translation>
    </message>
    <message>
        <source>Channel %1 saved.</source>
        <translation>Канал %1 сохранён.</translation>
    </message>
    <message>
        <source>Release deleted.</source>
        <translation>Выпуск удалён.</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Версия</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Канал</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Платформа</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>О&amp;бновить список</translation>
    </message>
    <message>
        <source>De&amp;lete release…</source>
        <translation>У&amp;далить выпуск…</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <source>&amp;Installer:</source>
        <translation>&amp;Установщик:</translation>
    </message>
    <message>
        <source>Installer</source>
        <translation>Установщик</translation>
    </message>
    <message>
        <source>Installers (*.deb *.exe)</source>
        <translation>Установщики (*.deb *.exe)</translation>
    </message>
    <message>
        <source>Signed &amp;manifest:</source>
        <translation>Подписанный &amp;манифест:</translation>
    </message>
    <message>
        <source>Signed manifest</source>
        <translation>Подписанный манифест</translation>
    </message>
    <message>
        <source>Signed files (*.json *.signed)</source>
        <translation>Подписанные файлы (*.json *.signed)</translation>
    </message>
    <message>
        <source>Signed &amp;key list:</source>
        <translation>Подписанный &amp;список ключей:</translation>
    </message>
    <message>
        <source>Signed key list</source>
        <translation>Подписанный список ключей</translation>
    </message>
    <message>
        <source>&amp;Upload release</source>
        <translation>&amp;Загрузить выпуск</translation>
    </message>
    <message>
        <source>Current release</source>
        <translation>Текущий выпуск</translation>
    </message>
    <message>
        <source>Rollout</source>
        <translation>Раскатка</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Пауза</translation>
    </message>
    <message>
        <source>Minimum version</source>
        <translation>Минимальная версия</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>&amp;Канал:</translation>
    </message>
    <message>
        <source>Current &amp;release:</source>
        <translation>Текущий &amp;выпуск:</translation>
    </message>
    <message>
        <source>R&amp;ollout to:</source>
        <translation>&amp;Раскатка на:</translation>
    </message>
    <message>
        <source>&amp;Paused: no device is offered the release</source>
        <translation>&amp;Пауза: выпуск не предлагается ни одному устройству</translation>
    </message>
    <message>
        <source>none: every version may sync</source>
        <translation>нет: синхронизироваться может любая версия</translation>
    </message>
    <message>
        <source>&amp;Minimum version:</source>
        <translation>&amp;Минимальная версия:</translation>
    </message>
    <message>
        <source>&amp;Save channel</source>
        <translation>&amp;Сохранить канал</translation>
    </message>
    <message>
        <source>Devices by version</source>
        <translation>Устройства по версиям</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Устройства</translation>
    </message>
    <message>
        <source>Recent install failures</source>
        <translation>Последние неудачные установки</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Устройство</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Сообщение</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Нет</translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation>%1 (%2, %3)</translation>
    </message>
    <message>
        <source>Choose a channel first.</source>
        <translation>Сначала выберите канал.</translation>
    </message>
    <message>
        <source>Choose the release to delete.</source>
        <translation>Выберите выпуск, который нужно удалить.</translation>
    </message>
    <message>
        <source>Delete release</source>
        <translation>Удаление выпуска</translation>
    </message>
    <message>
        <source>Delete release %1 (%2) from the server?</source>
        <translation>Удалить выпуск %1 (%2) с сервера?</translation>
    </message>
    <message>
        <source>Resuming the upload…</source>
        <translation>Загрузка продолжается…</translation>
    </message>
    <message>
        <source>Uploading %1…</source>
        <translation>Загружается %1…</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 из %2</translation>
    </message>
    <message>
        <source>Release %1 uploaded. Choose it for a channel to offer it.</source>
        <translation>Выпуск %1 загружен. Выберите его для канала, чтобы предложить устройствам.</translation>
    </message>
    <message>
        <source>The upload stopped: %1 Press Resume to go on from where it stopped.</source>
        <translation>Загрузка остановилась: %1 Нажмите «Продолжить», чтобы продолжить с места остановки.</translation>
    </message>
    <message>
        <source>&amp;Resume upload</source>
        <translation>&amp;Продолжить загрузку</translation>
    </message>
</context>
<context>
    <name>portico::client::Cart</name>
    <message>
        <source>The product is not in this device&apos;s catalog; sync and try again.</source>
        <translation>Товара нет в каталоге на этом компьютере; выполните синхронизацию и повторите.</translation>
    </message>
    <message>
        <source>The product is no longer sold.</source>
        <translation>Товар больше не продаётся.</translation>
    </message>
    <message>
        <source>The product has no price for this customer.</source>
        <translation>У товара нет цены для этого клиента.</translation>
    </message>
    <message>
        <source>The quantity must be greater than zero.</source>
        <translation>Количество должно быть больше нуля.</translation>
    </message>
    <message>
        <source>The customer&apos;s discount is not valid; ask the office to correct it.</source>
        <translation>Скидка клиента указана неверно; попросите офис исправить её.</translation>
    </message>
    <message>
        <source>The customer&apos;s price type does not match the prices; sync and try again.</source>
        <translation>Тип цен клиента не соответствует ценам; выполните синхронизацию и повторите.</translation>
    </message>
    <message>
        <source>The price on this device does not belong to this product; sync and try again.</source>
        <translation>Цена на этом компьютере не относится к этому товару; выполните синхронизацию и повторите.</translation>
    </message>
    <message>
        <source>The price is in %1, not in the customer&apos;s currency %2.</source>
        <translation>Цена указана в %1, а не в валюте клиента %2.</translation>
    </message>
    <message>
        <source>The product&apos;s price is negative; ask the office to correct it.</source>
        <translation>Цена товара отрицательная; попросите офис исправить её.</translation>
    </message>
    <message>
        <source>The amount is too large to calculate.</source>
        <translation>Сумма слишком велика для расчёта.</translation>
    </message>
    <message>
        <source>The line cannot be priced.</source>
        <translation>Не удаётся рассчитать цену строки.</translation>
    </message>
    <message>
        <source>The customer or the customer&apos;s prices are not on this device yet; sync and try again.</source>
        <translation>Клиента или его цен ещё нет на этом компьютере; выполните синхронизацию и повторите.</translation>
    </message>
    <message>
        <source>The cart could not be saved: %1</source>
        <translation>Не удалось сохранить корзину: %1</translation>
    </message>
    <message>
        <source>Choose a customer before saving the order as a draft.</source>
        <translation>Выберите клиента, прежде чем сохранять черновик заказа.</translation>
    </message>
    <message>
        <source>The draft could not be saved: %1</source>
        <translation>Не удалось сохранить черновик: %1</translation>
    </message>
    <message>
        <source>Choose a customer before submitting the order.</source>
        <translation>Выберите клиента перед отправкой заказа.</translation>
    </message>
    <message>
        <source>The cart is empty: add products before submitting the order.</source>
        <translation>Корзина пуста: добавьте товары перед отправкой заказа.</translation>
    </message>
    <message>
        <source>The order could not be submitted: %1</source>
        <translation>Не удалось отправить заказ: %1</translation>
    </message>
    <message>
        <source>Some lines have no price: remove them or sync before submitting.</source>
        <translation>У некоторых строк нет цены: удалите их или выполните синхронизацию перед отправкой.</translation>
    </message>
    <message>
        <source>The draft is no longer on this device.</source>
        <translation>Этого черновика больше нет на этом компьютере.</translation>
    </message>
    <message>
        <source>The draft cannot be read.</source>
        <translation>Не удаётся прочитать черновик.</translation>
    </message>
</context>
<context>
    <name>portico::client::CartModel</name>
    <message>
        <source>SKU</source>
        <translation>Артикул</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Наименование</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Ед.</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Скидка</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>НДС</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Проблема</translation>
    </message>
</context>
<context>
    <name>portico::client::CartPage</name>
    <message>
        <source>&amp;Paste from Excel</source>
        <translation>&amp;Вставить из Excel</translation>
    </message>
    <message>
        <source>Adds the SKU and quantity columns copied from a spreadsheet (Ctrl+V on the lines).</source>
        <translation>Добавляет столбцы артикула и количества, скопированные из таблицы (Ctrl+V на строках).</translation>
    </message>
    <message>
        <source>&amp;Import CSV…</source>
        <translation>&amp;Импорт CSV…</translation>
    </message>
    <message>
        <source>Adds the lines of a CSV file</source>
        <translation>Добавляет строки из файла CSV</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Не указана</translation>
    </message>
    <message>
        <source>For the warehouse or the manager</source>
        <translation>Для склада или менеджера</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>&amp;Очистить</translation>
    </message>
    <message>
        <source>Save as &amp;draft</source>
        <translation>Сохранить &amp;черновик</translation>
    </message>
    <message>
        <source>Keeps the order as a draft and starts an empty cart</source>
        <translation>Сохраняет заказ как черновик и начинает пустую корзину</translation>
    </message>
    <message>
        <source>&amp;Submit order</source>
        <translation>Отправить &amp;заказ</translation>
    </message>
    <message>
        <source>Sends the order, or queues it while offline</source>
        <translation>Отправляет заказ, а без сети ставит его в очередь</translation>
    </message>
    <message>
        <source>&amp;Delivery date:</source>
        <translation>&amp;Дата доставки:</translation>
    </message>
    <message>
        <source>C&amp;omment:</source>
        <translation>Ко&amp;мментарий:</translation>
    </message>
    <message>
        <source>Net:</source>
        <translation>Без НДС:</translation>
    </message>
    <message>
        <source>VAT:</source>
        <translation>НДС:</translation>
    </message>
    <message>
        <source>Total:</source>
        <translation>Всего:</translation>
    </message>
    <message>
        <source>The order was saved as a draft; the cart is empty again.</source>
        <translation>Заказ сохранён как черновик; корзина снова пуста.</translation>
    </message>
    <message>
        <source>Saved as draft %1; find it under Orders. The cart is empty again.</source>
        <translation>Сохранён черновик %1; он в разделе «Заказы». Корзина снова пуста.</translation>
    </message>
    <message>
        <source>Order %1 sent; waiting for the server&apos;s answer.</source>
        <translation>Заказ %1 отправлен; ожидается ответ сервера.</translation>
    </message>
    <message>
        <source>Order %1 is queued and will upload when the client is online.</source>
        <translation>Заказ %1 в очереди и будет отправлен, когда появится сеть.</translation>
    </message>
    <message>
        <source>Ordering for &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Заказ для &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No customer chosen: choose one to see prices and submit.</source>
        <translation>Клиент не выбран: выберите клиента, чтобы увидеть цены и отправить заказ.</translation>
    </message>
    <message>
        <source>Choose a customer to see prices.</source>
        <translation>Выберите клиента, чтобы увидеть цены.</translation>
    </message>
    <message>
        <source>Prices as of %1</source>
        <translation>Цены на %1</translation>
    </message>
    <message>
        <source>Prices have not been synced yet.</source>
        <translation>Цены ещё не синхронизированы.</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) have no price and are not in the total.</source>
        <translation>
            <numerusform>%n строка без цены и не входит в сумму.</numerusform>
            <numerusform>%n строки без цены и не входят в сумму.</numerusform>
            <numerusform>%n строк без цены и не входят в сумму.</numerusform>
        </translation>
    </message>
    <message>
        <source>The clipboard holds no text: copy the SKU and quantity columns in Excel first.</source>
        <translation>В буфере обмена нет текста: сначала скопируйте в Excel столбцы артикула и количества.</translation>
    </message>
    <message>
        <source>Paste from Excel</source>
        <translation>Вставить из Excel</translation>
    </message>
    <message>
        <source>Import order lines</source>
        <translation>Импорт строк заказа</translation>
    </message>
    <message>
        <source>CSV and text files (*.csv *.txt);;All files (*)</source>
        <translation>Файлы CSV и текстовые файлы (*.csv *.txt);;Все файлы (*)</translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation>Не удаётся прочитать файл: %1</translation>
    </message>
    <message>
        <source>The file is too large for an order (over 16 MB).</source>
        <translation>Файл слишком велик для заказа (больше 16 МБ).</translation>
    </message>
    <message>
        <source>The catalog on this device cannot be read: %1</source>
        <translation>Не удаётся прочитать каталог на этом компьютере: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n line(s) added to the cart.</source>
        <translation>
            <numerusform>%1: в корзину добавлена %n строка.</numerusform>
            <numerusform>%1: в корзину добавлены %n строки.</numerusform>
            <numerusform>%1: в корзину добавлено %n строк.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: there were no rows with a SKU and a quantity.</source>
        <translation>%1: нет строк с артикулом и количеством.</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n row(s) were not understood.</source>
        <translation>
            <numerusform>%1: не распознана %n строка.</numerusform>
            <numerusform>%1: не распознаны %n строки.</numerusform>
            <numerusform>%1: не распознано %n строк.</numerusform>
        </translation>
    </message>
    <message>
        <source>The cart is empty: there is nothing to save.</source>
        <translation>Корзина пуста: сохранять нечего.</translation>
    </message>
    <message>
        <source>Clear the cart</source>
        <translation>Очистить корзину</translation>
    </message>
    <message>
        <source>Remove every line from the cart and delete its draft?</source>
        <translation>Удалить все строки из корзины и её черновик?</translation>
    </message>
    <message>
        <source>The cart was cleared.</source>
        <translation>Корзина очищена.</translation>
    </message>
    <message>
        <source>%1 is blocked: the server will refuse the order.</source>
        <translation>Клиент %1 заблокирован: сервер отклонит заказ.</translation>
    </message>
    <message>
        <source>This order of %1 exceeds the available credit of %2 by %3.</source>
        <translation>Этот заказ на %1 превышает доступный кредит клиента %2 на %3.</translation>
    </message>
    <message>
        <source>%1 has overdue debt of %2.</source>
        <translation>У клиента %1 просроченный долг %2.</translation>
    </message>
    <message>
        <source>The credit of %1 cannot be checked on this device.</source>
        <translation>Кредит клиента %1 нельзя проверить на этом компьютере.</translation>
    </message>
    <message>
        <source>Submit it anyway?</source>
        <translation>Всё равно отправить?</translation>
    </message>
    <message>
        <source>The server may hold the order for a manager&apos;s approval. Submit it anyway?</source>
        <translation>Сервер может задержать заказ до согласования менеджером. Всё равно отправить?</translation>
    </message>
    <message>
        <source>Choose a customer before submitting the order.</source>
        <translation>Выберите клиента перед отправкой заказа.</translation>
    </message>
    <message>
        <source>The cart is empty: add products before submitting the order.</source>
        <translation>Корзина пуста: добавьте товары перед отправкой заказа.</translation>
    </message>
    <message>
        <source>%1 has no price: remove the line or sync before submitting.</source>
        <translation>У артикула %1 нет цены: удалите строку или выполните синхронизацию перед отправкой.</translation>
    </message>
    <message>
        <source>Credit limit</source>
        <translation>Кредитный лимит</translation>
    </message>
    <message>
        <source>&amp;Submit anyway</source>
        <translation>&amp;Всё равно отправить</translation>
    </message>
    <message>
        <source>&amp;Back to the cart</source>
        <translation>&amp;Назад в корзину</translation>
    </message>
</context>
<context>
    <name>portico::client::CatalogPage</name>
    <message>
        <source>The groups cannot be read: %1</source>
        <translation>Не удаётся прочитать группы: %1</translation>
    </message>
    <message>
        <source>The products cannot be read: %1</source>
        <translation>Не удаётся прочитать товары: %1</translation>
    </message>
    <message>
        <source>Name, SKU, barcode or property (Ctrl+F)</source>
        <translation>Название, артикул, штрихкод или свойство (Ctrl+F)</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>По&amp;иск:</translation>
    </message>
    <message>
        <source>Scan or type, then Enter (Ctrl+B)</source>
        <translation>Отсканируйте или введите и нажмите Enter (Ctrl+B)</translation>
    </message>
    <message>
        <source>&amp;Barcode or SKU:</source>
        <translation>&amp;Штрихкод или артикул:</translation>
    </message>
    <message>
        <source>Product card</source>
        <translation>Карточка товара</translation>
    </message>
    <message>
        <source>Open the card of the selected product (F4).</source>
        <translation>Открыть карточку выбранного товара (F4).</translation>
    </message>
    <message>
        <source>Product groups</source>
        <translation>Группы товаров</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Товары</translation>
    </message>
    <message>
        <source>The product cannot be looked up: %1</source>
        <translation>Не удаётся найти товар: %1</translation>
    </message>
    <message>
        <source>No product has the barcode or SKU “%1”.</source>
        <translation>Нет товара со штрихкодом или артикулом «%1».</translation>
    </message>
    <message>
        <source>“%1” (%2) is no longer sold.</source>
        <translation>«%1» (%2) больше не продаётся.</translation>
    </message>
    <message>
        <source>Found “%1” (%2): type the quantity and press Enter.</source>
        <translation>Найден товар «%1» (%2): введите количество и нажмите Enter.</translation>
    </message>
    <message>
        <source>Type a quantity greater than zero.</source>
        <translation>Введите количество больше нуля.</translation>
    </message>
    <message>
        <source>Added %1 %2 of “%3” to the cart.</source>
        <translation>В корзину добавлено: «%3», %1 %2.</translation>
    </message>
    <message>
        <source>Reading the products…</source>
        <translation>Загрузка товаров…</translation>
    </message>
    <message numerus="yes">
        <source>The best %n matches are shown; type more to narrow the search.</source>
        <translation>
            <numerusform>Показано %n лучшее совпадение; уточните запрос, чтобы сузить поиск.</numerusform>
            <numerusform>Показаны %n лучших совпадения; уточните запрос, чтобы сузить поиск.</numerusform>
            <numerusform>Показано %n лучших совпадений; уточните запрос, чтобы сузить поиск.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n product(s) found.</source>
        <translation>
            <numerusform>Найден %n товар.</numerusform>
            <numerusform>Найдено %n товара.</numerusform>
            <numerusform>Найдено %n товаров.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n product(s) in this group.</source>
        <translation>
            <numerusform>%n товар в этой группе.</numerusform>
            <numerusform>%n товара в этой группе.</numerusform>
            <numerusform>%n товаров в этой группе.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>portico::client::ConfirmPickDialog</name>
    <message>
        <source>Confirm pick list %1</source>
        <translation>Подтверждение листа подбора %1</translation>
    </message>
    <message>
        <source>Check the picked quantities. Every line picked short needs a reason.</source>
        <translation>Проверьте собранные количества. Для каждой недобранной строки нужна причина.</translation>
    </message>
    <message>
        <source>Bin</source>
        <translation>Ячейка</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Товар</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <source>Picked</source>
        <translation>Собрано</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Примечание</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Other (write a note)</source>
        <translation>Другое (напишите примечание)</translation>
    </message>
    <message>
        <source>Confirm (Enter)</source>
        <translation>Подтвердить (Enter)</translation>
    </message>
    <message>
        <source>Line %1 (%2): the picked quantity is not a number.</source>
        <translation>Строка %1 (%2): собранное количество — не число.</translation>
    </message>
    <message>
        <source>Line %1 (%2): more than the %3 to pick.</source>
        <translation>Строка %1 (%2): больше, чем нужно собрать (%3).</translation>
    </message>
    <message>
        <source>Line %1 (%2) is short: choose a reason (or write a note for Other).</source>
        <translation>Строка %1 (%2) недобрана: выберите причину (для «Другое» напишите примечание).</translation>
    </message>
</context>
<context>
    <name>portico::client::CountsPage</name>
    <message>
        <source>Counts</source>
        <translation>Инвентаризации</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <source>Bins</source>
        <translation>Ячейки</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>Посчитано</translation>
    </message>
    <message>
        <source>↑↓ choose · Enter count · Esc back to pick lists</source>
        <translation>↑↓ выбор · Enter считать · Esc назад к листам подбора</translation>
    </message>
    <message>
        <source>Scan a bin</source>
        <translation>Отсканируйте ячейку</translation>
    </message>
    <message>
        <source>&amp;Counted:</source>
        <translation>&amp;Посчитано:</translation>
    </message>
    <message>
        <source>Bin</source>
        <translation>Ячейка</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Артикул</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Товар</translation>
    </message>
    <message>
        <source>Scan a bin, then each product · type the quantity counted, Enter · F9 submit the count · Esc back</source>
        <translation>Отсканируйте ячейку, затем каждый товар · введите посчитанное количество, Enter · F9 сдать инвентаризацию · Esc назад</translation>
    </message>
    <message>
        <source>Count %1 · %2</source>
        <translation>Инвентаризация %1 · %2</translation>
    </message>
    <message>
        <source>Bin: scan one</source>
        <translation>Ячейка: отсканируйте</translation>
    </message>
    <message>
        <source>Bin: %1</source>
        <translation>Ячейка: %1</translation>
    </message>
    <message>
        <source>Product: %1 — %2</source>
        <translation>Товар: %1 — %2</translation>
    </message>
    <message>
        <source>Product: scan one</source>
        <translation>Товар: отсканируйте</translation>
    </message>
    <message>
        <source>Bin %1: now scan the products in it</source>
        <translation>Ячейка %1: теперь сканируйте товары в ней</translation>
    </message>
    <message>
        <source>✘ Unknown barcode: %1</source>
        <translation>✘ Неизвестный штрихкод: %1</translation>
    </message>
    <message>
        <source>Scan the bin first, then its products.</source>
        <translation>Сначала отсканируйте ячейку, затем её товары.</translation>
    </message>
    <message>
        <source>%1 — %2: type the quantity counted in %3, then Enter</source>
        <translation>%1 — %2: введите количество, посчитанное в %3, и нажмите Enter</translation>
    </message>
    <message>
        <source>Scan a bin and a product first.</source>
        <translation>Сначала отсканируйте ячейку и товар.</translation>
    </message>
    <message>
        <source>The quantity counted is not a number.</source>
        <translation>Посчитанное количество — не число.</translation>
    </message>
    <message>
        <source>Counted %1 of %2 in %3. Scan the next product or bin.</source>
        <translation>Посчитано %1 шт. %2 в %3. Сканируйте следующий товар или ячейку.</translation>
    </message>
    <message>
        <source>Submit count</source>
        <translation>Сдать инвентаризацию</translation>
    </message>
    <message>
        <source>Submit count %1 for approval? Nothing more can be counted in it.</source>
        <translation>Сдать инвентаризацию %1 на утверждение? Больше ничего посчитать в ней будет нельзя.</translation>
    </message>
</context>
<context>
    <name>portico::client::CustomerCard</name>
    <message>
        <source>Choose a customer to see its card.</source>
        <translation>Выберите клиента, чтобы увидеть его карточку.</translation>
    </message>
    <message>
        <source>Legal name:</source>
        <translation>Юридическое наименование:</translation>
    </message>
    <message>
        <source>INN:</source>
        <translation>ИНН:</translation>
    </message>
    <message>
        <source>Balance:</source>
        <translation>Сальдо:</translation>
    </message>
    <message>
        <source>Credit limit:</source>
        <translation>Кредитный лимит:</translation>
    </message>
    <message>
        <source>Available credit:</source>
        <translation>Доступный кредит:</translation>
    </message>
    <message>
        <source>Overdue debt:</source>
        <translation>Просроченный долг:</translation>
    </message>
    <message>
        <source>Orders not yet invoiced:</source>
        <translation>Заказы без счёта:</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Состояние:</translation>
    </message>
    <message>
        <source>Last orders</source>
        <translation>Последние заказы</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Без лимита</translation>
    </message>
    <message>
        <source>%1 paid in advance</source>
        <translation>Предоплата %1</translation>
    </message>
    <message>
        <source>Not reported yet</source>
        <translation>Ещё нет данных</translation>
    </message>
    <message>
        <source>Blocked: new orders are not accepted</source>
        <translation>Заблокирован: новые заказы не принимаются</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Активен</translation>
    </message>
    <message>
        <source>Last documents</source>
        <translation>Последние документы</translation>
    </message>
    <message>
        <source>The documents could not be read: %1</source>
        <translation>Документы не прочитаны: %1</translation>
    </message>
</context>
<context>
    <name>portico::client::CustomerListModel</name>
    <message>
        <source>No limit</source>
        <translation>Без лимита</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Заблокирован</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Наименование</translation>
    </message>
    <message>
        <source>INN</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Сальдо</translation>
    </message>
    <message>
        <source>Credit limit</source>
        <translation>Кредитный лимит</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Просрочено</translation>
    </message>
</context>
<context>
    <name>portico::client::CustomerPicker</name>
    <message>
        <source>Type a customer&apos;s name or INN</source>
        <translation>Введите название или ИНН клиента</translation>
    </message>
    <message>
        <source>The customer you are ordering for. Type part of the name or the INN.</source>
        <translation>Клиент, для которого вы оформляете заказ. Введите часть названия или ИНН.</translation>
    </message>
    <message>
        <source>Type a customer&apos;s name or INN (%1)</source>
        <translation>Введите название или ИНН клиента (%1)</translation>
    </message>
    <message>
        <source>The customer you are ordering for. Press %1 and type part of the name or the INN.</source>
        <translation>Клиент, для которого вы оформляете заказ. Нажмите %1 и введите часть названия или ИНН.</translation>
    </message>
</context>
<context>
    <name>portico::client::CustomersPage</name>
    <message>
        <source>Filter by name or INN (Ctrl+F)</source>
        <translation>Отбор по названию или ИНН (Ctrl+F)</translation>
    </message>
    <message>
        <source>&amp;Order for this customer</source>
        <translation>&amp;Заказ для этого клиента</translation>
    </message>
    <message>
        <source>Order for this customer (Enter or Ctrl+Enter)</source>
        <translation>Заказ для этого клиента (Enter или Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Найти</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n клиент</numerusform>
            <numerusform>%n клиента</numerusform>
            <numerusform>%n клиентов</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>portico::client::DocumentsView</name>
    <message>
        <source>Document</source>
        <translation>Документ</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Заказ</translation>
    </message>
</context>
<context>
    <name>portico::client::GroupTreeModel</name>
    <message numerus="yes">
        <source>%n product(s) in this group.</source>
        <translation>
            <numerusform>%n товар в этой группе.</numerusform>
            <numerusform>%n товара в этой группе.</numerusform>
            <numerusform>%n товаров в этой группе.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n product(s) in this group and the groups below it.</source>
        <translation>
            <numerusform>%n товар в этой группе и её подгруппах.</numerusform>
            <numerusform>%n товара в этой группе и её подгруппах.</numerusform>
            <numerusform>%n товаров в этой группе и её подгруппах.</numerusform>
        </translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Группа</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Товары</translation>
    </message>
    <message>
        <source>Products in the group and the groups below it.</source>
        <translation>Товары в группе и её подгруппах.</translation>
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
    <name>portico::client::ImportReportDialog</name>
    <message>
        <source>Rows not understood</source>
        <translation>Нераспознанные строки</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n row(s) added to the cart.</source>
        <translation>
            <numerusform>%1: в корзину добавлена %n строка.</numerusform>
            <numerusform>%1: в корзину добавлены %n строки.</numerusform>
            <numerusform>%1: в корзину добавлено %n строк.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) were not understood and were left out:</source>
        <translation>
            <numerusform>%n строка не распознана и пропущена:</numerusform>
            <numerusform>%n строки не распознаны и пропущены:</numerusform>
            <numerusform>%n строк не распознано и пропущено:</numerusform>
        </translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Строка</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Текст</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>&amp;Copy rows</source>
        <translation>&amp;Копировать строки</translation>
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
    <name>portico::client::LoginDialog</name>
    <message>
        <source>Sign in to Portico</source>
        <translation>Вход в Portico</translation>
    </message>
    <message>
        <source>Portico</source>
        <translation>Portico</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 на %2</translation>
    </message>
    <message>
        <source>New profile…</source>
        <translation>Новый профиль…</translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation>&amp;Профиль:</translation>
    </message>
    <message>
        <source>https://portal.example.com</source>
        <translation>https://portal.example.com</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Сервер:</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>&amp;Логин:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Па&amp;роль:</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Войти</translation>
    </message>
    <message>
        <source>Work &amp;offline</source>
        <translation>Работать &amp;офлайн</translation>
    </message>
    <message>
        <source>Open this profile&apos;s cached catalog and orders without signing in.</source>
        <translation>Открыть сохранённые каталог и заказы этого профиля без входа.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Вход…</translation>
    </message>
</context>
<context>
    <name>portico::client::MainWindow</name>
    <message>
        <source>Connecting…</source>
        <translation>Подключение…</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>В сети</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Нет сети</translation>
    </message>
    <message>
        <source>Portico — %1</source>
        <translation>Portico — %1</translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation>Войти…</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>Каталог</translation>
    </message>
    <message>
        <source>Cart</source>
        <translation>Корзина</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Заказы</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Клиенты</translation>
    </message>
    <message>
        <source>Ordering for</source>
        <translation>Заказ для</translation>
    </message>
    <message>
        <source>Ordering for:</source>
        <translation>Заказ для:</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Синхронизировать</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>&amp;Настройки…</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>Switch &amp;profile…</source>
        <translation>Сменить &amp;профиль…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;Выйти из системы</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Выход из системы</translation>
    </message>
    <message>
        <source>Sign out of %1? Orders waiting to upload stay on this computer and go once you sign in again.</source>
        <translation>Выйти из системы на %1? Заказы, ожидающие отправки, останутся на этом компьютере и уйдут, когда вы снова войдёте.</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Вы&amp;ход</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Переход</translation>
    </message>
    <message>
        <source>Choose &amp;customer</source>
        <translation>Выбрать &amp;клиента</translation>
    </message>
    <message>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;About Portico</source>
        <translation>&amp;О программе Portico</translation>
    </message>
    <message>
        <source>About Portico</source>
        <translation>О программе Portico</translation>
    </message>
    <message>
        <source>Portico %1
Ordering portal client.
Server: %2</source>
        <translation>Portico %1
Клиент портала заказов.
Сервер: %2</translation>
    </message>
    <message numerus="yes">
        <source>Cart (%n)</source>
        <translation>
            <numerusform>Корзина (%n)</numerusform>
            <numerusform>Корзина (%n)</numerusform>
            <numerusform>Корзина (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>неизвестную дату (синхронизации ещё не было)</translation>
    </message>
    <message>
        <source>Offline — prices and stock as of %1. Orders you submit are queued and upload when the connection returns.</source>
        <translation>Нет сети — цены и остатки на %1. Отправленные заказы встают в очередь и уйдут, когда связь вернётся.</translation>
    </message>
    <message>
        <source>Not signed in — prices and stock as of %1. Orders you submit are kept on this computer until you sign in.</source>
        <translation>Вход не выполнен — цены и остатки на %1. Отправленные заказы хранятся на этом компьютере, пока вы не войдёте.</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Синхронизация…</translation>
    </message>
    <message numerus="yes">
        <source>Syncing: %p% (about %n s left)</source>
        <translation>
            <numerusform>Синхронизация: %p% (осталось около %n с)</numerusform>
            <numerusform>Синхронизация: %p% (осталось около %n с)</numerusform>
            <numerusform>Синхронизация: %p% (осталось около %n с)</numerusform>
        </translation>
    </message>
    <message>
        <source>Syncing: %p%</source>
        <translation>Синхронизация: %p%</translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) waiting to upload</source>
        <translation>
            <numerusform>%n действие ждёт отправки</numerusform>
            <numerusform>%n действия ждут отправки</numerusform>
            <numerusform>%n действий ждут отправки</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused by the server</source>
        <translation>
            <numerusform>отклонено сервером: %n</numerusform>
            <numerusform>отклонено сервером: %n</numerusform>
            <numerusform>отклонено сервером: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Everything uploaded</source>
        <translation>Всё отправлено</translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>Последняя синхронизация: %1</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Ещё не синхронизировано</translation>
    </message>
    <message>
        <source>Updates</source>
        <translation>Обновления</translation>
    </message>
    <message>
        <source>Your user has no warehouse: ask an administrator.</source>
        <translation>У вашего пользователя не указан склад: обратитесь к администратору.</translation>
    </message>
    <message>
        <source>Asking the server for new pick lists…</source>
        <translation>Запрашиваем у сервера новые листы подбора…</translation>
    </message>
    <message>
        <source>No new pick lists: %1</source>
        <translation>Новых листов подбора нет: %1</translation>
    </message>
    <message>
        <source>No accepted orders wait for picking.</source>
        <translation>Нет принятых заказов, ожидающих сборки.</translation>
    </message>
    <message numerus="yes">
        <source>%n new pick list(s).</source>
        <translation>
            <numerusform>%n новый лист подбора.</numerusform>
            <numerusform>%n новых листа подбора.</numerusform>
            <numerusform>%n новых листов подбора.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
</context>
<context>
    <name>portico::client::OrderComparisonModel</name>
    <message>
        <source>The server added this line.</source>
        <translation>Эту строку добавил сервер.</translation>
    </message>
    <message>
        <source>The server did not accept this line.</source>
        <translation>Сервер не принял эту строку.</translation>
    </message>
    <message>
        <source>Product not in this computer&apos;s data</source>
        <translation>Товара нет в данных этого компьютера</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>%1 less %2%</source>
        <translation>%1 со скидкой %2%</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Артикул</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Товар</translation>
    </message>
    <message>
        <source>Ordered quantity</source>
        <translation>Заказано</translation>
    </message>
    <message>
        <source>Your price</source>
        <translation>Ваша цена</translation>
    </message>
    <message>
        <source>Your total</source>
        <translation>Ваша сумма</translation>
    </message>
    <message>
        <source>Accepted quantity</source>
        <translation>Принято</translation>
    </message>
    <message>
        <source>Server price</source>
        <translation>Цена сервера</translation>
    </message>
    <message>
        <source>Server total</source>
        <translation>Сумма сервера</translation>
    </message>
</context>
<context>
    <name>portico::client::OrderDetailPane</name>
    <message>
        <source>Numbers:</source>
        <translation>Номера:</translation>
    </message>
    <message>
        <source>Customer:</source>
        <translation>Клиент:</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>Создан:</translation>
    </message>
    <message>
        <source>Delivery date:</source>
        <translation>Дата доставки:</translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation>Комментарий:</translation>
    </message>
    <message>
        <source>Prices as of:</source>
        <translation>Цены на:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Статус:</translation>
    </message>
    <message>
        <source>Total:</source>
        <translation>Сумма:</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Строка</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Артикул</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Было</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Стало</translation>
    </message>
    <message>
        <source>&amp;Lines</source>
        <translation>Ст&amp;роки</translation>
    </message>
    <message>
        <source>&amp;Side by side</source>
        <translation>Сра&amp;внение</translation>
    </message>
    <message>
        <source>Status &amp;history</source>
        <translation>История стат&amp;усов</translation>
    </message>
    <message>
        <source>Choose an order to see its detail.</source>
        <translation>Выберите заказ, чтобы увидеть подробности.</translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>Заказ %1</translation>
    </message>
    <message>
        <source>%1 (no server number yet)</source>
        <translation>%1 (номера на сервере ещё нет)</translation>
    </message>
    <message>
        <source>%1, on this computer %2</source>
        <translation>%1, на этом компьютере %2</translation>
    </message>
    <message>
        <source>Unknown customer</source>
        <translation>Неизвестный клиент</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Не указана</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Неизвестно</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1, VAT %2</source>
        <translation>%1, в т. ч. НДС %2</translation>
    </message>
    <message>
        <source>The order is waiting to be uploaded.</source>
        <translation>Заказ ждёт отправки.</translation>
    </message>
    <message>
        <source>Your cancellation is waiting to be uploaded.</source>
        <translation>Ваша отмена ждёт отправки.</translation>
    </message>
    <message>
        <source>Your acceptance of the changes is waiting to be uploaded.</source>
        <translation>Ваше согласие с изменениями ждёт отправки.</translation>
    </message>
    <message>
        <source>The server refused your last action: %1</source>
        <translation>Сервер отклонил ваше последнее действие: %1</translation>
    </message>
    <message>
        <source>The server accepted the order with changes: compare the versions side by side, then accept the changes or edit the order.</source>
        <translation>Сервер принял заказ с изменениями: сравните версии на вкладке «Сравнение», затем примите изменения или измените заказ.</translation>
    </message>
    <message>
        <source>The server rejected the order.</source>
        <translation>Сервер отклонил заказ.</translation>
    </message>
    <message>
        <source>The order waits for a manager&apos;s approval.</source>
        <translation>Заказ ждёт согласования менеджером.</translation>
    </message>
    <message>
        <source>The server accepted the order as it was.</source>
        <translation>Сервер принял заказ без изменений.</translation>
    </message>
    <message>
        <source>The server&apos;s answer: %1.</source>
        <translation>Ответ сервера: %1.</translation>
    </message>
    <message>
        <source>A draft: open it to go on editing it in the cart.</source>
        <translation>Черновик: откройте его, чтобы продолжить редактирование в корзине.</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) changed.</source>
        <translation>
            <numerusform>Изменена %n строка.</numerusform>
            <numerusform>Изменены %n строки.</numerusform>
            <numerusform>Изменено %n строк.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Documents</source>
        <translation>&amp;Документы</translation>
    </message>
    <message>
        <source>&amp;Documents (%1)</source>
        <translation>&amp;Документы (%1)</translation>
    </message>
</context>
<context>
    <name>portico::client::OrderFilterBar</name>
    <message>
        <source>Any</source>
        <translation>Любая</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Все статусы</translation>
    </message>
    <message>
        <source>Needs your attention</source>
        <translation>Требуют вашего внимания</translation>
    </message>
    <message>
        <source>All customers</source>
        <translation>Все клиенты</translation>
    </message>
    <message>
        <source>Search by number, comment or customer (Ctrl+F)</source>
        <translation>Поиск по номеру, комментарию или клиенту (Ctrl+F)</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>Ст&amp;атус:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;От:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;До:</translation>
    </message>
    <message>
        <source>C&amp;ustomer:</source>
        <translation>&amp;Клиент:</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>За всё время</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Последние 7 дней</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Последние 30 дней</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Этот месяц</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>Этот год</translation>
    </message>
    <message>
        <source>Dates below</source>
        <translation>Произвольный</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>Пер&amp;иод:</translation>
    </message>
</context>
<context>
    <name>portico::client::OrderLinesModel</name>
    <message>
        <source>Product not in this computer&apos;s data</source>
        <translation>Товара нет в данных этого компьютера</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Артикул</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Товар</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <source>Discount, %</source>
        <translation>Скидка, %</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>This computer has no price for the product: the draft cannot be submitted with it.</source>
        <translation>На этом компьютере нет цены товара: черновик с ним нельзя отправить.</translation>
    </message>
    <message>
        <source>No price</source>
        <translation>Нет цены</translation>
    </message>
</context>
<context>
    <name>portico::client::OrderListModel</name>
    <message>
        <source>Number on this computer: %1</source>
        <translation>Номер на этом компьютере: %1</translation>
    </message>
    <message>
        <source>The server answered this order and you have not opened it yet.</source>
        <translation>Сервер ответил на этот заказ, а вы его ещё не открывали.</translation>
    </message>
    <message>
        <source>Unknown customer</source>
        <translation>Неизвестный клиент</translation>
    </message>
    <message>
        <source>Needs your attention</source>
        <translation>Требует вашего внимания</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>На этом компьютере</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>Внимание</translation>
    </message>
</context>
<context>
    <name>portico::client::OrdersPage</name>
    <message>
        <source>not in this computer&apos;s data</source>
        <translation>нет в данных этого компьютера</translation>
    </message>
    <message>
        <source>no longer sold</source>
        <translation>больше не продаётся</translation>
    </message>
    <message>
        <source>no price for this customer</source>
        <translation>нет цены для этого клиента</translation>
    </message>
    <message>
        <source>out of stock</source>
        <translation>нет в наличии</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>&amp;Accept the changes</source>
        <translation>При&amp;нять изменения</translation>
    </message>
    <message>
        <source>&amp;Edit in the cart</source>
        <translation>Изм&amp;енить в корзине</translation>
    </message>
    <message>
        <source>&amp;Reorder</source>
        <translation>Пов&amp;торить</translation>
    </message>
    <message>
        <source>&amp;Cancel order…</source>
        <translation>Отменить &amp;заказ…</translation>
    </message>
    <message>
        <source>C&amp;ontinue editing</source>
        <translation>Продол&amp;жить</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Найти</translation>
    </message>
    <message>
        <source>Choose an order to see its detail.</source>
        <translation>Выберите заказ, чтобы увидеть подробности.</translation>
    </message>
    <message>
        <source>This order is no longer on this computer.</source>
        <translation>Этого заказа больше нет на этом компьютере.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Reorder</source>
        <translation>Повторить</translation>
    </message>
    <message numerus="yes">
        <source>%n product(s) of this order cannot be ordered now.</source>
        <translation>
            <numerusform>%n товар из этого заказа сейчас нельзя заказать.</numerusform>
            <numerusform>%n товара из этого заказа сейчас нельзя заказать.</numerusform>
            <numerusform>%n товаров из этого заказа сейчас нельзя заказать.</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy the &amp;available lines</source>
        <translation>Скопировать &amp;доступные строки</translation>
    </message>
    <message>
        <source>Copy a&amp;ll lines</source>
        <translation>Скопировать &amp;все строки</translation>
    </message>
    <message>
        <source>Cancel order %1</source>
        <translation>Отмена заказа %1</translation>
    </message>
    <message>
        <source>Why is order %1 cancelled? The reason goes to the server with the cancellation.</source>
        <translation>Почему отменяется заказ %1? Причина будет отправлена на сервер вместе с отменой.</translation>
    </message>
    <message>
        <source>Cancel the order</source>
        <translation>Отменить заказ</translation>
    </message>
    <message>
        <source>Keep the order</source>
        <translation>Не отменять</translation>
    </message>
    <message>
        <source>The order could not be cancelled: %1</source>
        <translation>Не удалось отменить заказ: %1</translation>
    </message>
    <message>
        <source>The cancellation is recorded and will be sent to the server.</source>
        <translation>Отмена записана и будет отправлена на сервер.</translation>
    </message>
    <message>
        <source>The changes could not be accepted: %1</source>
        <translation>Не удалось принять изменения: %1</translation>
    </message>
    <message>
        <source>You accepted the changes; the server will be told at the next sync.</source>
        <translation>Вы приняли изменения; сервер узнает об этом при следующей синхронизации.</translation>
    </message>
    <message>
        <source>The lines of order %1 are in the cart. The order itself stays as the server accepted it until you cancel it.</source>
        <translation>Строки заказа %1 скопированы в корзину. Сам заказ остаётся таким, каким его принял сервер, пока вы его не отмените.</translation>
    </message>
</context>
<context>
    <name>portico::client::PackDialog</name>
    <message>
        <source>Pack pick list %1</source>
        <translation>Упаковка листа подбора %1</translation>
    </message>
    <message>
        <source>&amp;Packages:</source>
        <translation>&amp;Мест:</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Товар</translation>
    </message>
    <message>
        <source>Picked</source>
        <translation>Собрано</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Место</translation>
    </message>
    <message>
        <source>Weight of each package, kg:</source>
        <translation>Вес каждого места, кг:</translation>
    </message>
    <message>
        <source>Pack (Enter)</source>
        <translation>Упаковать (Enter)</translation>
    </message>
    <message>
        <source>Package %1:</source>
        <translation>Место %1:</translation>
    </message>
    <message>
        <source>Package %1 needs its weight in kilograms.</source>
        <translation>Для места %1 нужен вес в килограммах.</translation>
    </message>
    <message>
        <source>Package %1 is empty: put a line in it or pack fewer packages.</source>
        <translation>Место %1 пустое: положите в него строку или уменьшите число мест.</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <source>Split the line into another package (F5)</source>
        <translation>Разделить строку на другую упаковку (F5)</translation>
    </message>
    <message>
        <source>Row %1 needs a quantity above zero: %2.</source>
        <translation>В строке %1 нужно количество больше нуля: %2.</translation>
    </message>
    <message>
        <source>%1: %2 packed of the %3 picked.</source>
        <translation>%1: упаковано %2 из собранных %3.</translation>
    </message>
</context>
<context>
    <name>portico::client::PickListsPage</name>
    <message>
        <source>Pick lists</source>
        <translation>Листы подбора</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Lines done</source>
        <translation>Собрано строк</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Заказы</translation>
    </message>
    <message>
        <source>First bin</source>
        <translation>Первая ячейка</translation>
    </message>
    <message>
        <source>↑↓ choose · Enter open · scan a pick list number to open it · F3 new pick lists from accepted orders · F10 counts · F5 sync now</source>
        <translation>↑↓ выбор · Enter открыть · отсканируйте номер листа подбора, чтобы открыть его · F3 новые листы подбора из принятых заказов · F10 инвентаризации · F5 синхронизировать</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 из %2</translation>
    </message>
    <message>
        <source>No pick lists to work on. F3 makes new ones from accepted orders.</source>
        <translation>Листов подбора в работе нет. F3 создаёт новые из принятых заказов.</translation>
    </message>
    <message>
        <source>%1 is not a pick list to work on. Open a pick list first, then scan its items.</source>
        <translation>%1 — не лист подбора в работе. Сначала откройте лист подбора, затем сканируйте его товары.</translation>
    </message>
</context>
<context>
    <name>portico::client::PickPage</name>
    <message>
        <source>Scan an item</source>
        <translation>Отсканируйте товар</translation>
    </message>
    <message>
        <source>Bin</source>
        <translation>Ячейка</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Артикул</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Товар</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <source>Picked</source>
        <translation>Собрано</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Заказ</translation>
    </message>
    <message>
        <source>&amp;Quantity per scan:</source>
        <translation>&amp;Количество на скан:</translation>
    </message>
    <message>
        <source>Code (F2):</source>
        <translation>Код (F2):</translation>
    </message>
    <message>
        <source>Barcode or SKU, then Enter</source>
        <translation>Штрихкод или артикул, затем Enter</translation>
    </message>
    <message>
        <source>Scan an item · digits first for a quantity · F2 type a code · F4 confirm · F6 pack · F8 ship · F7 print pick list · F9 print packing list · Esc back</source>
        <translation>Сканируйте товар · цифры перед сканом — количество · F2 ввести код · F4 подтвердить · F6 упаковать · F8 отгрузить · F7 печать листа подбора · F9 печать упаковочного листа · Esc назад</translation>
    </message>
    <message>
        <source>Now scan the item: %1 per scan</source>
        <translation>Теперь отсканируйте товар: %1 на скан</translation>
    </message>
    <message>
        <source>This pick list is no longer on this terminal.</source>
        <translation>Этого листа подбора больше нет на этом терминале.</translation>
    </message>
    <message>
        <source>Pick list %1</source>
        <translation>Лист подбора %1</translation>
    </message>
    <message>
        <source>%1 (waiting to upload)</source>
        <translation>%1 (ждёт отправки)</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2 of %n line(s) done</source>
        <translation>
            <numerusform>%1 · собрана %2 из %n строки</numerusform>
            <numerusform>%1 · собрано %2 из %n строк</numerusform>
            <numerusform>%1 · собрано %2 из %n строк</numerusform>
        </translation>
    </message>
    <message>
        <source>Over-pick refused by the server</source>
        <translation>Сервер отклонил перебор</translation>
    </message>
    <message>
        <source>Stock conflict: another terminal took the stock</source>
        <translation>Конфликт остатков: товар забрал другой терминал</translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation>Отклонено сервером</translation>
    </message>
    <message>
        <source>%1: %2. The list below is the server&apos;s current state.</source>
        <translation>%1: %2. Ниже — текущее состояние на сервере.</translation>
    </message>
    <message>
        <source>The quantity is not a number; scan again.</source>
        <translation>Количество — не число; отсканируйте ещё раз.</translation>
    </message>
    <message>
        <source>The scan was not saved: %1</source>
        <translation>Скан не сохранён: %1</translation>
    </message>
    <message>
        <source>✔ %1 — %2
%3 of %4 picked · bin %5</source>
        <translation>✔ %1 — %2
собрано %3 из %4 · ячейка %5</translation>
    </message>
    <message>
        <source>Over-pick: %1 — %2
%3 of %4 already picked; put %5 back</source>
        <translation>Перебор: %1 — %2
уже собрано %3 из %4; верните %5 на место</translation>
    </message>
    <message>
        <source>✘ Wrong item: %1 is not on this pick list</source>
        <translation>✘ Не тот товар: %1 нет в этом листе подбора</translation>
    </message>
    <message>
        <source>✘ Wrong item: %1 — %2 is not on this pick list</source>
        <translation>✘ Не тот товар: %1 — %2 нет в этом листе подбора</translation>
    </message>
    <message>
        <source>✘ Unknown barcode: %1</source>
        <translation>✘ Неизвестный штрихкод: %1</translation>
    </message>
    <message>
        <source>This pick list is %1: nothing more can be picked on it.</source>
        <translation>Лист подбора — %1: собирать по нему больше нельзя.</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Не сохранено</translation>
    </message>
    <message>
        <source>Only a pick list being picked can be confirmed.</source>
        <translation>Подтвердить можно только лист подбора, который собирается.</translation>
    </message>
    <message>
        <source>Confirm the pick list (F4) before packing.</source>
        <translation>Перед упаковкой подтвердите лист подбора (F4).</translation>
    </message>
    <message>
        <source>Pack the pick list (F6) before shipping.</source>
        <translation>Перед отгрузкой упакуйте лист подбора (F6).</translation>
    </message>
    <message>
        <source>Packing list %1</source>
        <translation>Упаковочный лист %1</translation>
    </message>
</context>
<context>
    <name>portico::client::PickPrinting</name>
    <message>
        <source>Created %1</source>
        <translation>Создан %1</translation>
    </message>
    <message>
        <source>Order %1 — %2</source>
        <translation>Заказ %1 — %2</translation>
    </message>
    <message>
        <source>Pick list</source>
        <translation>Лист подбора</translation>
    </message>
    <message>
        <source>Bin</source>
        <translation>Ячейка</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Артикул</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Товар</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Заказ</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <source>Picked</source>
        <translation>Собрано</translation>
    </message>
    <message>
        <source>Packing list</source>
        <translation>Упаковочный лист</translation>
    </message>
    <message>
        <source>Shipment %1, carrier %2, tracking %3</source>
        <translation>Отгрузка %1, перевозчик %2, трек-номер %3</translation>
    </message>
    <message>
        <source>Not packed yet.</source>
        <translation>Ещё не упакован.</translation>
    </message>
    <message>
        <source>Package %1 — %2 kg</source>
        <translation>Место %1 — %2 кг</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Клиент</translation>
    </message>
</context>
<context>
    <name>portico::client::ProductCardDialog</name>
    <message>
        <source>Product</source>
        <translation>Товар</translation>
    </message>
    <message>
        <source>Reading the product…</source>
        <translation>Загрузка товара…</translation>
    </message>
    <message>
        <source>Properties</source>
        <translation>Свойства</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>Цены</translation>
    </message>
    <message>
        <source>Price type</source>
        <translation>Тип цены</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>НДС</translation>
    </message>
    <message>
        <source>Volume breaks</source>
        <translation>Цены от количества</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Остатки</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Склад</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Доступно</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>Остаток</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>Резерв</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>Подсчитано</translation>
    </message>
    <message>
        <source>The product cannot be read from the cache: %1</source>
        <translation>Не удаётся прочитать товар из сохранённых данных: %1</translation>
    </message>
    <message>
        <source>This product is no longer in the catalog.</source>
        <translation>Этого товара больше нет в каталоге.</translation>
    </message>
    <message>
        <source>Product %1</source>
        <translation>Товар %1</translation>
    </message>
    <message>
        <source>This product is no longer sold.</source>
        <translation>Этот товар больше не продаётся.</translation>
    </message>
    <message>
        <source>SKU:</source>
        <translation>Артикул:</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>Единица:</translation>
    </message>
    <message>
        <source>Group:</source>
        <translation>Группа:</translation>
    </message>
    <message>
        <source>Barcodes:</source>
        <translation>Штрихкоды:</translation>
    </message>
    <message>
        <source>Weight:</source>
        <translation>Вес:</translation>
    </message>
    <message>
        <source>%1 kg</source>
        <translation>%1 кг</translation>
    </message>
    <message>
        <source>Volume:</source>
        <translation>Объём:</translation>
    </message>
    <message>
        <source>%1 m³</source>
        <translation>%1 м³</translation>
    </message>
    <message>
        <source>Property:</source>
        <translation>Свойство:</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1:</translation>
    </message>
    <message>
        <source>Loading the picture…</source>
        <translation>Загрузка изображения…</translation>
    </message>
    <message>
        <source>The picture cannot be shown.</source>
        <translation>Не удаётся показать изображение.</translation>
    </message>
    <message>
        <source>The picture cannot be loaded: %1</source>
        <translation>Не удаётся загрузить изображение: %1</translation>
    </message>
    <message>
        <source>from %1: %2</source>
        <translation>от %1: %2</translation>
    </message>
    <message>
        <source>%1 (the customer&apos;s)</source>
        <translation>%1 (клиента)</translation>
    </message>
    <message>
        <source>included</source>
        <translation>включён</translation>
    </message>
    <message>
        <source>not included</source>
        <translation>не включён</translation>
    </message>
    <message>
        <source>No price is available to you for this product.</source>
        <translation>Для этого товара вам недоступна ни одна цена.</translation>
    </message>
    <message>
        <source>not counted</source>
        <translation>не подсчитано</translation>
    </message>
    <message>
        <source>Previous picture</source>
        <translation>Предыдущая картинка</translation>
    </message>
    <message>
        <source>Next picture</source>
        <translation>Следующая картинка</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 из %2</translation>
    </message>
</context>
<context>
    <name>portico::client::ProductImages</name>
    <message>
        <source>The product names no valid image.</source>
        <translation>У товара не указано допустимое изображение.</translation>
    </message>
    <message>
        <source>The server sent an image that does not match its name.</source>
        <translation>Сервер прислал изображение, не соответствующее его имени.</translation>
    </message>
</context>
<context>
    <name>portico::client::ProductTableModel</name>
    <message>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <source>%1 before the customer&apos;s discount.</source>
        <translation>%1 без скидки клиента.</translation>
    </message>
    <message>
        <source>Type a quantity and press Enter to add the product to the cart.</source>
        <translation>Введите количество и нажмите Enter, чтобы добавить товар в корзину.</translation>
    </message>
    <message>
        <source>Choose a customer to see their prices.</source>
        <translation>Выберите клиента, чтобы увидеть его цены.</translation>
    </message>
    <message>
        <source>Price per unit of the customer&apos;s price type %1, before volume breaks.</source>
        <translation>Цена за единицу по типу цен клиента %1, без учёта цен от количества.</translation>
    </message>
    <message>
        <source>Price per unit of the customer&apos;s price type %1 after the customer&apos;s discount of %2%, before volume breaks.</source>
        <translation>Цена за единицу по типу цен клиента %1 со скидкой клиента %2%, без учёта цен от количества.</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Артикул</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Наименование</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Ед.</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Кол-во</translation>
    </message>
    <message>
        <source>Available at %1: on hand less reserved.</source>
        <translation>Доступно на складе %1: остаток за вычетом резерва.</translation>
    </message>
</context>
<context>
    <name>portico::client::QuickEntryBar</name>
    <message>
        <source>&amp;Add</source>
        <translation>До&amp;бавить</translation>
    </message>
    <message>
        <source>SKU or barcode</source>
        <translation>Артикул или штрихкод</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Код:</translation>
    </message>
    <message>
        <source>&amp;Quantity:</source>
        <translation>Ко&amp;личество:</translation>
    </message>
    <message>
        <source>Type a SKU or scan a barcode first.</source>
        <translation>Сначала введите артикул или отсканируйте штрихкод.</translation>
    </message>
    <message>
        <source>The quantity must be a number greater than zero.</source>
        <translation>Количество должно быть числом больше нуля.</translation>
    </message>
    <message>
        <source>The catalog on this device cannot be read: %1</source>
        <translation>Не удаётся прочитать каталог на этом компьютере: %1</translation>
    </message>
    <message>
        <source>No product with the SKU or barcode “%1”.</source>
        <translation>Нет товара с артикулом или штрихкодом «%1».</translation>
    </message>
    <message>
        <source>“%1” is no longer sold.</source>
        <translation>«%1» больше не продаётся.</translation>
    </message>
    <message>
        <source>Added %1 × %2.</source>
        <translation>Добавлено: %1 × %2.</translation>
    </message>
</context>
<context>
    <name>portico::client::ReleaseAdmin</name>
    <message>
        <source>Only administrators may manage releases.</source>
        <translation>Управлять выпусками могут только администраторы.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Не удаётся прочитать %1: %2</translation>
    </message>
    <message>
        <source>%1 is not a signed file made by portico-release.</source>
        <translation>%1 — не подписанный файл portico-release.</translation>
    </message>
</context>
<context>
    <name>portico::client::ReleaseUpload</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Не удаётся прочитать %1: %2</translation>
    </message>
    <message>
        <source>The server did not say which release it created.</source>
        <translation>Сервер не сообщил, какой выпуск он создал.</translation>
    </message>
    <message>
        <source>The installer has %1 bytes, the signed manifest says %2: pick the installer the manifest was signed for.</source>
        <translation>В установщике %1 байт, а в подписанном манифесте — %2: выберите установщик, для которого подписан манифест.</translation>
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
<context>
    <name>portico::client::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Общие</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Язык:</translation>
    </message>
    <message>
        <source>A new language applies the next time Portico starts.</source>
        <translation>Новый язык будет применён при следующем запуске Portico.</translation>
    </message>
    <message>
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <source>How often to check for news when the server sends none. Orders upload at once when online.</source>
        <translation>Как часто проверять обновления, если сервер не сообщает о них сам. В сети заказы отправляются сразу.</translation>
    </message>
    <message>
        <source>&amp;Sync every:</source>
        <translation>&amp;Синхронизировать каждые:</translation>
    </message>
    <message>
        <source>Profiles on this computer</source>
        <translation>Профили на этом компьютере</translation>
    </message>
    <message>
        <source>S&amp;witch to</source>
        <translation>&amp;Переключиться</translation>
    </message>
    <message>
        <source>&amp;Forget…</source>
        <translation>&amp;Забыть…</translation>
    </message>
    <message>
        <source>Removes the profile&apos;s cached data and its saved sign-in from this computer.</source>
        <translation>Удаляет сохранённые данные профиля и сохранённый вход с этого компьютера.</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 на %2</translation>
    </message>
    <message>
        <source>%1 (open now)</source>
        <translation>%1 (открыт сейчас)</translation>
    </message>
    <message>
        <source>Forget profile</source>
        <translation>Забыть профиль</translation>
    </message>
    <message>
        <source>Forget %1 on %2? Its cached data and saved sign-in are removed from this computer. Orders that have not reached the server yet are lost.</source>
        <translation>Забыть %1 на %2? Сохранённые данные и сохранённый вход будут удалены с этого компьютера. Заказы, ещё не дошедшие до сервера, будут потеряны.</translation>
    </message>
</context>
<context>
    <name>portico::client::ShipDialog</name>
    <message>
        <source>Ship</source>
        <translation>Отгрузка</translation>
    </message>
    <message>
        <source>&amp;Carrier:</source>
        <translation>&amp;Перевозчик:</translation>
    </message>
    <message>
        <source>&amp;Tracking number:</source>
        <translation>&amp;Трек-номер:</translation>
    </message>
    <message>
        <source>Ship (Enter)</source>
        <translation>Отгрузить (Enter)</translation>
    </message>
    <message>
        <source>Name the carrier.</source>
        <translation>Укажите перевозчика.</translation>
    </message>
</context>
<context>
    <name>portico::client::SystemInstaller</name>
    <message>
        <source>An installation is already running.</source>
        <translation>Установка уже идёт.</translation>
    </message>
    <message>
        <source>Neither pkexec nor a package installer is available to install %1.</source>
        <translation>Нет ни pkexec, ни установщика пакетов, чтобы установить %1.</translation>
    </message>
    <message>
        <source>The installation was not authorised.</source>
        <translation>Установка не разрешена.</translation>
    </message>
    <message>
        <source>The package tool failed (exit code %1).</source>
        <translation>Менеджер пакетов завершился с ошибкой (код %1).</translation>
    </message>
    <message>
        <source>Cannot start the package tool: %1</source>
        <translation>Не удаётся запустить менеджер пакетов: %1</translation>
    </message>
    <message>
        <source>Cannot start the installer %1.</source>
        <translation>Не удаётся запустить установщик %1.</translation>
    </message>
</context>
<context>
    <name>portico::client::TerminalText</name>
    <message>
        <source>Open</source>
        <translation>Открыт</translation>
    </message>
    <message>
        <source>Picking</source>
        <translation>Собирается</translation>
    </message>
    <message>
        <source>Picked</source>
        <translation>Собрано</translation>
    </message>
    <message>
        <source>Packed</source>
        <translation>Упакован</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Отгружен</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Отменён</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Сдана</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Утверждена</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Отклонена</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>Повреждён</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Не найден</translation>
    </message>
    <message>
        <source>Short in the bin</source>
        <translation>Не хватило в ячейке</translation>
    </message>
</context>
<context>
    <name>portico::client::UpdateBanner</name>
    <message>
        <source>&amp;Later</source>
        <translation>&amp;Позже</translation>
    </message>
    <message>
        <source>This version is no longer supported. Update Portico to keep ordering.</source>
        <translation>Эта версия больше не поддерживается. Обновите Portico, чтобы продолжать заказывать.</translation>
    </message>
    <message>
        <source>This version is no longer supported. Update to %1 to keep ordering.</source>
        <translation>Эта версия больше не поддерживается. Обновитесь до %1, чтобы продолжать заказывать.</translation>
    </message>
    <message>
        <source>&amp;Update</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <source>Portico %1 is available.</source>
        <translation>Доступен Portico %1.</translation>
    </message>
    <message>
        <source>&amp;Install</source>
        <translation>&amp;Установить</translation>
    </message>
    <message>
        <source>Downloading: %1 of %2</source>
        <translation>Загрузка: %1 из %2</translation>
    </message>
    <message>
        <source>Installing Portico %1…</source>
        <translation>Установка Portico %1…</translation>
    </message>
    <message>
        <source>The update could not be installed: %1 This version keeps working.</source>
        <translation>Обновление не удалось установить: %1 Эта версия продолжает работать.</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Повторить</translation>
    </message>
    <message>
        <source>Portico %1 is installed. Quit and start Portico again to use it.</source>
        <translation>Portico %1 установлен. Закройте и снова запустите Portico, чтобы работать в новой версии.</translation>
    </message>
</context>
<context>
    <name>portico::client::UpdateDownload</name>
    <message>
        <source>The download was cancelled.</source>
        <translation>Загрузка отменена.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Не удаётся записать %1: %2</translation>
    </message>
    <message>
        <source>The server sent another part of the installer than the one asked for.</source>
        <translation>Сервер прислал не ту часть установщика, которую запросили.</translation>
    </message>
    <message>
        <source>The server sent more than the %1 bytes the signed manifest allows.</source>
        <translation>Сервер прислал больше %1 байт, разрешённых подписанным манифестом.</translation>
    </message>
    <message>
        <source>The server answered %1 to the download.</source>
        <translation>Сервер ответил на загрузку кодом %1.</translation>
    </message>
    <message>
        <source>The download ended after %1 of %2 bytes.</source>
        <translation>Загрузка оборвалась после %1 из %2 байт.</translation>
    </message>
    <message>
        <source>The download stalled: %1 bytes in %2 s.</source>
        <translation>Загрузка застыла: %1 байт за %2 с.</translation>
    </message>
    <message>
        <source>The installer&apos;s SHA-256 is not the one the release was signed with.</source>
        <translation>SHA-256 установщика не совпадает с подписанным в выпуске.</translation>
    </message>
    <message>
        <source>Cannot move the installer to %1.</source>
        <translation>Не удаётся переместить установщик в %1.</translation>
    </message>
</context>
<context>
    <name>portico::client::Updater</name>
    <message>
        <source>This program cannot install updates by itself: install %1 by hand.</source>
        <translation>Эта программа не может сама установить обновление: установите %1 вручную.</translation>
    </message>
</context>
</TS>
