<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
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
</TS>
