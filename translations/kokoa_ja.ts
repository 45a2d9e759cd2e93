<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name>BlockingHttp</name>
    <message>
        <source>the response is larger than %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no complete answer within the %1 ms budget (or %2 ms of silence)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished">%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 (%n attempt(s))</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CloudflareProvider</name>
    <message>
        <source>Cloudflare zone %1: no valid DNS owner id for this installation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloudflare zone %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the reply is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no error details in the reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloudflare zone %1: %2 failed: HTTP %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> (gave up after %n attempt(s))</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>; Cloudflare asked to retry after %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (check the API token and its Zone.DNS permissions)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not inside the Cloudflare zone %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verifying the API token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloudflare zone %1: the API token is %2, not active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listing the zone&apos;s DNS records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;result&quot; is not a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 records on a page of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of the zone&apos;s %2 records listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloudflare zone %1: zone_id %2 is not 32 hex digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>looking up the zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloudflare zone %1: the API returned a malformed zone id %2 (not 32 hex digits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloudflare zone %1: no such zone is visible to this API token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listing the records of %1 (page %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloudflare zone %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloudflare zone %1: %2 has more than %3 records (%4 pages claimed): refusing to read further</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the API returned a malformed record id %1 (not 32 hex digits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloudflare zone %1: %2: the API&apos;s answer is malformed: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>creating %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloudflare zone %1: %2 has no valid record id (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removing %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>turning off the proxy of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>marking %1 with this installation&apos;s owner id</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfigPush</name>
    <message>
        <source>%1: checking the new %2 with %3 did not complete, so it was not installed and the current one keeps serving: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the new %2 was rejected by %3, so it was not installed and the current one keeps serving: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the previous one was restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restoring the previous one failed too: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there was no previous one, so the new one was removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removing it failed too: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: activating the new %2 failed (%3); %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(cannot compute a diff for %1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DataDirectory</name>
    <message>
        <source>data-dir: --data-dir is empty; give a directory or leave the option out to use the default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KOKOA_DATA_DIR is set but empty; give a directory or unset it to use the default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create the data directory %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>opening the database %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading the schema version of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the database %1 has schema version %2, newer than this Kokoa knows (%3); it was left untouched — use a newer Kokoa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>migrating %1 to schema version %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>preparing a statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running a statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Deployer</name>
    <message>
        <source>edge %1 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>origin %1 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing to deploy: no hosts selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: its SSH host key is not pinned yet; connect to it first to check and pin it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cancelled before %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>render</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped: the SSH host key does not match the pinned one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped: another deployment to the host was running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped: the deployment was cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; changed before that: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DnsBackendFactory</name>
    <message>
        <source>zone %1: no valid DNS owner id for this installation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>zone %1 has no secret (API token or TSIG key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>zone %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>zone %1 is managed by hand: Kokoa does not change its records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>zone %1: the API token is empty or malformed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>zone %1: the TSIG secret %2 is not base64</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DnsOwnerId</name>
    <message>
        <source>cannot read the DNS owner id %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not hold a DNS owner id (32 hex digits): restore it from a backup; a new id would not own the records this installation made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the DNS owner id %1 is missing, though this data directory had one (%2 exists): restore the file from a backup. Only if it is lost for good, run `kokoactl init --new-dns-owner-id` to make a new one; the records the lost id marked are then no longer Kokoa&apos;s and must be removed by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--new-dns-owner-id: %1 exists; an id is replaced only when it is lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot store the DNS owner id in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DnsReconciler</name>
    <message>
        <source>address for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an IPv4 or IPv6 address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has %2 records marked as Kokoa&apos;s, more than the %3 Kokoa will act on: check the zone by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DNS records for %1 include a record for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 already exists as a record Kokoa did not create: it is served, but Kokoa cannot withdraw it on failover</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>no healthy address for %1: keeping its %n existing record(s) rather than removing the last one</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 also has records Kokoa did not create (left untouched): %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DnsWire</name>
    <message>
        <source>malformed DNS message: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a valid DNS name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is longer than 255 octets</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Error</name>
    <message>
        <source>%1: %2 is not valid: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the ACME directory at %1 has no valid https URL for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>generating a P-256 key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the key is not a PEM private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the key must be an ECDSA P-256 key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signing without a key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signing an ACME request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decoding an ECDSA signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needs at least one name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a lowercase DNS name, optionally starting with &quot;*.&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is listed twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a wildcard name (%1) can only be validated by dns-01</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be http-01 or dns-01</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it lists none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the CA at %1 does not offer this profile (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the CA answered %2 (%3): %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no problem type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a readable file of PEM certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the answer from %2 exceeds %3 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 did not answer within %3 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS certificate check failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot reach the CA at %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the answer from %2 broke off: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an https URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loading the ACME directory %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>asking the CA for a nonce</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the CA&apos;s newNonce answer carried no Replay-Nonce</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no ACME account to sign with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the certificate is not a PEM X.509 certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>building the certificate signing request failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a CSR needs a key and at least one name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encoding the certificate failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the certificate has no authority key identifier, which ARI needs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encoding the serial number failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading the serial number failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventRecorder</name>
    <message numerus="yes">
        <source>%1 (repeated %n more time(s))</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FailoverPolicy</name>
    <message>
        <source>every edge looks down from here; this machine&apos;s network is the likely cause, so DNS is left unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all edges down from here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 looks down, but not every edge has been probed again since all looked down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answers 502/504; waiting to see whether the origin is down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is unreachable from here only; another edge reaches it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 looks down from here and no other edge can confirm it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 looks down from here; confirming from another edge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every edge answers 502/504: the origin or its tunnels are down, which DNS cannot fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished">%1: %2</translation>
    </message>
    <message>
        <source>no edge serves it; its last records stay (never empty a hostname)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>remove %1 (not serving)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add %1 (serving)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HostDeployment</name>
    <message>
        <source>firewall ruleset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>firewall boot unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WireGuard configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nginx configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cancelled before %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inspect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>systemd</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no systemd</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>packages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>would install %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>installed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wireguard key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>would create a key on the host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: making the WireGuard key failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>created %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: Kokoa does not deploy %2 to this kind of host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tunnel check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every origin answers through the tunnel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the running WireGuard interface %2 does not match what Kokoa pushed: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>would start it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>started %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>apply %1 to the running interface</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>would apply it: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>update %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>would update %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>applied to the running interface: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>applied %1 to the running interface (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>updated and reloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>installed and started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>updated %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HostEnrolment</name>
    <message>
        <source>edge %1 already exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>origin %1 already exists</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HostInspector</name>
    <message>
        <source>%1: /etc/os-release has an invalid ID %2 (lower-case letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; only); Kokoa manages Debian and Ubuntu hosts only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 runs %2, but Kokoa manages Debian and Ubuntu hosts only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an unknown system</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HostLock</name>
    <message>
        <source>%1: taking the deployment lock %2 failed: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: another deployment to this host is running (%2, started %3 s ago); nothing was changed. Run again when it is done; if no deployment runs, remove %4 on the host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HostPreview</name>
    <message>
        <source>edge %1 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>origin %1 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Kokoa</source>
        <translation>Kokoa</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Kokoa</source>
        <translation>Kokoa について(&amp;A)</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>ダッシュボード</translation>
    </message>
</context>
<context>
    <name>ModelValidator</name>
    <message>
        <source>must be a secret name of letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: unknown setting %2 (allowed: %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 must be a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: a manual zone has no secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 appears twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be %1 (or empty): a zone only uses its own secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>edge %1: public-ip %2 is used by another edge (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>edge %1: ssh host %2 port %3 is used by another edge (%4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1public-ip: an edge needs a public IPv4 or IPv6 address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a wildcard needs TLS mode dns-01 (HTTP-01 cannot validate wildcards) or TLS off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a whole number from 1 to 65535</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be from 0 (unlimited) to 64g</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a whole number from 1 to 86400</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hostname: no zone contains %1; add its zone first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: tunnel address %2 is used by another host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>route %1 appears twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>route %1: origin %2 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>route %1: zone %2 is not the zone of this hostname; it belongs to zone %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProviderDnsActuator</name>
    <message>
        <source>route %1: zone %2 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: manual zone, DNS not changed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RemoteShell</name>
    <message>
        <source>%1: %2 exited with status %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rfc2136Provider</name>
    <message>
        <source>DNS zone %1 at %2 port %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not inside the zone %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 failed: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not send within %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no reply within %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the reply does not answer the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the reply is truncated (TC flag set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>querying %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: querying %2 %3 failed: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the server is not authoritative for %2 (delegated elsewhere?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the server has no SOA for the zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checking update permission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: key %2 may not update the zone: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listing the zone (AXFR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server does not let key %1 list the zone (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>the zone is larger than one transfer message: %n record(s) listed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1: no valid DNS owner id for this installation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record %1 does not belong to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 is not this installation&apos;s record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the records of %2 must be read before they are changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>updating %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the ownership records at %2 changed since they were read (%3); nothing was changed, read them again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the server refused the update of %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>must be letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create the secrets directory %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write secret %1: %2; the stored value is unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only %1 of %2 bytes written (disk full?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>secret %1 is missing from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot remove secret %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>IPv4 range tunnel addresses are taken from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TTL in seconds of the A/AAAA records Kokoa manages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time between two probes of one target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>probe timeout, shorter than the interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>probes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed probes in a row before a target is down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>good probes in a row before a target is up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds a flapping edge waits before it returns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds between two reads of DNS by the monitor (repairs changes made by others)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>requests/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>requests per second per client address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>requests a client may send above the rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open connections per client address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>requests per second per client, under attack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>burst per client, under attack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open connections per client, under attack</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsStore</name>
    <message>
        <source>tunnel.range: %1 does not contain %2 of %3 %4; remove or re-add the hosts outside the new range first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tunnel.range: %1 of %2 %3 %4; remove or re-add that host first</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SshIdentity</name>
    <message>
        <source>cannot export Kokoa&apos;s public SSH key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read Kokoa&apos;s SSH key %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot generate an ed25519 SSH key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write Kokoa&apos;s SSH key to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SshSession</name>
    <message>
        <source>%1: %2 failed: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create an SSH session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading the host key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hashing the host key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the host key is %2, not the %3 you accepted; nothing was done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the SSH host key CHANGED (pinned %2, offered %3). Kokoa refuses to work with this host: someone may be intercepting the connection. If the server was reinstalled, check the new key on it and repin it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: first connection; the host key fingerprint is %2. Compare it with the server&apos;s (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>identity: cannot read the private key %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the server refused the key %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the server refused the password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no key or password to log in with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refusing a command argument with a line break or NUL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 did not finish within %3 s: the host stopped answering and the connection was dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>opening a channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>opening a session for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sending input to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 was cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 did not finish within %3 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading the output of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading the errors of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 sent more than %3 bytes of output; Kokoa stopped reading it and closed the channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: uploading %2 stopped: %3 (%4 s allowed in all, %5 s without progress); the live file was not touched and the connection was dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting SFTP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>creating %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>writing %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closing %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>setting the mode of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refusing to upload to the relative or climbing path %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: reading %2 failed: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: installing Kokoa&apos;s key failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StallGuard</name>
    <message>
        <source>it did not finish within the deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no progress for %1 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusSummary</name>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 ほか %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Kokoa: %1</source>
        <translation>Kokoa: %1</translation>
    </message>
    <message>
        <source>Edges down: %1</source>
        <translation>異常の入口ノード: %1</translation>
    </message>
    <message>
        <source>Hostnames no edge serves: %1</source>
        <translation>どの入口ノードからも配信できないホスト名: %1</translation>
    </message>
    <message>
        <source>Hostnames down on some edges: %1</source>
        <translation>一部の入口ノードで異常のホスト名: %1</translation>
    </message>
    <message>
        <source>DNS changes held back: %1</source>
        <translation>保留中の DNS 変更: %1 件</translation>
    </message>
    <message>
        <source>Changing DNS: %1</source>
        <translation>DNS を操作中のプロセス: %1</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>異常</translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>未確認</translation>
    </message>
    <message>
        <source>Not deployed</source>
        <translation>未反映</translation>
    </message>
    <message>
        <source>Prepared</source>
        <translation>準備済み</translation>
    </message>
    <message>
        <source>Deployed</source>
        <translation>反映済み</translation>
    </message>
    <message>
        <source>Deploy failed</source>
        <translation>反映に失敗</translation>
    </message>
    <message>
        <source>Watchdog (kokoa-watchdog)</source>
        <translation>常駐監視サービス (kokoa-watchdog)</translation>
    </message>
    <message>
        <source>Kokoa window</source>
        <translation>Kokoa ウィンドウ</translation>
    </message>
    <message>
        <source>kokoactl monitor</source>
        <translation>kokoactl monitor</translation>
    </message>
    <message>
        <source>nobody (failover is off)</source>
        <translation>なし (フェイルオーバーは停止中)</translation>
    </message>
    <message>
        <source>%1 (this window, pid %2)</source>
        <translation>%1 (このウィンドウ、PID %2)</translation>
    </message>
    <message>
        <source>%1 (pid %2)</source>
        <translation>%1 (PID %2)</translation>
    </message>
    <message>
        <source>All healthy</source>
        <translation>すべて正常</translation>
    </message>
    <message>
        <source>Degraded</source>
        <translation>一部異常</translation>
    </message>
    <message>
        <source>Outage</source>
        <translation>停止中</translation>
    </message>
    <message>
        <source>Monitoring paused</source>
        <translation>監視を一時停止中</translation>
    </message>
    <message>
        <source>Failover off (no process changes DNS)</source>
        <translation>フェイルオーバー停止中 (DNS を操作中のプロセスがありません)</translation>
    </message>
</context>
<context>
    <name>StoreQuery</name>
    <message>
        <source>%1 %2 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TopologyImport</name>
    <message>
        <source>import: %1 zones, %2 origins, %3 edges, %4 routes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2: tunnel address %3 %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TopologyJson</name>
    <message>
        <source>unknown key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a whole number from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not one of the allowed values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: must be an array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: must be an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is not a JSON object: %1 at offset %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be &quot;kokoa&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>settings.%1: must be a string</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TopologyStore</name>
    <message>
        <source>zone %1 already exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>zone %1 is used by %n route(s): %2; remove them first</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 already exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>origin %1 is still used by %n route(s): %2; remove or move them first</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>route %1 already exists</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tsig</name>
    <message>
        <source>malformed TSIG record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>malformed TSIG algorithm name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TSIG algorithm %1 is not supported (hmac-sha256, hmac-sha384, hmac-sha512)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the TSIG secret of %1 is shorter than 16 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsupported TSIG algorithm %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>computing the TSIG HMAC failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot sign a message without a header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the DNS server&apos;s reply is not signed (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>: the TSIG secret is wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>: the server does not know this key name and algorithm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>: this machine&apos;s clock and the server&apos;s differ by more than %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the DNS server rejected the TSIG signature of key %1: %2 (%3)%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the DNS reply is signed with key %1 (%2), expected %3 (%4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the TSIG signature of the DNS reply does not verify (key %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the DNS reply was signed %1 s away from this machine&apos;s clock (fudge %2 s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TunnelAllocator</name>
    <message>
        <source>tunnel.range: %1 is not an IPv4 range from /8 to /29</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tunnel.range %1 has no free address left (addresses stay reserved while a deployed config refers to them)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a removed host that deployed configs still refer to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tunnel address %1 is taken by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is outside tunnel.range %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is the network address of tunnel.range %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is the broadcast address of tunnel.range %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TunnelCheck</name>
    <message>
        <source>it runs with the public key %1, not %2 (the key in %3, which the peers were given)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its peers are [%1], not [%2]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the tunnel check was cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no WireGuard handshake with %2 within %3 s, so this edge cannot reach it through the tunnel; check that it is deployed and runs the key Kokoa distributed (kokoactl deploy --all)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Validator</name>
    <message>
        <source>contains an empty label (two dots in a row, or a leading dot)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>label %1… is longer than 63 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labels may only contain letters, digits, &apos;-&apos; and &apos;_&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labels may only contain letters, digits and &apos;-&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a label may not start or end with &apos;-&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;--&apos; in the third and fourth position is reserved for IDN (xn--)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contains control, invisible or space characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not in Unicode normal form C (decomposed or combining characters); type the name as it should appear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contains a combining mark on a plain letter or at the start of a label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mixes letters of different scripts in one label (for example Cyrillic and Latin), which makes look-alike names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a name is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a wildcard is not allowed here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a key name may only contain ASCII letters, digits, &apos;-&apos;, &apos;_&apos; and &apos;.&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a valid internationalised domain name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contains characters that IDNA maps to other characters (fullwidth or compatibility forms, ignorable characters, decomposed accents or dots other than &apos;.&apos;); type the name as it should appear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is longer than 253 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contains an invalid punycode label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a fully qualified name such as www.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the last label may not be a number (it would be read as an IP address)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a whole number from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the unspecified address is not usable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is a multicast or broadcast address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is an IPv4-compatible IPv6 address (deprecated); give the IPv4 address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is a %1 address, not a public one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an IPv4 address in dotted decimal, such as 198.51.7.10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an IPv6 address without brackets or zone, such as 2a01:4f8::1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the embedded IPv4 part must be in dotted decimal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be 1 to 32 lowercase letters, digits or &apos;-&apos;, starting and ending with a letter or digit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the user name must be 1 to 32 lowercase letters, digits, &apos;_&apos; or &apos;-&apos;, not starting with a digit or &apos;-&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an IPv6 address needs a closing &apos;]&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &apos;:port&apos; after &apos;]&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write an IPv6 address in brackets: user@[2a01:4f8::1]:22</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must start with &apos;/&apos; and contain only letters, digits, %-escapes and . _ ~ / = &amp; ? - (at most 256 characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>may not contain &apos;//&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>may not contain &apos;.&apos; or &apos;..&apos; segments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%-escapes may not encode control characters, &apos;%&apos;, &apos;/&apos;, &apos;\&apos; or characters that need no escape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%-escapes must encode valid UTF-8 without invisible characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be 0 (unlimited) or a size such as 512k, 10m or 1g, at most 64g</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a WireGuard key: 44 characters of base64 as printed by &apos;wg pubkey&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a SHA256 fingerprint as ssh-keygen -l prints it, SHA256: followed by 43 base64 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: must be 1 to 4096 printable characters without spaces (the value is not shown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: must be a base64 key of at least 16 bytes, as made by tsig-keygen (the value is not shown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an http(s) URL without user, query or fragment, such as https://api.cloudflare.com/client/v4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>plain http is only allowed to a loopback address (127.0.0.0/8 or [::1]); use https</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a tunnel address must be private (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an IPv4 network in CIDR form, /8 to /29, such as 10.100.0.0/16</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host bits are set; the network is %1/%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the tunnel range must lie inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be one of hmac-sha256, hmac-sha384, hmac-sha512</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be 1 to 128 letters, digits, &apos;.&apos;, &apos;_&apos;, &apos;:&apos; or &apos;-&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown setting (known: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>setting health.timeout_ms: %1 must be shorter than health.interval_ms (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WatchdogService</name>
    <message>
        <source>%1 cannot be started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: a path with control characters (such as a line break) cannot go into a systemd unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 failed: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>systemctl --user disable --now failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot remove %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ZoneCredentialCheck</name>
    <message>
        <source>zone %1: checking its credentials with the provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: %2; nothing was stored</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ZoneService</name>
    <message>
        <source>must be HOST or HOST:PORT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>zone %1 already exists; its secret is unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>zone %1 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>zone %1 uses provider %2, which has no secret</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kokoa</name>
    <message>
        <source>cannot load an X25519 private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot derive an X25519 public key</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kokoa::AcmeClient</name>
    <message>
        <source>%1 did not finish within %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an https URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no account key is set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>looking up the ACME account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>registering the ACME account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be one mailto: address (mailto:me@example.com)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the CA requires agreeing to its terms of service at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the CA requires external account binding, which is not supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the CA&apos;s newAccount answer has no account URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>account %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>issuing a certificate for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>asking the CA when to renew</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the CA at %1 offers no renewal information (ARI)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the CA&apos;s renewal information has no valid suggestedWindow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>revoking a certificate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kokoa::AcmeOrderFlow</name>
    <message>
        <source>ordering a certificate for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>creating the order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the CA&apos;s order has no URL or no authorizations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading an authorization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the authorization for %1 is %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the CA offers no %1 challenge for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>placing the %1 challenge for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>placing the challenge for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>asking the CA to check %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>answering the challenge for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>polling the authorization for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the CA could not validate %1 by %2 (%3): %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the authorization for %1 stayed %2 after %3 polls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>polling the order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the CA marked the order invalid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the order stayed %1 after %2 polls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finalising the order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>downloading the certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the CA&apos;s certificate download is not a PEM chain</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kokoa::AnswerKeeper</name>
    <message>
        <source>paused for %1 min or until the configuration changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the DNS provider refused the change (%2); DNS changes for it are %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected %1, found %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kokoa::DnsDriver</name>
    <message>
        <source>stopped before the DNS change was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the configuration or the DNS lease changed before the DNS change was sent</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kokoa::Monitor</name>
    <message>
        <source>cannot write to the database %1 (is the data directory read-only?): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 edges, %2 routes, %3 probes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a DNS change is still running; the lease is left to expire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>answers again, held down for %1 s more (fallen %2 time(s) soon after coming back)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>other edges reach it, but it has failed from here for %1 intervals: their answer no longer keeps it in DNS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write to the database %1 (%2 times in a row): %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kokoa::VantageChecker</name>
    <message>
        <source>from %1: reachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from %1: unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from %1: no answer (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reachable by %1 of %2 vantage(s): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>down for %1 of %2 vantage(s), no majority reaches it: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kokoa::WireGuardKey</name>
    <message>
        <source>the random number generator failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a WireGuard private key is 32 bytes of base64</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kokoa::gui::DashboardEdgeModel</name>
    <message numerus="yes">
        <source>Down for %1 of %n hostnames</source>
        <translation>
            <numerusform>%n 件中 %1 件のホスト名で異常</numerusform>
        </translation>
    </message>
    <message>
        <source>Edge</source>
        <translation>入口ノード</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Tunnel</source>
        <translation>トンネル</translation>
    </message>
    <message>
        <source>Deployed</source>
        <translation>反映</translation>
    </message>
    <message>
        <source>Last check</source>
        <translation>最後の確認</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>変化した時刻</translation>
    </message>
</context>
<context>
    <name>kokoa::gui::DashboardHostnameModel</name>
    <message>
        <source>Up</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Partly down</source>
        <translation>一部異常</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>異常</translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>未確認</translation>
    </message>
    <message>
        <source>(not published yet)</source>
        <translation>(まだ公開されていません)</translation>
    </message>
    <message>
        <source>Down on %1</source>
        <translation>%1 で異常</translation>
    </message>
    <message numerus="yes">
        <source>Up on all %n edges</source>
        <translation>
            <numerusform>全 %n 入口ノードで正常</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <source>Hostname</source>
        <translation>ホスト名</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Edges in the DNS answer</source>
        <translation>DNS 応答に含まれる入口ノード</translation>
    </message>
    <message>
        <source>Per edge</source>
        <translation>入口ノードごと</translation>
    </message>
</context>
<context>
    <name>kokoa::gui::DashboardPage</name>
    <message>
        <source>Your desktop shows no system tray, so Kokoa has no tray icon. Alerts still arrive as desktop notifications; when you close this window you can keep monitoring in the background.</source>
        <translation>お使いのデスクトップにはシステムトレイがないため、Kokoa のトレイアイコンは表示されません。警告はデスクトップ通知で届きます。このウィンドウを閉じるときに、バックグラウンドで監視を続けるか選べます。</translation>
    </message>
    <message>
        <source>Edges</source>
        <translation>入口ノード</translation>
    </message>
    <message>
        <source>Hostnames</source>
        <translation>ホスト名</translation>
    </message>
    <message>
        <source>No edges yet. Add them in the setup wizard or on the configuration pages; they appear here with their health.</source>
        <translation>入口ノードはまだありません。セットアップウィザードか設定のページで追加すると、ここに状態とともに表示されます。</translation>
    </message>
    <message>
        <source>Resume monitoring</source>
        <translation>監視を再開</translation>
    </message>
    <message>
        <source>Pause monitoring</source>
        <translation>監視を一時停止</translation>
    </message>
    <message>
        <source>Start this window&apos;s monitor again</source>
        <translation>このウィンドウの監視を再び開始します</translation>
    </message>
    <message>
        <source>Stop this window&apos;s monitor; if it changes DNS, it lets go so the watchdog can take over</source>
        <translation>このウィンドウの監視を止めます。DNS を操作中なら手放し、常駐監視サービスが引き継げるようにします</translation>
    </message>
    <message>
        <source>Monitoring in this window stopped: %1</source>
        <translation>このウィンドウの監視が停止しました: %1</translation>
    </message>
    <message>
        <source>Reading the status…</source>
        <translation>状態を読み込んでいます…</translation>
    </message>
    <message>
        <source>Process changing DNS: %1</source>
        <translation>DNS を操作中のプロセス: %1</translation>
    </message>
    <message>
        <source>Monitors: none running</source>
        <translation>監視プロセス: 実行中のものはありません</translation>
    </message>
    <message>
        <source>%1: not responding</source>
        <translation>%1: 応答なし</translation>
    </message>
    <message>
        <source>acting</source>
        <translation>DNS を操作中</translation>
    </message>
    <message>
        <source>standing by</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Monitors: %1</source>
        <translation>監視プロセス: %1</translation>
    </message>
    <message>
        <source>DNS changes held back: none</source>
        <translation>保留中の DNS 変更: なし</translation>
    </message>
    <message>
        <source>%1 (paused until the configuration changes: %2)</source>
        <translation>%1 (設定が変わるまで停止: %2)</translation>
    </message>
    <message>
        <source>%1 (retrying: %2)</source>
        <translation>%1 (再試行中: %2)</translation>
    </message>
    <message>
        <source>DNS changes held back: %1</source>
        <translation>保留中の DNS 変更: %1</translation>
    </message>
</context>
<context>
    <name>kokoa::gui::MainWindow</name>
    <message>
        <source>About Kokoa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Kokoa %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Publishes the web services of your home server through disposable edges, with DNS failover and no third-party control plane.&lt;/p&gt;&lt;p&gt;Data directory: %2&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>kokoa::gui::TrayController</name>
    <message>
        <source>Open Kokoa</source>
        <translation>Kokoa を開く</translation>
    </message>
    <message>
        <source>Pause monitoring</source>
        <translation>監視を一時停止</translation>
    </message>
    <message>
        <source>Deploy…</source>
        <translation>設定を反映…</translation>
    </message>
    <message>
        <source>Quit Kokoa</source>
        <translation>Kokoa を終了</translation>
    </message>
    <message>
        <source>Kokoa: reading the status…</source>
        <translation>Kokoa: 状態を読み込んでいます…</translation>
    </message>
    <message>
        <source>No edge serves: %1</source>
        <translation>どの入口ノードからも配信できません: %1</translation>
    </message>
    <message>
        <source>Served again: %1</source>
        <translation>配信が再開しました: %1</translation>
    </message>
    <message>
        <source>Changing DNS: %1</source>
        <translation>DNS を操作中のプロセス: %1</translation>
    </message>
    <message>
        <source>Keep monitoring?</source>
        <translation>監視を続けますか?</translation>
    </message>
    <message>
        <source>Your desktop has no system tray. Keep Kokoa monitoring in the background after the window closes? Alerts arrive as desktop notifications; start Kokoa again to see the window.</source>
        <translation>お使いのデスクトップにはシステムトレイがありません。ウィンドウを閉じた後も Kokoa にバックグラウンドで監視を続けさせますか? 警告はデスクトップ通知で届きます。ウィンドウをもう一度見るには Kokoa を起動し直してください。</translation>
    </message>
    <message>
        <source>Edges down: %1</source>
        <translation>異常の入口ノード: %1</translation>
    </message>
    <message>
        <source>Edges back up: %1</source>
        <translation>正常に戻った入口ノード: %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Kokoa: publish your home server&apos;s services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kokoa&apos;s data directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kokoa</source>
        <translation type="unfinished">Kokoa</translation>
    </message>
</context>
</TS>
