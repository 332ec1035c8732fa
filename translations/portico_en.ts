<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>OrderLineImport</name>
    <message>
        <source>The quantity “%1” has more than three decimals.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a quantity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The row has no SKU or barcode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The row has no quantity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The quantity must be greater than zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No product with the SKU or barcode “%1” in the catalog.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The product “%1” (%2) is no longer sold.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderStatusText</name>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted with changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent to accounting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting to upload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawn before upload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Act of work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconciliation statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contract</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileLock</name>
    <message>
        <source>The profile is open in another Portico window (process %1 on %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile is open in another Portico window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Portico is not allowed to create the lock file %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Portico could not lock the profile with the lock file %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileStore</name>
    <message>
        <source>Portico cannot read the profile file %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile file %1 is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server address %1 is not an http:// or https:// address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A profile needs a login.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder %1 holds the profile of %2 on %3, not of %4 on %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Portico cannot create the profile folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Portico cannot write the profile file %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder %1 is not a profile of this store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Portico could not remove all of the profile folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReleaseVerifier</name>
    <message>
        <source>The offered release is not newer than this version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The offered release belongs to another channel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The offered release is for another platform.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The offered release has expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The offered release is dated in the future.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The offered release comes with an outdated list of release keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The offered release is not signed by the company&apos;s release keys.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Portico desktop client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interface language (en, ru).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Portico: one sync without a window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run one sync and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server of a new profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Login of a new profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the password from the first line of standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give up after this many seconds (default 600).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes per pull request (1-5000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--sync needs --profile DIR.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No password on standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new profile needs --password-stdin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server offered for a new profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open this profile folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep profiles under this folder instead of the user&apos;s data folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run one sync without a window and exit (portico --sync --help lists its options).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::AdminPage</name>
    <message>
        <source>&amp;Releases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hannels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel %1 saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De&amp;lete release…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Installer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installers (*.deb *.exe)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed &amp;manifest:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed manifest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed files (*.json *.signed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed &amp;key list:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed key list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Upload release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rollout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current &amp;release:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;ollout to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Paused: no device is offered the release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none: every version may sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Minimum version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices by version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent install failures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a channel first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the release to delete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete release %1 (%2) from the server?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resuming the upload…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release %1 uploaded. Choose it for a channel to offer it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The upload stopped: %1 Press Resume to go on from where it stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume upload</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::Cart</name>
    <message>
        <source>The product is not in this device&apos;s catalog; sync and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The product is no longer sold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The product has no price for this customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The quantity must be greater than zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer&apos;s discount is not valid; ask the office to correct it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer&apos;s price type does not match the prices; sync and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The price on this device does not belong to this product; sync and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The price is in %1, not in the customer&apos;s currency %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The product&apos;s price is negative; ask the office to correct it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount is too large to calculate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The line cannot be priced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer or the customer&apos;s prices are not on this device yet; sync and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cart could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a customer before saving the order as a draft.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The draft could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a customer before submitting the order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cart is empty: add products before submitting the order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order could not be submitted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some lines have no price: remove them or sync before submitting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The draft is no longer on this device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The draft cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::CartModel</name>
    <message>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VAT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::CartPage</name>
    <message>
        <source>&amp;Paste from Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adds the SKU and quantity columns copied from a spreadsheet (Ctrl+V on the lines).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adds the lines of a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For the warehouse or the manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as &amp;draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keeps the order as a draft and starts an empty cart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Submit order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sends the order, or queues it while offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delivery date:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;omment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Net:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VAT:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order was saved as a draft; the cart is empty again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved as draft %1; find it under Orders. The cart is empty again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 sent; waiting for the server&apos;s answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 is queued and will upload when the client is online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ordering for &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No customer chosen: choose one to see prices and submit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a customer to see prices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prices as of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prices have not been synced yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) have no price and are not in the total.</source>
        <translation>
            <numerusform>%n line has no price and is not in the total.</numerusform>
            <numerusform>%n lines have no price and are not in the total.</numerusform>
        </translation>
    </message>
    <message>
        <source>The clipboard holds no text: copy the SKU and quantity columns in Excel first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste from Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import order lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV and text files (*.csv *.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is too large for an order (over 16 MB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The catalog on this device cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n line(s) added to the cart.</source>
        <translation>
            <numerusform>%1: %n line added to the cart.</numerusform>
            <numerusform>%1: %n lines added to the cart.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: there were no rows with a SKU and a quantity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n row(s) were not understood.</source>
        <translation>
            <numerusform>%1: %n row was not understood.</numerusform>
            <numerusform>%1: %n rows were not understood.</numerusform>
        </translation>
    </message>
    <message>
        <source>The cart is empty: there is nothing to save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the cart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove every line from the cart and delete its draft?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cart was cleared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is blocked: the server will refuse the order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This order of %1 exceeds the available credit of %2 by %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has overdue debt of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The credit of %1 cannot be checked on this device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submit it anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server may hold the order for a manager&apos;s approval. Submit it anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a customer before submitting the order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cart is empty: add products before submitting the order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no price: remove the line or sync before submitting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Submit anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back to the cart</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::CatalogPage</name>
    <message>
        <source>The groups cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The products cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name, SKU, barcode or property (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan or type, then Enter (Ctrl+B)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Barcode or SKU:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the card of the selected product (F4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The product cannot be looked up: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No product has the barcode or SKU “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” (%2) is no longer sold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found “%1” (%2): type the quantity and press Enter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a quantity greater than zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added %1 %2 of “%3” to the cart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the products…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The best %n matches are shown; type more to narrow the search.</source>
        <translation>
            <numerusform>The best match is shown; type more to narrow the search.</numerusform>
            <numerusform>The best %n matches are shown; type more to narrow the search.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n product(s) found.</source>
        <translation>
            <numerusform>%n product found.</numerusform>
            <numerusform>%n products found.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n product(s) in this group.</source>
        <translation>
            <numerusform>%n product in this group.</numerusform>
            <numerusform>%n products in this group.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>portico::client::ConfirmPickDialog</name>
    <message>
        <source>Confirm pick list %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the picked quantities. Every line picked short needs a reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other (write a note)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1 (%2): the picked quantity is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1 (%2): more than the %3 to pick.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1 (%2) is short: choose a reason (or write a note for Other).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::CountsPage</name>
    <message>
        <source>Counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↑↓ choose · Enter count · Esc back to pick lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan a bin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Counted:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan a bin, then each product · type the quantity counted, Enter · F9 submit the count · Esc back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bin: scan one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bin: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product: %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product: scan one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bin %1: now scan the products in it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✘ Unknown barcode: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan the bin first, then its products.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2: type the quantity counted in %3, then Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan a bin and a product first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The quantity counted is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counted %1 of %2 in %3. Scan the next product or bin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submit count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submit count %1 for approval? Nothing more can be counted in it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::CustomerCard</name>
    <message>
        <source>Choose a customer to see its card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>INN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available credit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue debt:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders not yet invoiced:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 paid in advance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not reported yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocked: new orders are not accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The documents could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::CustomerListModel</name>
    <message>
        <source>No limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>INN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::CustomerPicker</name>
    <message>
        <source>Type a customer&apos;s name or INN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer you are ordering for. Type part of the name or the INN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a customer&apos;s name or INN (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer you are ordering for. Press %1 and type part of the name or the INN.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::CustomersPage</name>
    <message>
        <source>Filter by name or INN (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Order for this customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order for this customer (Enter or Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n customer</numerusform>
            <numerusform>%n customers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>portico::client::DocumentsView</name>
    <message>
        <source>Document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::GroupTreeModel</name>
    <message numerus="yes">
        <source>%n product(s) in this group.</source>
        <translation>
            <numerusform>%n product in this group.</numerusform>
            <numerusform>%n products in this group.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n product(s) in this group and the groups below it.</source>
        <translation>
            <numerusform>%n product in this group and the groups below it.</numerusform>
            <numerusform>%n products in this group and the groups below it.</numerusform>
        </translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Products in the group and the groups below it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::HeadlessSync</name>
    <message>
        <source>Creating a profile needs both --server and --login.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sync did not finish in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This profile is not signed in: run again with --server, --login and --password-stdin.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::ImportReportDialog</name>
    <message>
        <source>Rows not understood</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n row(s) added to the cart.</source>
        <translation>
            <numerusform>%1: %n row added to the cart.</numerusform>
            <numerusform>%1: %n rows added to the cart.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) were not understood and were left out:</source>
        <translation>
            <numerusform>%n row was not understood and was left out:</numerusform>
            <numerusform>%n rows were not understood and were left out:</numerusform>
        </translation>
    </message>
    <message>
        <source>Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy rows</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::KeychainCredentialStore</name>
    <message>
        <source>No system keychain is available, so Portico cannot remember your sign-in and will ask for your password each time it starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No saved sign-in was found in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Portico was not allowed to use the system keychain. Unlock the keychain or allow access, then sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Portico could not read your saved sign-in from the system keychain (%1), so it will ask for your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Portico could not save your sign-in in the system keychain (%1), so it will ask for your password at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Portico could not remove your saved sign-in from the system keychain (%1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::LoginDialog</name>
    <message>
        <source>Sign in to Portico</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Portico</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://portal.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work &amp;offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open this profile&apos;s cached catalog and orders without signing in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::MainWindow</name>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Portico — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ordering for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ordering for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch &amp;profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out of %1? Orders waiting to upload stay on this computer and go once you sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose &amp;customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+K</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Portico</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Portico</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Portico %1
Ordering portal client.
Server: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Cart (%n)</source>
        <translation>
            <numerusform>Cart (%n)</numerusform>
            <numerusform>Cart (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>never synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline — prices and stock as of %1. Orders you submit are queued and upload when the connection returns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in — prices and stock as of %1. Orders you submit are kept on this computer until you sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Syncing: %p% (about %n s left)</source>
        <translation>
            <numerusform>Syncing: %p% (about %n s left)</numerusform>
            <numerusform>Syncing: %p% (about %n s left)</numerusform>
        </translation>
    </message>
    <message>
        <source>Syncing: %p%</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) waiting to upload</source>
        <translation>
            <numerusform>%n action waiting to upload</numerusform>
            <numerusform>%n actions waiting to upload</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused by the server</source>
        <translation>
            <numerusform>%n refused by the server</numerusform>
            <numerusform>%n refused by the server</numerusform>
        </translation>
    </message>
    <message>
        <source>Everything uploaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your user has no warehouse: ask an administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the server for new pick lists…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No new pick lists: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No accepted orders wait for picking.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n new pick list(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::OrderComparisonModel</name>
    <message>
        <source>The server added this line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not accept this line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product not in this computer&apos;s data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 less %2%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ordered quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server total</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::OrderDetailPane</name>
    <message>
        <source>Numbers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery date:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prices as of:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status &amp;history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an order to see its detail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (no server number yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, on this computer %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, VAT %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order is waiting to be uploaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your cancellation is waiting to be uploaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your acceptance of the changes is waiting to be uploaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused your last action: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server accepted the order with changes: compare the versions side by side, then accept the changes or edit the order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server rejected the order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order waits for a manager&apos;s approval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server accepted the order as it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A draft: open it to go on editing it in the cart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) changed.</source>
        <translation>
            <numerusform>%n line changed.</numerusform>
            <numerusform>%n lines changed.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Documents (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::OrderFilterBar</name>
    <message>
        <source>Any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs your attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search by number, comment or customer (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ustomer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dates below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::OrderLinesModel</name>
    <message>
        <source>Product not in this computer&apos;s data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount, %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer has no price for the product: the draft cannot be submitted with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No price</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::OrderListModel</name>
    <message>
        <source>Number on this computer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered this order and you have not opened it yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs your attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attention</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::OrdersPage</name>
    <message>
        <source>not in this computer&apos;s data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no longer sold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no price for this customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>out of stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Accept the changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit in the cart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reorder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel order…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ontinue editing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an order to see its detail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This order is no longer on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reorder</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n product(s) of this order cannot be ordered now.</source>
        <translation>
            <numerusform>%n product of this order cannot be ordered now.</numerusform>
            <numerusform>%n products of this order cannot be ordered now.</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy the &amp;available lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy a&amp;ll lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel order %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why is order %1 cancelled? The reason goes to the server with the cancellation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order could not be cancelled: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cancellation is recorded and will be sent to the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The changes could not be accepted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You accepted the changes; the server will be told at the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lines of order %1 are in the cart. The order itself stays as the server accepted it until you cancel it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::PackDialog</name>
    <message>
        <source>Pack pick list %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Packages:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight of each package, kg:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pack (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Package %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Package %1 needs its weight in kilograms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Package %1 is empty: put a line in it or pack fewer packages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Split the line into another package (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1 needs a quantity above zero: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 packed of the %3 picked.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::PickListsPage</name>
    <message>
        <source>Pick lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lines done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First bin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↑↓ choose · Enter open · scan a pick list number to open it · F3 new pick lists from accepted orders · F10 counts · F5 sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No pick lists to work on. F3 makes new ones from accepted orders.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a pick list to work on. Open a pick list first, then scan its items.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::PickPage</name>
    <message>
        <source>Scan an item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quantity per scan:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code (F2):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Barcode or SKU, then Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan an item · digits first for a quantity · F2 type a code · F4 confirm · F6 pack · F8 ship · F7 print pick list · F9 print packing list · Esc back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now scan the item: %1 per scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This pick list is no longer on this terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick list %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (waiting to upload)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2 of %n line(s) done</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Over-pick refused by the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stock conflict: another terminal took the stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2. The list below is the server&apos;s current state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The quantity is not a number; scan again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scan was not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ %1 — %2
%3 of %4 picked · bin %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Over-pick: %1 — %2
%3 of %4 already picked; put %5 back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✘ Wrong item: %1 is not on this pick list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✘ Wrong item: %1 — %2 is not on this pick list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✘ Unknown barcode: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This pick list is %1: nothing more can be picked on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a pick list being picked can be confirmed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm the pick list (F4) before packing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pack the pick list (F6) before shipping.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packing list %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::PickPrinting</name>
    <message>
        <source>Created %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packing list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shipment %1, carrier %2, tracking %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not packed yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Package %1 — %2 kg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::ProductCardDialog</name>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the product…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Properties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VAT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume breaks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The product cannot be read from the cache: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This product is no longer in the catalog.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This product is no longer sold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKU:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Barcodes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 kg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 m³</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Property:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the picture…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture cannot be shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture cannot be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (the customer&apos;s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>included</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not included</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No price is available to you for this product.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::ProductImages</name>
    <message>
        <source>The product names no valid image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent an image that does not match its name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::ProductTableModel</name>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 before the customer&apos;s discount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a quantity and press Enter to add the product to the cart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a customer to see their prices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price per unit of the customer&apos;s price type %1, before volume breaks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price per unit of the customer&apos;s price type %1 after the customer&apos;s discount of %2%, before volume breaks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available at %1: on hand less reserved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::QuickEntryBar</name>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKU or barcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quantity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a SKU or scan a barcode first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The quantity must be a number greater than zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The catalog on this device cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No product with the SKU or barcode “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is no longer sold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added %1 × %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::ReleaseAdmin</name>
    <message>
        <source>Only administrators may manage releases.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a signed file made by portico-release.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::ReleaseUpload</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not say which release it created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The installer has %1 bytes, the signed manifest says %2: pick the installer the manifest was signed for.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::Session</name>
    <message>
        <source>Signed out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please log in.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new language applies the next time Portico starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How often to check for news when the server sends none. Orders upload at once when online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sync every:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profiles on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;witch to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Forget…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removes the profile&apos;s cached data and its saved sign-in from this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (open now)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget %1 on %2? Its cached data and saved sign-in are removed from this computer. Orders that have not reached the server yet are lost.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::ShipDialog</name>
    <message>
        <source>Ship</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Carrier:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tracking number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ship (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the carrier.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::SystemInstaller</name>
    <message>
        <source>An installation is already running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Neither pkexec nor a package installer is available to install %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The installation was not authorised.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package tool failed (exit code %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start the package tool: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start the installer %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::TerminalText</name>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Short in the bin</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::UpdateBanner</name>
    <message>
        <source>&amp;Later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This version is no longer supported. Update Portico to keep ordering.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This version is no longer supported. Update to %1 to keep ordering.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Portico %1 is available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Install</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installing Portico %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The update could not be installed: %1 This version keeps working.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Portico %1 is installed. Quit and start Portico again to use it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::UpdateDownload</name>
    <message>
        <source>The download was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent another part of the installer than the one asked for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent more than the %1 bytes the signed manifest allows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered %1 to the download.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The download ended after %1 of %2 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The download stalled: %1 bytes in %2 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The installer&apos;s SHA-256 is not the one the release was signed with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot move the installer to %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portico::client::Updater</name>
    <message>
        <source>This program cannot install updates by itself: install %1 by hand.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
