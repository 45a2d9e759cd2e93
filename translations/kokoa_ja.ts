<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name>BlockingHttp</name>
    <message>
        <source>the response is larger than %1 bytes</source>
        <translation>応答が %1 バイトを超えています</translation>
    </message>
    <message>
        <source>no complete answer within the %1 ms budget (or %2 ms of silence)</source>
        <translation>制限時間 %1 ミリ秒以内（または無通信 %2 ミリ秒以内）に完全な応答がありません</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 (%n attempt(s))</source>
        <translation>
            <numerusform>%1: %2（%n 回試行）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BurnStore</name>
    <message>
        <source>burn</source>
        <translation>破棄</translation>
    </message>
</context>
<context>
    <name>CertificateAutoIssue</name>
    <message>
        <source>deploying the new certificates to every edge</source>
        <translation>新しい証明書をすべての入口ノードに反映中</translation>
    </message>
    <message>
        <source>its route has TLS on and there was no certificate</source>
        <translation>このホスト名は TLS が有効なのに証明書がありませんでした</translation>
    </message>
</context>
<context>
    <name>CertificateRenewal</name>
    <message>
        <source>the ACME client is busy</source>
        <translation>ACME クライアントは別の処理を実行中です</translation>
    </message>
    <message>
        <source>must name a certificate Kokoa holds (kokoactl cert list)</source>
        <translation>Kokoa が保持している証明書を指定してください (kokoactl cert list)</translation>
    </message>
    <message>
        <source>was placed by hand, not ordered from a CA: replace its files instead</source>
        <translation>手動で配置された証明書で、CA から取得したものではありません。ファイルを置き換えてください</translation>
    </message>
    <message>
        <source>ca-bundle: %1</source>
        <translation>ca-bundle: %1</translation>
    </message>
    <message>
        <source>account: there is no ACME account yet; register one first</source>
        <translation>account: ACME アカウントがまだありません。先に登録してください</translation>
    </message>
    <message>
        <source>checking when %1 is due for renewal</source>
        <translation>%1 の更新時期を確認しています</translation>
    </message>
    <message>
        <source>re-keying %1</source>
        <translation>%1 の鍵を作り直しています</translation>
    </message>
    <message>
        <source>renewing %1</source>
        <translation>%1 を更新しています</translation>
    </message>
    <message>
        <source>the old certificate of %1 (serial %2) is not revoked: not every edge has the new one yet; deploy, then re-key again</source>
        <translation>%1 の古い証明書 (シリアル %2) は失効させていません。新しい証明書がまだすべての入口ノードに反映されていないためです。反映してから、もう一度鍵を作り直してください</translation>
    </message>
    <message>
        <source>revoking the old certificate of %1 (serial %2)</source>
        <translation>%1 の古い証明書 (シリアル %2) を失効させています</translation>
    </message>
    <message>
        <source>%1 has a new certificate, but revoking serial %2 failed</source>
        <translation>%1 の新しい証明書は発行されましたが、シリアル %2 の失効に失敗しました</translation>
    </message>
    <message>
        <source>serial %1</source>
        <translation>シリアル %1</translation>
    </message>
    <message>
        <source>serial %1 replaces %2, valid until %3</source>
        <translation>シリアル %1 が %2 を置き換えました。有効期限は %3 です</translation>
    </message>
    <message>
        <source>serial %1 kept</source>
        <translation>シリアル %1 のままです</translation>
    </message>
</context>
<context>
    <name>CertificateService</name>
    <message>
        <source>the ACME client is busy</source>
        <translation>ACME クライアントは別の処理を実行中です</translation>
    </message>
    <message>
        <source>must be one address like me@example.com</source>
        <translation>me@example.com のようなアドレスを 1 つ指定してください</translation>
    </message>
    <message>
        <source>ACME directory %1: %2</source>
        <translation>ACME ディレクトリ %1: %2</translation>
    </message>
    <message>
        <source>agree-tos: the CA&apos;s terms of service must be agreed to before an account can be registered</source>
        <translation>agree-tos: アカウントを登録するには CA の利用規約への同意が必要です</translation>
    </message>
    <message>
        <source>directory: a directory URL and Let&apos;s Encrypt staging exclude each other</source>
        <translation>directory: ディレクトリ URL と Let&apos;s Encrypt ステージングは同時に指定できません</translation>
    </message>
    <message>
        <source>ca-bundle: a CA bundle applies only to a directory URL of your own</source>
        <translation>ca-bundle: CA バンドルは独自のディレクトリ URL を指定した場合にのみ使えます</translation>
    </message>
    <message>
        <source>must be an https:// URL</source>
        <translation>https:// で始まる URL を指定してください</translation>
    </message>
    <message>
        <source>must be a readable PEM file</source>
        <translation>読み込み可能な PEM ファイルを指定してください</translation>
    </message>
    <message>
        <source>ca-bundle: %1</source>
        <translation>ca-bundle: %1</translation>
    </message>
    <message>
        <source>registering the ACME account at %1</source>
        <translation>%1 に ACME アカウントを登録しています</translation>
    </message>
    <message>
        <source>name: at least one hostname is needed</source>
        <translation>name: ホスト名を 1 つ以上指定してください</translation>
    </message>
    <message>
        <source>must be the hostname of one of Kokoa&apos;s routes</source>
        <translation>Kokoa のルートのホスト名を指定してください</translation>
    </message>
    <message>
        <source>its route has TLS switched off</source>
        <translation>このルートは TLS が無効になっています</translation>
    </message>
    <message>
        <source>edge: there is no edge to answer the HTTP-01 challenge</source>
        <translation>edge: HTTP-01 チャレンジに応答できるエッジがありません</translation>
    </message>
    <message>
        <source>account: there is no ACME account yet; register one first</source>
        <translation>account: ACME アカウントがまだありません。先に登録してください</translation>
    </message>
    <message>
        <source>the CA offered no http-01 challenge for %1</source>
        <translation>CA は %1 に http-01 チャレンジを提示しませんでした</translation>
    </message>
    <message>
        <source>placing the HTTP-01 answer for %1 on %2</source>
        <translation>%1 の HTTP-01 応答を %2 に配置しています</translation>
    </message>
    <message>
        <source>ordering a certificate for %1</source>
        <translation>%1 の証明書を注文しています</translation>
    </message>
    <message>
        <source>serial %1, valid until %2</source>
        <translation>シリアル番号 %1、有効期限 %2</translation>
    </message>
    <message>
        <source>deploying the certificate to every edge</source>
        <translation>証明書をすべてのエッジに配布しています</translation>
    </message>
    <message>
        <source>the certificate for %1 is stored, but deploying it failed</source>
        <translation>%1 の証明書は保存しましたが、配布に失敗しました</translation>
    </message>
    <message>
        <source>certificate: the chain holds no certificate</source>
        <translation>certificate: 証明書チェーンに証明書が含まれていません</translation>
    </message>
    <message>
        <source>must be http-01 or dns-01</source>
        <translation>http-01 か dns-01 を指定してください</translation>
    </message>
    <message>
        <source>a wildcard name needs the dns-01 challenge; http-01 cannot validate a wildcard</source>
        <translation>ワイルドカード名には dns-01 チャレンジが必要です。http-01 ではワイルドカードを検証できません</translation>
    </message>
    <message>
        <source>placing the DNS-01 answer for %1 at %2 and waiting until the zone&apos;s name servers answer it</source>
        <translation>%1 の DNS-01 の応答を %2 に置き、DNS ゾーンのネームサーバーが応答するまで待っています</translation>
    </message>
</context>
<context>
    <name>CertificateSet</name>
    <message>
        <source>every certificate file was put back as it was (new ones removed)</source>
        <translation>すべての証明書ファイルを元に戻しました (新しいファイルは削除しました)</translation>
    </message>
    <message>
        <source>putting the previous certificate files back failed too: %1</source>
        <translation>以前の証明書ファイルを元に戻す処理も失敗しました: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1: installing %n certificate file(s) as one set failed (%2); %3</source>
        <translation>
            <numerusform>%1: %n 個の証明書ファイルを一括で設定できませんでした (%2)。%3</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CertificateStore</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 を読み込めません: %2</translation>
    </message>
    <message>
        <source>there is no certificate for %1</source>
        <translation>%1 の証明書はありません</translation>
    </message>
    <message>
        <source>a certificate needs a name, a chain and a key</source>
        <translation>証明書には名前、証明書チェーン、秘密鍵が必要です</translation>
    </message>
</context>
<context>
    <name>ChallengePlacement</name>
    <message>
        <source>edge %1: its SSH host key is not pinned yet; connect to it first</source>
        <translation>エッジ %1: SSH ホスト鍵がまだ固定されていません。先に接続してください</translation>
    </message>
    <message>
        <source>edge %1</source>
        <translation>エッジ %1</translation>
    </message>
    <message>
        <source>must be 16 to 256 base64url characters</source>
        <translation>16〜256 文字の base64url で指定してください</translation>
    </message>
    <message>
        <source>there is no edge to answer the HTTP-01 challenge</source>
        <translation>HTTP-01 チャレンジに応答できるエッジがありません</translation>
    </message>
    <message>
        <source>placing the HTTP-01 answer on edge %1 failed: %2</source>
        <translation>エッジ %1 への HTTP-01 応答の配置に失敗しました: %2</translation>
    </message>
</context>
<context>
    <name>CloudApiClient</name>
    <message>
        <source>%1: %2 answered HTTP %3 with no JSON object</source>
        <translation>%1: %2 の応答 (HTTP %3) に JSON オブジェクトがありません</translation>
    </message>
    <message>
        <source>%1: %2 refused the API token (HTTP %3)</source>
        <translation>%1: %2 が API トークンを拒否しました (HTTP %3)</translation>
    </message>
    <message>
        <source>%1: %2 answered HTTP %3: %4</source>
        <translation>%1: %2 の応答: HTTP %3: %4</translation>
    </message>
    <message>
        <source>%1: more than %2 pages</source>
        <translation>%1: 一覧が %2 ページを超えています</translation>
    </message>
</context>
<context>
    <name>CloudflareBatchPlan</name>
    <message>
        <source>%1 has no valid record id (%2)</source>
        <translation>%1 に有効なレコード ID がありません（%2）</translation>
    </message>
    <message>
        <source>batch limit %1 is below 1</source>
        <translation>一括変更の上限 %1 が 1 未満です</translation>
    </message>
</context>
<context>
    <name>CloudflareBudget</name>
    <message>
        <source>refreshes stop at %1 requests</source>
        <translation>定期的な再読み込みは %1 リクエストで止めます</translation>
    </message>
    <message>
        <source>reads stop at %1 requests</source>
        <translation>読み込みは %1 リクエストで止めます</translation>
    </message>
    <message>
        <source>changes stop at the limit</source>
        <translation>変更は上限で止めます</translation>
    </message>
    <message>
        <source>Cloudflare zone %1: API budget: %2 of %3 requests used in the last 5 minutes; %4 (refreshes are given up first, failover changes last)</source>
        <translation>Cloudflare の DNS ゾーン %1: API の利用枠: 直近 5 分間に %3 リクエスト中 %2 を使用しました。%4（先に再読み込みを、最後にフェイルオーバーの変更を控えます）</translation>
    </message>
</context>
<context>
    <name>CloudflareProvider</name>
    <message>
        <source>Cloudflare zone %1: no valid DNS owner id for this installation</source>
        <translation>Cloudflare の DNS ゾーン %1: このインストールに有効な DNS 所有者 ID がありません</translation>
    </message>
    <message>
        <source>Cloudflare zone %1</source>
        <translation>Cloudflare の DNS ゾーン %1</translation>
    </message>
    <message>
        <source>the reply is not a JSON object</source>
        <translation>応答が JSON オブジェクトではありません</translation>
    </message>
    <message>
        <source>no error details in the reply</source>
        <translation>応答にエラーの詳細がありません</translation>
    </message>
    <message>
        <source>Cloudflare zone %1: %2 failed: HTTP %3: %4</source>
        <translation>Cloudflare の DNS ゾーン %1: %2 に失敗しました: HTTP %3: %4</translation>
    </message>
    <message numerus="yes">
        <source> (gave up after %n attempt(s))</source>
        <translation>
            <numerusform>（%n 回試行して断念）</numerusform>
        </translation>
    </message>
    <message>
        <source>; Cloudflare asked to retry after %1 s</source>
        <translation>。Cloudflare から %1 秒後に再試行するよう求められました</translation>
    </message>
    <message>
        <source> (check the API token and its Zone.DNS permissions)</source>
        <translation>（API トークンとその Zone.DNS 権限を確認してください）</translation>
    </message>
    <message>
        <source>%1 is not inside the Cloudflare zone %2</source>
        <translation>%1 は Cloudflare の DNS ゾーン %2 に含まれていません</translation>
    </message>
    <message>
        <source>verifying the API token</source>
        <translation>API トークンの確認</translation>
    </message>
    <message>
        <source>Cloudflare zone %1: the API token is %2, not active</source>
        <translation>Cloudflare の DNS ゾーン %1: API トークンの状態が active ではなく %2 です</translation>
    </message>
    <message>
        <source>listing the zone&apos;s DNS records</source>
        <translation>DNS ゾーンのレコード一覧の取得</translation>
    </message>
    <message>
        <source>&quot;result&quot; is not a list</source>
        <translation>&quot;result&quot; がリストではありません</translation>
    </message>
    <message>
        <source>%1 records on a page of %2</source>
        <translation>1 ページ（上限 %2 件）に %1 件のレコードがあります</translation>
    </message>
    <message>
        <source>%1 of the zone&apos;s %2 records listed</source>
        <translation>DNS ゾーンの全 %2 件のレコードのうち %1 件を取得しました</translation>
    </message>
    <message>
        <source>Cloudflare zone %1: zone_id %2 is not 32 hex digits</source>
        <translation>Cloudflare の DNS ゾーン %1: zone_id %2 が 32 桁の 16 進数ではありません</translation>
    </message>
    <message>
        <source>looking up the zone</source>
        <translation>DNS ゾーンの検索</translation>
    </message>
    <message>
        <source>Cloudflare zone %1: the API returned a malformed zone id %2 (not 32 hex digits)</source>
        <translation>Cloudflare の DNS ゾーン %1: API が不正な DNS ゾーン ID %2 を返しました（32 桁の 16 進数ではありません）</translation>
    </message>
    <message>
        <source>Cloudflare zone %1: no such zone is visible to this API token</source>
        <translation>Cloudflare の DNS ゾーン %1: この API トークンからはこの DNS ゾーンが見えません</translation>
    </message>
    <message>
        <source>listing the records of %1 (page %2)</source>
        <translation>%1 のレコード一覧の取得（%2 ページ目）</translation>
    </message>
    <message>
        <source>Cloudflare zone %1: %2</source>
        <translation>Cloudflare の DNS ゾーン %1: %2</translation>
    </message>
    <message>
        <source>Cloudflare zone %1: %2 has more than %3 records (%4 pages claimed): refusing to read further</source>
        <translation>Cloudflare の DNS ゾーン %1: %2 のレコードが %3 件を超えています（%4 ページあるとの応答）。これ以上は読み込みません</translation>
    </message>
    <message>
        <source>the API returned a malformed record id %1 (not 32 hex digits)</source>
        <translation>API が不正なレコード ID %1 を返しました（32 桁の 16 進数ではありません）</translation>
    </message>
    <message>
        <source>Cloudflare zone %1: %2: the API&apos;s answer is malformed: %3</source>
        <translation>Cloudflare の DNS ゾーン %1: %2: API の応答が不正です: %3</translation>
    </message>
    <message>
        <source>creating %1</source>
        <translation>%1 の作成</translation>
    </message>
    <message>
        <source>Cloudflare zone %1: %2 has no valid record id (%3)</source>
        <translation>Cloudflare の DNS ゾーン %1: %2 に有効なレコード ID がありません（%3）</translation>
    </message>
    <message>
        <source>removing %1</source>
        <translation>%1 の削除</translation>
    </message>
    <message>
        <source>turning off the proxy of %1</source>
        <translation>%1 のプロキシの無効化</translation>
    </message>
    <message>
        <source>marking %1 with this installation&apos;s owner id</source>
        <translation>%1 へのこのインストールの所有者 ID の付与</translation>
    </message>
    <message>
        <source>listing the TXT records at %1</source>
        <translation>%1 の TXT レコードの一覧取得</translation>
    </message>
    <message>
        <source>adding the ACME TXT record at %1</source>
        <translation>%1 への ACME TXT レコードの追加</translation>
    </message>
    <message>
        <source>removing the ACME TXT record at %1</source>
        <translation>%1 の ACME TXT レコードの削除</translation>
    </message>
    <message>
        <source>reading the zone&apos;s name servers</source>
        <translation>DNS ゾーンのネームサーバーの取得</translation>
    </message>
    <message>
        <source>Cloudflare zone %1: the zone lists no name servers</source>
        <translation>Cloudflare の DNS ゾーン %1: ネームサーバーが登録されていません</translation>
    </message>
    <message>
        <source>listing the zone&apos;s DNS records (page %1)</source>
        <translation>DNS ゾーンのレコード一覧の取得（%1 ページ目）</translation>
    </message>
    <message>
        <source>Cloudflare zone %1: more than %2 records (%3 pages claimed): refusing to read further</source>
        <translation>Cloudflare の DNS ゾーン %1: レコードが %2 件を超えています（%3 ページと応答）。これ以上は読み込みません</translation>
    </message>
    <message>
        <source>Cloudflare zone %1: the records of %2</source>
        <translation>Cloudflare の DNS ゾーン %1: %2 のレコード</translation>
    </message>
    <message numerus="yes">
        <source>changing the records of %n hostname(s) (batch %1 of %2)</source>
        <translation>
            <numerusform>%n 件のホスト名のレコードの変更（一括変更 %1/%2）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CommandProvider</name>
    <message>
        <source>must be the absolute path of an executable file</source>
        <translation>実行可能ファイルの絶対パスを指定してください</translation>
    </message>
    <message>
        <source>%1: %2 did not start: %3</source>
        <translation>%1: %2 を起動できませんでした: %3</translation>
    </message>
    <message>
        <source>%1: %2 did not finish within %3 s</source>
        <translation>%1: %2 が %3 秒以内に終了しませんでした</translation>
    </message>
    <message>
        <source>%1: %2 exited with %3: %4</source>
        <translation>%1: %2 が終了コード %3 で終了しました: %4</translation>
    </message>
    <message>
        <source>the create command must print one JSON object {&quot;id&quot;, &quot;ipv4&quot;, &quot;ipv6&quot;}; it printed %1</source>
        <translation>作成コマンドは JSON オブジェクト {&quot;id&quot;, &quot;ipv4&quot;, &quot;ipv6&quot;} を 1 つ出力する必要がありますが、出力は %1 でした</translation>
    </message>
    <message>
        <source>the create command&apos;s id must be 1-128 letters, digits or ._:/- starting with a letter or digit</source>
        <translation>作成コマンドが返す id は、英字か数字で始まる 1～128 文字の英数字または ._:/- にしてください</translation>
    </message>
    <message>
        <source>the create command must print the server&apos;s IPv4 address</source>
        <translation>作成コマンドはサーバーの IPv4 アドレスを出力する必要があります</translation>
    </message>
    <message>
        <source>must be an IPv6 address</source>
        <translation>IPv6 アドレスを指定してください</translation>
    </message>
    <message>
        <source>creating server %1 with %2</source>
        <translation>%2 でサーバー %1 を作成中</translation>
    </message>
    <message>
        <source>%1: cannot write the user-data file: %2</source>
        <translation>%1: user-data ファイルを書き込めません: %2</translation>
    </message>
    <message>
        <source>not a server id Kokoa recorded</source>
        <translation>Kokoa が記録したサーバー ID ではありません</translation>
    </message>
    <message>
        <source>destroying server %1 with %2</source>
        <translation>%2 でサーバー %1 を削除中</translation>
    </message>
    <message>
        <source>a command provider cannot list its servers: Kokoa&apos;s records are all there is</source>
        <translation>コマンド型のプロバイダーはサーバー一覧を取得できません。Kokoa の記録だけが頼りです</translation>
    </message>
</context>
<context>
    <name>ConfigPush</name>
    <message>
        <source>%1: checking the new %2 with %3 did not complete, so it was not installed and the current one keeps serving: %4</source>
        <translation>%1: %3 による新しい %2 の検査が完了しなかったため、インストールしていません。現在の設定のまま稼働しています: %4</translation>
    </message>
    <message>
        <source>%1: the new %2 was rejected by %3, so it was not installed and the current one keeps serving: %4</source>
        <translation>%1: 新しい %2 は %3 の検査で不合格になったため、インストールしていません。現在の設定のまま稼働しています: %4</translation>
    </message>
    <message>
        <source>the previous one was restored</source>
        <translation>以前の設定に戻しました</translation>
    </message>
    <message>
        <source>restoring the previous one failed too: %1</source>
        <translation>以前の設定に戻すことにも失敗しました: %1</translation>
    </message>
    <message>
        <source>there was no previous one, so the new one was removed</source>
        <translation>以前の設定がないため、新しい設定を削除しました</translation>
    </message>
    <message>
        <source>removing it failed too: %1</source>
        <translation>削除にも失敗しました: %1</translation>
    </message>
    <message>
        <source>%1: activating the new %2 failed (%3); %4</source>
        <translation>%1: 新しい %2 の有効化に失敗しました（%3）。%4</translation>
    </message>
    <message>
        <source>(cannot compute a diff for %1)</source>
        <translation>（%1 の差分を計算できません）</translation>
    </message>
</context>
<context>
    <name>CreateWithoutTwins</name>
    <message>
        <source>no create attempt was made</source>
        <translation>作成は試みられませんでした</translation>
    </message>
</context>
<context>
    <name>DataDirectory</name>
    <message>
        <source>data-dir: --data-dir is empty; give a directory or leave the option out to use the default</source>
        <translation>data-dir: --data-dir が空です。ディレクトリを指定するか、既定の場所を使う場合はこのオプションを省略してください</translation>
    </message>
    <message>
        <source>KOKOA_DATA_DIR is set but empty; give a directory or unset it to use the default</source>
        <translation>KOKOA_DATA_DIR が設定されていますが空です。ディレクトリを指定するか、既定の場所を使う場合は設定を解除してください</translation>
    </message>
    <message>
        <source>cannot create the data directory %1</source>
        <translation>データディレクトリ %1 を作成できません</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>opening the database %1</source>
        <translation>データベース %1 のオープン</translation>
    </message>
    <message>
        <source>reading the schema version of %1</source>
        <translation>%1 のスキーマバージョンの読み取り</translation>
    </message>
    <message>
        <source>the database %1 has schema version %2, newer than this Kokoa knows (%3); it was left untouched — use a newer Kokoa</source>
        <translation>データベース %1 のスキーマバージョン %2 は、この Kokoa が対応するもの（%3）より新しいため、変更していません。新しい Kokoa を使ってください</translation>
    </message>
    <message>
        <source>migrating %1 to schema version %2</source>
        <translation>%1 のスキーマバージョン %2 への移行</translation>
    </message>
    <message>
        <source>preparing a statement</source>
        <translation>SQL 文の準備</translation>
    </message>
    <message>
        <source>running a statement</source>
        <translation>SQL 文の実行</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 に失敗しました</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 に失敗しました: %2</translation>
    </message>
</context>
<context>
    <name>Deployer</name>
    <message>
        <source>edge %1 does not exist</source>
        <translation>入口ノード %1 は存在しません</translation>
    </message>
    <message>
        <source>origin %1 does not exist</source>
        <translation>自宅サーバー %1 は存在しません</translation>
    </message>
    <message>
        <source>nothing to deploy: no hosts selected</source>
        <translation>反映する対象がありません: ホストが選択されていません</translation>
    </message>
    <message>
        <source>%1: its SSH host key is not pinned yet; connect to it first to check and pin it</source>
        <translation>%1: SSH ホスト鍵がまだ登録されていません。先に接続して、ホスト鍵を確認・登録してください</translation>
    </message>
    <message>
        <source>connect</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>%1: cancelled before %2</source>
        <translation>%1: %2 の前にキャンセルされました</translation>
    </message>
    <message>
        <source>lock</source>
        <translation>ロック</translation>
    </message>
    <message>
        <source>render</source>
        <translation>設定の生成</translation>
    </message>
    <message>
        <source>no changes</source>
        <translation>変更なし</translation>
    </message>
    <message>
        <source>stopped: the SSH host key does not match the pinned one</source>
        <translation>中止: SSH ホスト鍵が登録済みのものと一致しません</translation>
    </message>
    <message>
        <source>stopped: another deployment to the host was running</source>
        <translation>中止: このホストへの別のデプロイが実行中でした</translation>
    </message>
    <message>
        <source>stopped: the deployment was cancelled</source>
        <translation>中止: デプロイがキャンセルされました</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>; nothing was changed</source>
        <translation>。何も変更していません</translation>
    </message>
    <message>
        <source>; changed before that: %1</source>
        <translation>。それまでに変更した内容: %1</translation>
    </message>
</context>
<context>
    <name>DigitalOceanProvider</name>
    <message>
        <source>checking the DigitalOcean API token</source>
        <translation>DigitalOcean の API トークンを確認中</translation>
    </message>
    <message>
        <source>creating droplet %1 at DigitalOcean</source>
        <translation>DigitalOcean で Droplet %1 を作成中</translation>
    </message>
    <message>
        <source>a droplet id is a number</source>
        <translation>Droplet の ID は数値です</translation>
    </message>
    <message>
        <source>reading droplet %1 at DigitalOcean</source>
        <translation>DigitalOcean の Droplet %1 を読み込み中</translation>
    </message>
    <message>
        <source>destroying droplet %1 at DigitalOcean</source>
        <translation>DigitalOcean の Droplet %1 を削除中</translation>
    </message>
    <message>
        <source>listing Kokoa&apos;s droplets at DigitalOcean</source>
        <translation>DigitalOcean にある Kokoa の Droplet を一覧中</translation>
    </message>
    <message>
        <source>a reserved IP is an IPv4 address</source>
        <translation>予約済み IP は IPv4 アドレスです</translation>
    </message>
    <message>
        <source>keep-ip: %1 is droplet %2&apos;s own address, and DigitalOcean releases it with the droplet; only a reserved IP outlives one (a provider added with --reserved-ip gives each new edge one)</source>
        <translation>keep-ip: %1 は Droplet %2 自身のアドレスで、DigitalOcean は Droplet とともに解放します。Droplet の削除後も残るのは予約済み IP だけです（--reserved-ip を付けて追加したプロバイダーは、新しい入口ノードごとに予約済み IP を割り当てます）</translation>
    </message>
    <message>
        <source>keep-ip: reserved IP %1 is assigned to droplet %2, not to %3</source>
        <translation>keep-ip: 予約済み IP %1 は %3 ではなく Droplet %2 に割り当てられています</translation>
    </message>
    <message>
        <source>keeping address %1 of droplet %2 at DigitalOcean</source>
        <translation>DigitalOcean の Droplet %2 のアドレス %1 を引き継ぐために確保中</translation>
    </message>
    <message>
        <source>keep-ip: reserved IP %1 no longer exists at DigitalOcean</source>
        <translation>keep-ip: 予約済み IP %1 は DigitalOcean にもう存在しません</translation>
    </message>
    <message>
        <source>keep-ip: reserved IP %1 is assigned to droplet %2 already</source>
        <translation>keep-ip: 予約済み IP %1 はすでに Droplet %2 に割り当てられています</translation>
    </message>
    <message>
        <source>giving address %1 to droplet %2 at DigitalOcean</source>
        <translation>DigitalOcean の Droplet %2 にアドレス %1 を割り当て中</translation>
    </message>
    <message>
        <source>reading reserved IP %1 at DigitalOcean</source>
        <translation>DigitalOcean の予約済み IP %1 を読み込み中</translation>
    </message>
    <message>
        <source>listing the reserved IPs of droplet %1 at DigitalOcean</source>
        <translation>DigitalOcean で Droplet %1 の予約済み IP を一覧中</translation>
    </message>
    <message>
        <source>reserving an address for droplet %1 at DigitalOcean</source>
        <translation>DigitalOcean で Droplet %1 用のアドレスを予約中</translation>
    </message>
    <message>
        <source>%1: the answer names no reserved IP</source>
        <translation>%1: 応答に予約済み IP が含まれていません</translation>
    </message>
    <message>
        <source>%1: the action failed</source>
        <translation>%1: アクションが失敗しました</translation>
    </message>
    <message>
        <source>%1: the action was not finished after %2 s</source>
        <translation>%1: %2 秒経ってもアクションが完了しませんでした</translation>
    </message>
</context>
<context>
    <name>Dns01Challenge</name>
    <message>
        <source>the dns-01 challenge needs the name inside one of Kokoa&apos;s DNS zones</source>
        <translation>dns-01 チャレンジには、Kokoa の DNS ゾーンのいずれかに含まれる名前が必要です</translation>
    </message>
    <message>
        <source>its zone %1 is managed by hand (no DNS provider API): the dns-01 challenge needs a Cloudflare or RFC 2136 zone</source>
        <translation>DNS ゾーン %1 は手動管理です（DNS プロバイダーの API がありません）。dns-01 チャレンジには Cloudflare か RFC 2136 の DNS ゾーンが必要です</translation>
    </message>
    <message>
        <source>zone %1: its DNS provider cannot hold the dns-01 answer</source>
        <translation>DNS ゾーン %1: この DNS プロバイダーには dns-01 の応答を置けません</translation>
    </message>
    <message>
        <source>zone %1</source>
        <translation>DNS ゾーン %1</translation>
    </message>
    <message>
        <source>the dns-01 answer at %1 could not be removed: %2</source>
        <translation>%1 の dns-01 の応答を削除できませんでした: %2</translation>
    </message>
</context>
<context>
    <name>DnsBackendFactory</name>
    <message>
        <source>zone %1: no valid DNS owner id for this installation</source>
        <translation>DNS ゾーン %1: このインストールに有効な DNS 所有者 ID がありません</translation>
    </message>
    <message>
        <source>zone %1 has no secret (API token or TSIG key)</source>
        <translation>DNS ゾーン %1 にシークレット（API トークンまたは TSIG 鍵）がありません</translation>
    </message>
    <message>
        <source>zone %1</source>
        <translation>DNS ゾーン %1</translation>
    </message>
    <message>
        <source>zone %1 is managed by hand: Kokoa does not change its records</source>
        <translation>DNS ゾーン %1 は手動管理です。Kokoa はこの DNS ゾーンのレコードを変更しません</translation>
    </message>
    <message>
        <source>zone %1: the API token is empty or malformed</source>
        <translation>DNS ゾーン %1: API トークンが空か、形式が正しくありません</translation>
    </message>
    <message>
        <source>zone %1: the TSIG secret %2 is not base64</source>
        <translation>DNS ゾーン %1: TSIG シークレット %2 が base64 ではありません</translation>
    </message>
</context>
<context>
    <name>DnsOwnerId</name>
    <message>
        <source>cannot read the DNS owner id %1: %2</source>
        <translation>DNS 所有者 ID %1 を読み込めません: %2</translation>
    </message>
    <message>
        <source>%1 does not hold a DNS owner id (32 hex digits): restore it from a backup; a new id would not own the records this installation made</source>
        <translation>%1 に DNS 所有者 ID（32 桁の 16 進数）がありません。バックアップから復元してください。新しい ID では、このインストールが作成したレコードを管理できません</translation>
    </message>
    <message>
        <source>the DNS owner id %1 is missing, though this data directory had one (%2 exists): restore the file from a backup. Only if it is lost for good, run `kokoactl init --new-dns-owner-id` to make a new one; the records the lost id marked are then no longer Kokoa&apos;s and must be removed by hand</source>
        <translation>DNS 所有者 ID %1 がありません。このデータディレクトリには以前 ID がありました（%2 が存在します）。バックアップからファイルを復元してください。完全に失われた場合に限り、`kokoactl init --new-dns-owner-id` で新しい ID を作成してください。その場合、失われた ID が付いたレコードは Kokoa の管理外になるため、手動で削除する必要があります</translation>
    </message>
    <message>
        <source>--new-dns-owner-id: %1 exists; an id is replaced only when it is lost</source>
        <translation>--new-dns-owner-id: %1 が存在します。ID を作り直すのは失われた場合だけです</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 に書き込めません: %2</translation>
    </message>
    <message>
        <source>cannot store the DNS owner id in %1: %2</source>
        <translation>DNS 所有者 ID を %1 に保存できません: %2</translation>
    </message>
</context>
<context>
    <name>DnsReconciler</name>
    <message>
        <source>address for %1</source>
        <translation>%1 のアドレス</translation>
    </message>
    <message>
        <source>must be an IPv4 or IPv6 address</source>
        <translation>IPv4 または IPv6 アドレスで指定してください</translation>
    </message>
    <message>
        <source>%1 has %2 records marked as Kokoa&apos;s, more than the %3 Kokoa will act on: check the zone by hand</source>
        <translation>%1 には Kokoa の印が付いたレコードが %2 件あり、Kokoa が扱う上限の %3 件を超えています。DNS ゾーンを手動で確認してください</translation>
    </message>
    <message>
        <source>DNS records for %1 include a record for %2</source>
        <translation>%1 の DNS レコードに %2 のレコードが含まれています</translation>
    </message>
    <message>
        <source>%1 %2 already exists as a record Kokoa did not create: it is served, but Kokoa cannot withdraw it on failover</source>
        <translation>%1 %2 は Kokoa が作成していないレコードとしてすでに存在します。応答には使われますが、フェイルオーバー時に Kokoa はこのレコードを取り下げられません</translation>
    </message>
    <message numerus="yes">
        <source>no healthy address for %1: keeping its %n existing record(s) rather than removing the last one</source>
        <translation>
            <numerusform>%1 に正常なアドレスがありません。最後のレコードを削除せず、既存の %n 件のレコードを残します</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 also has records Kokoa did not create (left untouched): %2</source>
        <translation>%1 には Kokoa が作成していないレコードもあります（変更していません）: %2</translation>
    </message>
</context>
<context>
    <name>DnsWire</name>
    <message>
        <source>malformed DNS message: %1</source>
        <translation>不正な DNS メッセージです: %1</translation>
    </message>
    <message>
        <source>%1 is not a valid DNS name</source>
        <translation>%1 は有効な DNS 名ではありません</translation>
    </message>
    <message>
        <source>%1 is longer than 255 octets</source>
        <translation>%1 が 255 オクテットを超えています</translation>
    </message>
    <message>
        <source>record data too long</source>
        <translation>レコードのデータが長すぎます</translation>
    </message>
    <message>
        <source>DNS message too long</source>
        <translation>DNS メッセージが長すぎます</translation>
    </message>
    <message>
        <source>not an address: %1</source>
        <translation>アドレスではありません: %1</translation>
    </message>
</context>
<context>
    <name>EdgeBurn</name>
    <message>
        <source>burn of edge %1 stopped at %2 (run `edge burn %1` again to resume)</source>
        <translation>入口ノード %1 の破棄は %2 で止まりました（`edge burn %1` をもう一度実行すると続きから再開します）</translation>
    </message>
    <message>
        <source>interrupted after %1</source>
        <translation>%1 の後で中断されました</translation>
    </message>
    <message>
        <source>replaced by %1</source>
        <translation>%1 に交換しました</translation>
    </message>
    <message>
        <source>not replaced</source>
        <translation>交換なし</translation>
    </message>
    <message>
        <source>steps done: %1</source>
        <translation>完了した手順: %1</translation>
    </message>
    <message>
        <source>edge %1 is the replacement in the unfinished burn of edge %2: run `edge burn %2` first</source>
        <translation>入口ノード %1 は入口ノード %2 の未完了の破棄による交換先です。先に `edge burn %2` を実行してください</translation>
    </message>
    <message>
        <source>edge %1 does not exist</source>
        <translation>入口ノード %1 は存在しません</translation>
    </message>
    <message>
        <source>replacement %1 from provider %2%3</source>
        <translation>交換先 %1（プロバイダー %2）%3</translation>
    </message>
    <message>
        <source>, serving before this edge leaves</source>
        <translation>、この入口ノードが外れる前に配信を開始</translation>
    </message>
    <message>
        <source>no replacement</source>
        <translation>交換なし</translation>
    </message>
    <message>
        <source>provider: edge %1 was added by hand; name where its replacement comes from with --provider P (or burn it with --no-replace)</source>
        <translation>provider: 入口ノード %1 は手動で追加されました。交換先の作成元を --provider P で指定してください（または --no-replace で破棄）</translation>
    </message>
    <message>
        <source>edge %1 is the last edge serving %2: burning it without a replacement takes them offline (use `edge rm` if that is meant)</source>
        <translation>入口ノード %1 は %2 を配信する最後の入口ノードです。交換なしで破棄するとそれらは停止します（その意図なら `edge rm` を使ってください）</translation>
    </message>
    <message>
        <source>out of the configuration and of DNS</source>
        <translation>設定と DNS から外しました</translation>
    </message>
    <message>
        <source>added by hand: destroy the machine at %1 yourself</source>
        <translation>手動で追加された入口ノードです: %1 のマシンはご自身で破棄してください</translation>
    </message>
    <message>
        <source>server %1 destroyed at %2</source>
        <translation>サーバー %1 を %2 で破棄しました</translation>
    </message>
    <message>
        <source>edge %1 created, its host key pinned</source>
        <translation>入口ノード %1 を作成し、ホスト鍵を固定しました</translation>
    </message>
    <message>
        <source>edge %1 deployed with the origins</source>
        <translation>入口ノード %1 を自宅サーバーとともに反映しました</translation>
    </message>
    <message>
        <source>edge %1 serves every hostname</source>
        <translation>入口ノード %1 はすべてのホスト名を配信しています</translation>
    </message>
    <message>
        <source>edge %1 in DNS</source>
        <translation>入口ノード %1 を DNS に追加しました</translation>
    </message>
    <message>
        <source>unknown burn step %1</source>
        <translation>不明な破棄の手順 %1</translation>
    </message>
    <message>
        <source>DNS of %1</source>
        <translation>%1 の DNS</translation>
    </message>
    <message>
        <source>the origins no longer accept edge %1&apos;s tunnel</source>
        <translation>自宅サーバーは入口ノード %1 のトンネルを受け付けなくなりました</translation>
    </message>
    <message>
        <source>keep-ip: without a replacement (--no-replace) there is nothing to keep the address for</source>
        <translation>keep-ip: 交換しない場合（--no-replace）、アドレスを引き継ぐ先がありません</translation>
    </message>
    <message>
        <source>keep-ip: edge %1 was added by hand; Kokoa cannot move its address to a new server (burn without --keep-ip)</source>
        <translation>keep-ip: 入口ノード %1 は手動で追加されたため、Kokoa はそのアドレスを新しいサーバーへ移せません（--keep-ip なしで破棄してください）</translation>
    </message>
    <message>
        <source>keep-ip: the address of edge %1 belongs to provider %2; its replacement must come from there, not from %3</source>
        <translation>keep-ip: 入口ノード %1 のアドレスはプロバイダー %2 のものです。交換先は %3 ではなく、そのプロバイダーから作成する必要があります</translation>
    </message>
    <message>
        <source>keep-ip: edge %1 is the last edge serving its hostnames, so its replacement must serve before it leaves, and one address cannot be on both (burn without --keep-ip)</source>
        <translation>keep-ip: 入口ノード %1 はそのホスト名を配信する最後の入口ノードです。交換先が先に配信を始める必要があり、一つのアドレスを両方に置くことはできません（--keep-ip なしで破棄してください）</translation>
    </message>
    <message>
        <source>keep-ip: provider %1 (kind %2) cannot give a new server the address of a destroyed one (burn without --keep-ip)</source>
        <translation>keep-ip: プロバイダー %1（種類 %2）は破棄したサーバーのアドレスを新しいサーバーに引き継げません（--keep-ip なしで破棄してください）</translation>
    </message>
    <message>
        <source>, its address kept for the replacement</source>
        <translation>。アドレスは交換先のために保持しました</translation>
    </message>
    <message>
        <source>keep-ip: server %1 is not recorded at provider %2</source>
        <translation>keep-ip: サーバー %1 はプロバイダー %2 の記録にありません</translation>
    </message>
    <message>
        <source>address %1 of server %2 kept for the replacement</source>
        <translation>サーバー %2 のアドレス %1 を交換先のために保持しました</translation>
    </message>
</context>
<context>
    <name>EdgeCertificates</name>
    <message>
        <source>certificate of %1 left out: %2</source>
        <translation>%1 の証明書は配布しません: %2</translation>
    </message>
    <message>
        <source>its chain or key is empty</source>
        <translation>証明書チェーンまたは秘密鍵が空です</translation>
    </message>
</context>
<context>
    <name>EdgeCreation</name>
    <message>
        <source>the stored host key of a server being created is damaged</source>
        <translation>作成中のサーバーについて保存してあるホスト鍵が壊れています</translation>
    </message>
    <message>
        <source>edge %1 does not exist</source>
        <translation>入口ノード %1 はありません</translation>
    </message>
    <message>
        <source>edge %1 exists already and was not created by Kokoa</source>
        <translation>入口ノード %1 はすでにあり、Kokoa が作成したものではありません</translation>
    </message>
    <message>
        <source>pinned the host key Kokoa made: %1</source>
        <translation>Kokoa が作成したホスト鍵を固定しました: %1</translation>
    </message>
    <message>
        <source>deployed with the origins</source>
        <translation>自宅サーバーとあわせて反映しました</translation>
    </message>
    <message numerus="yes">
        <source>%n hostname(s) could not be brought in line in DNS; `dns sync` tries again</source>
        <translation>
            <numerusform>%n 件のホスト名を DNS に反映できませんでした。`dns sync` で再試行できます</numerusform>
        </translation>
    </message>
    <message>
        <source>DNS brought in line</source>
        <translation>DNS に反映しました</translation>
    </message>
    <message>
        <source>edge %1 has server %2 at provider %3 already</source>
        <translation>入口ノード %1 にはプロバイダー %3 のサーバー %2 がすでにあります</translation>
    </message>
    <message>
        <source>server %1 (id %2) at %3</source>
        <translation>%3 のサーバー %1 (ID %2)</translation>
    </message>
    <message>
        <source>running at %1</source>
        <translation>%1 で稼働中</translation>
    </message>
    <message>
        <source>server %1 is being destroyed</source>
        <translation>サーバー %1 は削除中です</translation>
    </message>
    <message>
        <source>edge %1 exists already with another server</source>
        <translation>入口ノード %1 は別のサーバーですでにあります</translation>
    </message>
    <message>
        <source>connected with the pinned host key</source>
        <translation>固定したホスト鍵で接続しました</translation>
    </message>
    <message>
        <source>the host made its own key, now pinned: %1</source>
        <translation>ホストが自身の鍵を作成しました。この鍵を固定しました: %1</translation>
    </message>
    <message>
        <source>the address provider %1 gave server %2</source>
        <translation>プロバイダー %1 がサーバー %2 に割り当てたアドレス</translation>
    </message>
</context>
<context>
    <name>EdgeProfileSwitch</name>
    <message>
        <source>must be %1 or %2</source>
        <translation>%1 か %2 のどちらかを指定してください</translation>
    </message>
    <message>
        <source>edge %1 does not exist</source>
        <translation>入口ノード %1 はありません</translation>
    </message>
</context>
<context>
    <name>Error</name>
    <message>
        <source>%1: %2 is not valid: %3</source>
        <translation>%1: %2 は無効です: %3</translation>
    </message>
    <message>
        <source>the ACME directory at %1 has no valid https URL for %2</source>
        <translation>%1 の ACME ディレクトリに %2 の有効な https URL がありません</translation>
    </message>
    <message>
        <source>generating a P-256 key</source>
        <translation>P-256 鍵の生成</translation>
    </message>
    <message>
        <source>the key is not a PEM private key</source>
        <translation>この鍵は PEM 形式の秘密鍵ではありません</translation>
    </message>
    <message>
        <source>the key must be an ECDSA P-256 key</source>
        <translation>鍵は ECDSA P-256 鍵である必要があります</translation>
    </message>
    <message>
        <source>signing without a key</source>
        <translation>鍵がないため署名できません</translation>
    </message>
    <message>
        <source>signing an ACME request</source>
        <translation>ACME リクエストへの署名</translation>
    </message>
    <message>
        <source>decoding an ECDSA signature</source>
        <translation>ECDSA 署名のデコード</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>理由の記載なし</translation>
    </message>
    <message>
        <source>needs at least one name</source>
        <translation>名前を 1 つ以上指定してください</translation>
    </message>
    <message>
        <source>must be a lowercase DNS name, optionally starting with &quot;*.&quot;</source>
        <translation>小文字の DNS 名で指定してください（先頭に &quot;*.&quot; を付けることもできます）</translation>
    </message>
    <message>
        <source>is listed twice</source>
        <translation>重複しています</translation>
    </message>
    <message>
        <source>a wildcard name (%1) can only be validated by dns-01</source>
        <translation>ワイルドカード名（%1）は dns-01 でしか検証できません</translation>
    </message>
    <message>
        <source>must be http-01 or dns-01</source>
        <translation>http-01 または dns-01 を指定してください</translation>
    </message>
    <message>
        <source>it lists none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>the CA at %1 does not offer this profile (%2)</source>
        <translation>%1 の CA はこのプロファイルを提供していません（提供されているプロファイル: %2）</translation>
    </message>
    <message>
        <source>%1: the CA answered %2 (%3): %4</source>
        <translation>%1: CA から %2（%3）が返されました: %4</translation>
    </message>
    <message>
        <source>no problem type</source>
        <translation>エラー種別なし</translation>
    </message>
    <message>
        <source>must be a readable file of PEM certificates</source>
        <translation>PEM 形式の証明書を含む読み取り可能なファイルを指定してください</translation>
    </message>
    <message>
        <source>%1: the answer from %2 exceeds %3 bytes</source>
        <translation>%1: %2 からの応答が %3 バイトを超えています</translation>
    </message>
    <message>
        <source>%1: %2 did not answer within %3 ms</source>
        <translation>%1: %2 から %3 ミリ秒以内に応答がありません</translation>
    </message>
    <message>
        <source>TLS certificate check failed: %1</source>
        <translation>TLS 証明書の検証に失敗しました: %1</translation>
    </message>
    <message>
        <source>%1: cannot reach the CA at %2: %3</source>
        <translation>%1: %2 の CA に接続できません: %3</translation>
    </message>
    <message>
        <source>%1: the answer from %2 broke off: %3</source>
        <translation>%1: %2 からの応答が途中で切れました: %3</translation>
    </message>
    <message>
        <source>must be an https URL</source>
        <translation>https の URL を指定してください</translation>
    </message>
    <message>
        <source>loading the ACME directory %1</source>
        <translation>ACME ディレクトリ %1 の読み込み</translation>
    </message>
    <message>
        <source>asking the CA for a nonce</source>
        <translation>CA への nonce の要求</translation>
    </message>
    <message>
        <source>the CA&apos;s newNonce answer carried no Replay-Nonce</source>
        <translation>CA の newNonce の応答に Replay-Nonce がありません</translation>
    </message>
    <message>
        <source>%1: no ACME account to sign with</source>
        <translation>%1: 署名に使う ACME アカウントがありません</translation>
    </message>
    <message>
        <source>the certificate is not a PEM X.509 certificate</source>
        <translation>この証明書は PEM 形式の X.509 証明書ではありません</translation>
    </message>
    <message>
        <source>building the certificate signing request failed</source>
        <translation>証明書署名要求（CSR）の作成に失敗しました</translation>
    </message>
    <message>
        <source>a CSR needs a key and at least one name</source>
        <translation>CSR には鍵と 1 つ以上の名前が必要です</translation>
    </message>
    <message>
        <source>encoding the certificate failed</source>
        <translation>証明書のエンコードに失敗しました</translation>
    </message>
    <message>
        <source>the certificate has no authority key identifier, which ARI needs</source>
        <translation>証明書に ARI で必要な認証局鍵識別子（Authority Key Identifier）がありません</translation>
    </message>
    <message>
        <source>encoding the serial number failed</source>
        <translation>シリアル番号のエンコードに失敗しました</translation>
    </message>
    <message>
        <source>reading the serial number failed</source>
        <translation>シリアル番号の読み取りに失敗しました</translation>
    </message>
    <message>
        <source>… (%1 characters)</source>
        <translation>…（%1 文字）</translation>
    </message>
</context>
<context>
    <name>EventRecorder</name>
    <message numerus="yes">
        <source>%1 (repeated %n more time(s))</source>
        <translation>
            <numerusform>%1（さらに %n 回発生）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FailoverPolicy</name>
    <message>
        <source>every edge looks down from here; this machine&apos;s network is the likely cause, so DNS is left unchanged</source>
        <translation>ここからはすべての入口ノードが異常に見えます。このマシンのネットワークが原因の可能性が高いため、DNS は変更しません</translation>
    </message>
    <message>
        <source>all edges down from here</source>
        <translation>ここからはすべての入口ノードが異常</translation>
    </message>
    <message>
        <source>%1 looks down, but not every edge has been probed again since all looked down</source>
        <translation>%1 は異常に見えますが、すべての入口ノードが異常に見えた後、まだ全入口ノードを再チェックしていません</translation>
    </message>
    <message>
        <source>%1 answers 502/504; waiting to see whether the origin is down</source>
        <translation>%1 が 502/504 を返しています。自宅サーバーが停止しているかどうか様子を見ています</translation>
    </message>
    <message>
        <source>%1 is unreachable from here only; another edge reaches it</source>
        <translation>%1 はここからだけ応答がありません。別の入口ノードからは到達できます</translation>
    </message>
    <message>
        <source>%1 looks down from here and no other edge can confirm it</source>
        <translation>%1 はここからは異常に見えますが、確認できる別の入口ノードがありません</translation>
    </message>
    <message>
        <source>%1 looks down from here; confirming from another edge</source>
        <translation>%1 はここからは異常に見えます。別の入口ノードから確認しています</translation>
    </message>
    <message>
        <source>every edge answers 502/504: the origin or its tunnels are down, which DNS cannot fix</source>
        <translation>すべての入口ノードが 502/504 を返しています。自宅サーバーまたはそのトンネルが停止しており、DNS では解決できません</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>no edge serves it; its last records stay (never empty a hostname)</source>
        <translation>応答できる入口ノードがありません。最後のレコードは残します（ホスト名のレコードを空にはしません）</translation>
    </message>
    <message>
        <source>remove %1 (not serving)</source>
        <translation>%1 を削除（応答不可）</translation>
    </message>
    <message>
        <source>add %1 (serving)</source>
        <translation>%1 を追加（応答可能）</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>変更なし</translation>
    </message>
</context>
<context>
    <name>GeneratedHostKey</name>
    <message>
        <source>making an ed25519 host key failed</source>
        <translation>ed25519 ホスト鍵を作成できませんでした</translation>
    </message>
    <message>
        <source>exporting the new host key failed</source>
        <translation>新しいホスト鍵を書き出せませんでした</translation>
    </message>
    <message>
        <source>exporting the new host key&apos;s public half failed</source>
        <translation>新しいホスト鍵の公開鍵を書き出せませんでした</translation>
    </message>
    <message>
        <source>the new host key&apos;s public half is not readable</source>
        <translation>新しいホスト鍵の公開鍵を読み取れません</translation>
    </message>
</context>
<context>
    <name>HetznerProvider</name>
    <message>
        <source>checking the Hetzner API token</source>
        <translation>Hetzner の API トークンを確認中</translation>
    </message>
    <message>
        <source>creating server %1 at Hetzner</source>
        <translation>Hetzner でサーバー %1 を作成中</translation>
    </message>
    <message>
        <source>looking up server %1 at Hetzner</source>
        <translation>Hetzner でサーバー %1 を検索中</translation>
    </message>
    <message>
        <source>reading server %1 at Hetzner</source>
        <translation>Hetzner のサーバー %1 を読み込み中</translation>
    </message>
    <message>
        <source>a Hetzner server id is a number</source>
        <translation>Hetzner のサーバー ID は数値です</translation>
    </message>
    <message>
        <source>destroying server %1 at Hetzner</source>
        <translation>Hetzner のサーバー %1 を削除中</translation>
    </message>
    <message>
        <source>%1: the action failed: %2 %3</source>
        <translation>%1: アクションが失敗しました: %2 %3</translation>
    </message>
    <message>
        <source>%1: the action was not finished after %2 s</source>
        <translation>%1: %2 秒たってもアクションが完了しませんでした</translation>
    </message>
    <message>
        <source>listing Kokoa&apos;s servers at Hetzner</source>
        <translation>Hetzner にある Kokoa のサーバーを一覧中</translation>
    </message>
    <message>
        <source>keep-ip: server %1 no longer exists at Hetzner, and its address went with it</source>
        <translation>keep-ip: サーバー %1 は Hetzner にもう存在せず、そのアドレスも失われました</translation>
    </message>
    <message>
        <source>keep-ip: server %1 has no public IPv4 address at Hetzner</source>
        <translation>keep-ip: Hetzner のサーバー %1 にはパブリック IPv4 アドレスがありません</translation>
    </message>
    <message>
        <source>keeping the address of server %1 at Hetzner</source>
        <translation>Hetzner のサーバー %1 のアドレスを保持中</translation>
    </message>
    <message>
        <source>handing primary IP %1 to its new server at Hetzner</source>
        <translation>Hetzner のプライマリ IP %1 を新しいサーバーに引き渡し中</translation>
    </message>
    <message>
        <source>a Hetzner primary IP id is a number</source>
        <translation>Hetzner のプライマリ IP の ID は数値です</translation>
    </message>
</context>
<context>
    <name>HostContactForm</name>
    <message>
        <source>&amp;Name:</source>
        <translation>名前(&amp;N):</translation>
    </message>
    <message>
        <source>e.g. tokyo-1</source>
        <translation>例: tokyo-1</translation>
    </message>
    <message>
        <source>SSH &amp;address:</source>
        <translation>SSH 接続先(&amp;A):</translation>
    </message>
    <message>
        <source>user@host[:port]</source>
        <translation>ユーザー@ホスト[:ポート]</translation>
    </message>
    <message>
        <source>&amp;Public IP address:</source>
        <translation>公開 IP アドレス(&amp;P):</translation>
    </message>
    <message>
        <source>e.g. 203.0.113.7</source>
        <translation>例: 203.0.113.7</translation>
    </message>
    <message>
        <source>Log in with:</source>
        <translation>ログイン方法:</translation>
    </message>
    <message>
        <source>&amp;Key file</source>
        <translation>鍵ファイル(&amp;K)</translation>
    </message>
    <message>
        <source>empty: Kokoa&apos;s own key</source>
        <translation>空欄: Kokoa 自身の鍵を使用</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>参照(&amp;B)…</translation>
    </message>
    <message>
        <source>Pass&amp;word (used once)</source>
        <translation>パスワード (1 回だけ使用)(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Connect and test</source>
        <translation>接続してテスト(&amp;C)</translation>
    </message>
    <message>
        <source>Host key fingerprint</source>
        <translation>ホスト鍵のフィンガープリント</translation>
    </message>
    <message>
        <source>&amp;Accept this key</source>
        <translation>この鍵を承認(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Refuse</source>
        <translation>拒否(&amp;R)</translation>
    </message>
</context>
<context>
    <name>HostDeployment</name>
    <message>
        <source>firewall ruleset</source>
        <translation>ファイアウォールのルールセット</translation>
    </message>
    <message>
        <source>firewall boot unit</source>
        <translation>ファイアウォールの起動ユニット</translation>
    </message>
    <message>
        <source>WireGuard configuration</source>
        <translation>WireGuard 設定</translation>
    </message>
    <message>
        <source>nginx configuration</source>
        <translation>nginx 設定</translation>
    </message>
    <message>
        <source>%1: cancelled before %2</source>
        <translation>%1: %2 の前にキャンセルされました</translation>
    </message>
    <message>
        <source>inspect</source>
        <translation>ホストの調査</translation>
    </message>
    <message>
        <source>systemd</source>
        <translation>systemd あり</translation>
    </message>
    <message>
        <source>no systemd</source>
        <translation>systemd なし</translation>
    </message>
    <message>
        <source>packages</source>
        <translation>パッケージ</translation>
    </message>
    <message>
        <source>would install %1</source>
        <translation>%1 をインストール予定</translation>
    </message>
    <message>
        <source>installed %1</source>
        <translation>%1 をインストールしました</translation>
    </message>
    <message>
        <source>wireguard key</source>
        <translation>WireGuard 鍵</translation>
    </message>
    <message>
        <source>would create a key on the host</source>
        <translation>ホスト上で鍵を作成予定</translation>
    </message>
    <message>
        <source>%1: making the WireGuard key failed: %2</source>
        <translation>%1: WireGuard 鍵の作成に失敗しました: %2</translation>
    </message>
    <message>
        <source>created %1</source>
        <translation>%1 を作成しました</translation>
    </message>
    <message>
        <source>%1: Kokoa does not deploy %2 to this kind of host</source>
        <translation>%1: この種類のホストには %2 をデプロイしません</translation>
    </message>
    <message>
        <source>tunnel check</source>
        <translation>トンネルの確認</translation>
    </message>
    <message>
        <source>every origin answers through the tunnel</source>
        <translation>すべての自宅サーバーがトンネル経由で応答しています</translation>
    </message>
    <message>
        <source>%1: the running WireGuard interface %2 does not match what Kokoa pushed: %3</source>
        <translation>%1: 稼働中の WireGuard インターフェース %2 が Kokoa の配布した設定と一致しません: %3</translation>
    </message>
    <message>
        <source>would start it</source>
        <translation>起動予定</translation>
    </message>
    <message>
        <source>start %1</source>
        <translation>%1 の起動</translation>
    </message>
    <message>
        <source>started</source>
        <translation>起動しました</translation>
    </message>
    <message>
        <source>started %1</source>
        <translation>%1 を起動しました</translation>
    </message>
    <message>
        <source>apply %1 to the running interface</source>
        <translation>%1 の稼働中のインターフェースへの適用</translation>
    </message>
    <message>
        <source>would apply it: %1</source>
        <translation>適用予定: %1</translation>
    </message>
    <message>
        <source>update %1</source>
        <translation>%1 の更新</translation>
    </message>
    <message>
        <source>would update %1</source>
        <translation>%1 を更新予定</translation>
    </message>
    <message>
        <source>applied to the running interface: %1</source>
        <translation>稼働中のインターフェースに適用しました: %1</translation>
    </message>
    <message>
        <source>applied %1 to the running interface (%2)</source>
        <translation>%1 を稼働中のインターフェースに適用しました（%2）</translation>
    </message>
    <message>
        <source>updated and reloaded</source>
        <translation>更新して再読み込みしました</translation>
    </message>
    <message>
        <source>installed and started</source>
        <translation>インストールして起動しました</translation>
    </message>
    <message>
        <source>updated %1</source>
        <translation>%1 を更新しました</translation>
    </message>
    <message>
        <source>certificate key</source>
        <translation>証明書の秘密鍵</translation>
    </message>
    <message>
        <source>certificate</source>
        <translation>証明書</translation>
    </message>
    <message>
        <source>(%1 %2 differs; a secret is not shown)</source>
        <translation>(%1 %2 は異なります。秘密情報のため内容は表示しません)</translation>
    </message>
    <message>
        <source>nginx start order</source>
        <translation>nginx の起動順序</translation>
    </message>
    <message>
        <source>certificates</source>
        <translation>証明書</translation>
    </message>
    <message numerus="yes">
        <source>%n certificate(s)</source>
        <translation>
            <numerusform>証明書 %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n 個のファイル</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>would update %1 of %n certificate(s)</source>
        <translation>
            <numerusform>証明書 %n 件のうち %1 を更新します</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>updated %1 of %n certificate(s) as one set</source>
        <translation>
            <numerusform>証明書 %n 件のうち %1 を一括で更新しました</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HostEnrolment</name>
    <message>
        <source>edge %1 already exists</source>
        <translation>入口ノード %1 はすでに存在します</translation>
    </message>
    <message>
        <source>origin %1 already exists</source>
        <translation>自宅サーバー %1 はすでに存在します</translation>
    </message>
</context>
<context>
    <name>HostInspector</name>
    <message>
        <source>%1: /etc/os-release has an invalid ID %2 (lower-case letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; only); Kokoa manages Debian and Ubuntu hosts only</source>
        <translation>%1: /etc/os-release の ID %2 が無効です（小文字の英字、数字、&apos;.&apos;、&apos;_&apos;、&apos;-&apos; のみ）。Kokoa が管理できるのは Debian と Ubuntu のホストだけです</translation>
    </message>
    <message>
        <source>unknown version</source>
        <translation>不明なバージョン</translation>
    </message>
    <message>
        <source>%1 runs %2, but Kokoa manages Debian and Ubuntu hosts only</source>
        <translation>%1 は %2 で動作していますが、Kokoa が管理できるのは Debian と Ubuntu のホストだけです</translation>
    </message>
    <message>
        <source>an unknown system</source>
        <translation>不明なシステム</translation>
    </message>
</context>
<context>
    <name>HostKeyRotation</name>
    <message>
        <source>making a new host key on %1</source>
        <translation>%1 で新しいホスト鍵を作成中</translation>
    </message>
    <message>
        <source>making a new host key on %1: the host printed no ed25519 public key</source>
        <translation>%1 で新しいホスト鍵を作成中: ホストが ed25519 公開鍵を出力しませんでした</translation>
    </message>
    <message>
        <source>making a new host key on %1: its public key is not readable</source>
        <translation>%1 で新しいホスト鍵を作成中: 公開鍵を読み取れません</translation>
    </message>
    <message>
        <source>installing the new host key on %1</source>
        <translation>%1 に新しいホスト鍵を設定中</translation>
    </message>
</context>
<context>
    <name>HostLock</name>
    <message>
        <source>%1: taking the deployment lock %2 failed: %3</source>
        <translation>%1: デプロイのロック %2 を取得できませんでした: %3</translation>
    </message>
    <message>
        <source>%1: another deployment to this host is running (%2, started %3 s ago); nothing was changed. Run again when it is done; if no deployment runs, remove %4 on the host</source>
        <translation>%1: このホストへの別のデプロイが実行中です（%2、%3 秒前に開始）。何も変更していません。終わってからもう一度実行してください。実行中のデプロイがない場合は、ホスト上の %4 を削除してください</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
</context>
<context>
    <name>HostPreview</name>
    <message>
        <source>edge %1 does not exist</source>
        <translation>入口ノード %1 は存在しません</translation>
    </message>
    <message>
        <source>origin %1 does not exist</source>
        <translation>自宅サーバー %1 は存在しません</translation>
    </message>
</context>
<context>
    <name>HostStateText</name>
    <message>
        <source>not deployed yet</source>
        <translation>未反映</translation>
    </message>
    <message>
        <source>prepared, not deployed</source>
        <translation>準備済み (未反映)</translation>
    </message>
    <message>
        <source>deployed</source>
        <translation>反映済み</translation>
    </message>
    <message>
        <source>last deploy failed</source>
        <translation>前回の反映に失敗</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>通常</translation>
    </message>
    <message>
        <source>under attack</source>
        <translation>攻撃対策モード</translation>
    </message>
    <message>
        <source>edge %1</source>
        <translation>入口ノード %1</translation>
    </message>
    <message>
        <source>origin %1</source>
        <translation>自宅サーバー %1</translation>
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
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>&amp;About Kokoa</source>
        <translation>Kokoa について(&amp;A)</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>構成</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>イベント</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
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
        <translation>英字、数字、&apos;.&apos;、&apos;_&apos;、&apos;-&apos; からなるシークレット名で指定してください</translation>
    </message>
    <message>
        <source>%1: unknown setting %2 (allowed: %3)</source>
        <translation>%1: 不明な設定 %2 です（使える設定: %3）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>%1: %2 must be a string</source>
        <translation>%1: %2 は文字列で指定してください</translation>
    </message>
    <message>
        <source>%1: is required</source>
        <translation>%1: 必須です</translation>
    </message>
    <message>
        <source>%1: a manual zone has no secret</source>
        <translation>%1: 手動管理の DNS ゾーンにシークレットはありません</translation>
    </message>
    <message>
        <source>%1 %2 appears twice</source>
        <translation>%1 %2 が重複しています</translation>
    </message>
    <message>
        <source>must be %1 (or empty): a zone only uses its own secret</source>
        <translation>%1 を指定するか空にしてください。DNS ゾーンは自分のシークレットしか使いません</translation>
    </message>
    <message>
        <source>edge %1: public-ip %2 is used by another edge (%3)</source>
        <translation>入口ノード %1: public-ip %2 は別の入口ノード（%3）が使っています</translation>
    </message>
    <message>
        <source>edge %1: ssh host %2 port %3 is used by another edge (%4)</source>
        <translation>入口ノード %1: SSH ホスト %2 のポート %3 は別の入口ノード（%4）が使っています</translation>
    </message>
    <message>
        <source>%1public-ip: an edge needs a public IPv4 or IPv6 address</source>
        <translation>%1public-ip: 入口ノードには公開 IPv4 または IPv6 アドレスが必要です</translation>
    </message>
    <message>
        <source>a wildcard needs TLS mode dns-01 (HTTP-01 cannot validate wildcards) or TLS off</source>
        <translation>ワイルドカードには TLS モード dns-01 が必要です（HTTP-01 ではワイルドカードを検証できません）。または TLS をオフにしてください</translation>
    </message>
    <message>
        <source>must be a whole number from 1 to 65535</source>
        <translation>1〜65535 の整数で指定してください</translation>
    </message>
    <message>
        <source>must be from 0 (unlimited) to 64g</source>
        <translation>0（無制限）〜64g で指定してください</translation>
    </message>
    <message>
        <source>must be a whole number from 1 to 86400</source>
        <translation>1〜86400 の整数で指定してください</translation>
    </message>
    <message>
        <source>hostname: no zone contains %1; add its zone first</source>
        <translation>hostname: %1 を含む DNS ゾーンがありません。先にその DNS ゾーンを追加してください</translation>
    </message>
    <message>
        <source>%1: tunnel address %2 is used by another host</source>
        <translation>%1: トンネルアドレス %2 は別のホストが使っています</translation>
    </message>
    <message>
        <source>route %1 appears twice</source>
        <translation>ホスト名 %1 が重複しています</translation>
    </message>
    <message>
        <source>route %1: origin %2 does not exist</source>
        <translation>ホスト名 %1: 自宅サーバー %2 は存在しません</translation>
    </message>
    <message>
        <source>route %1: zone %2 is not the zone of this hostname; it belongs to zone %3</source>
        <translation>ホスト名 %1: DNS ゾーン %2 はこのホスト名の DNS ゾーンではありません。このホスト名は DNS ゾーン %3 に属します</translation>
    </message>
</context>
<context>
    <name>NginxRoutes</name>
    <message>
        <source>route %1 left out: origin %2 has no tunnel address yet</source>
        <translation>ホスト名 %1 は含まれていません: 自宅サーバー %2 にトンネルアドレスがまだありません</translation>
    </message>
</context>
<context>
    <name>ProviderDnsActuator</name>
    <message>
        <source>route %1: zone %2 does not exist</source>
        <translation>ホスト名 %1: DNS ゾーン %2 は存在しません</translation>
    </message>
    <message>
        <source>%1: manual zone, DNS not changed</source>
        <translation>%1: 手動管理の DNS ゾーンのため、DNS は変更していません</translation>
    </message>
    <message>
        <source>%1 is not in zone %2</source>
        <translation>%1 は DNS ゾーン %2 に含まれていません</translation>
    </message>
</context>
<context>
    <name>ProviderFactory</name>
    <message>
        <source>must be an http(s) URL</source>
        <translation>http(s) の URL を指定してください</translation>
    </message>
    <message>
        <source>must be one of: %1</source>
        <translation>次のいずれかを指定してください: %1</translation>
    </message>
    <message>
        <source>is required for a command provider</source>
        <translation>コマンド型のプロバイダーでは必須です</translation>
    </message>
    <message>
        <source>is required: 1-63 lowercase letters, digits, . _ or -</source>
        <translation>必須です: 1～63 文字の英小文字、数字、. _ -</translation>
    </message>
    <message>
        <source>provider %1</source>
        <translation>プロバイダー %1</translation>
    </message>
    <message>
        <source>is for DigitalOcean only: Hetzner and Vultr keep an address with `edge burn --keep-ip` without it</source>
        <translation>は DigitalOcean 専用です。Hetzner と Vultr では、これがなくても `edge burn --keep-ip` でアドレスを引き継げます</translation>
    </message>
</context>
<context>
    <name>ProviderService</name>
    <message>
        <source>provider %1 does not exist</source>
        <translation>プロバイダー %1 はありません</translation>
    </message>
    <message>
        <source>reading the token of provider %1</source>
        <translation>プロバイダー %1 のトークンを読み込み中</translation>
    </message>
    <message>
        <source>server %1 is edge %2: remove the edge first</source>
        <translation>サーバー %1 は入口ノード %2 です。先に入口ノードを削除してください</translation>
    </message>
    <message>
        <source>provider %1 has no server %2 that Kokoa made</source>
        <translation>プロバイダー %1 に Kokoa が作成したサーバー %2 はありません</translation>
    </message>
</context>
<context>
    <name>ProviderStore</name>
    <message>
        <source>server</source>
        <translation>サーバー</translation>
    </message>
    <message>
        <source>provider %1 exists already</source>
        <translation>プロバイダー %1 はすでにあります</translation>
    </message>
    <message numerus="yes">
        <source>provider %1 still has %n server(s) Kokoa made that are not destroyed</source>
        <translation>
            <numerusform>プロバイダー %1 には、Kokoa が作成してまだ削除していないサーバーが %n 台あります</numerusform>
        </translation>
    </message>
    <message>
        <source>provider</source>
        <translation>プロバイダー</translation>
    </message>
</context>
<context>
    <name>RemoteShell</name>
    <message>
        <source>%1: %2 exited with status %3: %4</source>
        <translation>%1: %2 が終了ステータス %3 で終了しました: %4</translation>
    </message>
</context>
<context>
    <name>RemovedEdgeCertificates</name>
    <message>
        <source>edge %1 is removed, but which certificates it held cannot be read</source>
        <translation>入口ノード %1 は削除しましたが、この入口ノードが保持していた証明書を読み取れません</translation>
    </message>
</context>
<context>
    <name>ReplacementProbe</name>
    <message>
        <source>edge %1 has no public address to probe</source>
        <translation>入口ノード %1 には確認できる公開アドレスがありません</translation>
    </message>
    <message>
        <source>edge %1 does not serve %2 yet: %3</source>
        <translation>入口ノード %1 はまだ %2 を配信していません: %3</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>応答なし</translation>
    </message>
</context>
<context>
    <name>Rfc2136Provider</name>
    <message>
        <source>DNS zone %1 at %2 port %3</source>
        <translation>DNS ゾーン %1（サーバー %2、ポート %3）</translation>
    </message>
    <message>
        <source>%1 is not inside the zone %2</source>
        <translation>%1 は DNS ゾーン %2 に含まれていません</translation>
    </message>
    <message>
        <source>%1: %2 failed: %3</source>
        <translation>%1: %2 に失敗しました: %3</translation>
    </message>
    <message>
        <source>could not send within %1 ms</source>
        <translation>%1 ミリ秒以内に送信できませんでした</translation>
    </message>
    <message>
        <source>no reply within %1 ms</source>
        <translation>%1 ミリ秒以内に応答がありません</translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation>サーバーが接続を閉じました</translation>
    </message>
    <message>
        <source>the reply does not answer the request</source>
        <translation>応答がリクエストに対応していません</translation>
    </message>
    <message>
        <source>the reply is truncated (TC flag set)</source>
        <translation>応答が切り詰められています（TC フラグあり）</translation>
    </message>
    <message>
        <source>querying %1 %2</source>
        <translation>%1 %2 の問い合わせ</translation>
    </message>
    <message>
        <source>%1: querying %2 %3 failed: %4</source>
        <translation>%1: %2 %3 の問い合わせに失敗しました: %4</translation>
    </message>
    <message>
        <source>%1: the server is not authoritative for %2 (delegated elsewhere?)</source>
        <translation>%1: サーバーは %2 の権威サーバーではありません（別の場所に委任されている可能性があります）</translation>
    </message>
    <message>
        <source>%1: the server has no SOA for the zone</source>
        <translation>%1: サーバーにこの DNS ゾーンの SOA がありません</translation>
    </message>
    <message>
        <source>checking update permission</source>
        <translation>更新権限の確認</translation>
    </message>
    <message>
        <source>%1: key %2 may not update the zone: %3</source>
        <translation>%1: 鍵 %2 にはこの DNS ゾーンの更新権限がありません: %3</translation>
    </message>
    <message>
        <source>listing the zone (AXFR)</source>
        <translation>DNS ゾーンの一覧の取得（AXFR）</translation>
    </message>
    <message>
        <source>the server does not let key %1 list the zone (%2)</source>
        <translation>サーバーは鍵 %1 による DNS ゾーンの一覧の取得を許可していません（%2）</translation>
    </message>
    <message numerus="yes">
        <source>the zone is larger than one transfer message: %n record(s) listed</source>
        <translation>
            <numerusform>DNS ゾーンが 1 回の転送メッセージに収まりません。取得したのは %n 件のレコードです</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: no valid DNS owner id for this installation</source>
        <translation>%1: このインストールに有効な DNS 所有者 ID がありません</translation>
    </message>
    <message>
        <source>record %1 does not belong to %2</source>
        <translation>レコード %1 は %2 のものではありません</translation>
    </message>
    <message>
        <source>%1: %2 is not this installation&apos;s record</source>
        <translation>%1: %2 はこのインストールのレコードではありません</translation>
    </message>
    <message>
        <source>%1: the records of %2 must be read before they are changed</source>
        <translation>%1: %2 のレコードは変更する前に読み込む必要があります</translation>
    </message>
    <message>
        <source>updating %1</source>
        <translation>%1 の更新</translation>
    </message>
    <message>
        <source>%1: the ownership records at %2 changed since they were read (%3); nothing was changed, read them again</source>
        <translation>%1: %2 の所有者レコードが読み込み後に変更されました（%3）。何も変更していません。もう一度読み込んでください</translation>
    </message>
    <message>
        <source>%1: the server refused the update of %2: %3</source>
        <translation>%1: サーバーが %2 の更新を拒否しました: %3</translation>
    </message>
    <message>
        <source>adding the ACME TXT record at %1</source>
        <translation>%1 への ACME TXT レコードの追加</translation>
    </message>
    <message>
        <source>removing the ACME TXT record at %1</source>
        <translation>%1 の ACME TXT レコードの削除</translation>
    </message>
    <message>
        <source>%1: the server refused %2: %3</source>
        <translation>%1: サーバーが%2を拒否しました: %3</translation>
    </message>
    <message>
        <source>%1: the records of %2 must be read before they are changed, once</source>
        <translation>%1: %2 のレコードは、変更する前に一度読み込む必要があります</translation>
    </message>
</context>
<context>
    <name>RouteDialog</name>
    <message>
        <source>&amp;Hostname:</source>
        <translation>ホスト名(&amp;H):</translation>
    </message>
    <message>
        <source>www.example.com</source>
        <translation>www.example.com</translation>
    </message>
    <message>
        <source>&amp;Origin:</source>
        <translation>自宅サーバー(&amp;O):</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>ポート(&amp;P):</translation>
    </message>
    <message>
        <source>port of the service on the origin, e.g. 8080</source>
        <translation>自宅サーバー上のサービスのポート (例: 8080)</translation>
    </message>
    <message>
        <source>&amp;WebSocket:</source>
        <translation>WebSocket(&amp;W):</translation>
    </message>
    <message>
        <source>The service uses WebSocket</source>
        <translation>このサービスは WebSocket を使う</translation>
    </message>
    <message>
        <source>&amp;Health check path:</source>
        <translation>ヘルスチェックのパス(&amp;H):</translation>
    </message>
    <message>
        <source>&amp;Timeout (s):</source>
        <translation>タイムアウト (秒)(&amp;T):</translation>
    </message>
    <message>
        <source>Maximum &amp;body size:</source>
        <translation>最大ボディサイズ(&amp;B):</translation>
    </message>
    <message>
        <source>e.g. 10m, 512k; 0 for no limit</source>
        <translation>例: 10m、512k。0 で無制限</translation>
    </message>
    <message>
        <source>TL&amp;S:</source>
        <translation>TLS(&amp;S):</translation>
    </message>
    <message>
        <source>Certificate by HTTP-01</source>
        <translation>HTTP-01 で証明書を取得</translation>
    </message>
    <message>
        <source>Certificate by DNS-01</source>
        <translation>DNS-01 で証明書を取得</translation>
    </message>
    <message>
        <source>No TLS</source>
        <translation>TLS なし</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>must be letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;</source>
        <translation>英字、数字、&apos;.&apos;、&apos;_&apos;、&apos;-&apos; で指定してください</translation>
    </message>
    <message>
        <source>cannot create the secrets directory %1</source>
        <translation>シークレットのディレクトリ %1 を作成できません</translation>
    </message>
    <message>
        <source>cannot write secret %1: %2; the stored value is unchanged</source>
        <translation>シークレット %1 を書き込めません: %2。保存済みの値は変更していません</translation>
    </message>
    <message>
        <source>only %1 of %2 bytes written (disk full?)</source>
        <translation>%2 バイト中 %1 バイトしか書き込めませんでした（ディスクの空き不足？）</translation>
    </message>
    <message>
        <source>secret %1 is missing from %2</source>
        <translation>シークレット %1 が %2 にありません</translation>
    </message>
    <message>
        <source>cannot remove secret %1</source>
        <translation>シークレット %1 を削除できません</translation>
    </message>
</context>
<context>
    <name>ServerReadiness</name>
    <message>
        <source>server %1 disappeared at the provider while booting</source>
        <translation>サーバー %1 が起動中にプロバイダー側から消えました</translation>
    </message>
    <message>
        <source>server %1 was not running after %2 s (status %3)</source>
        <translation>サーバー %1 は %2 秒たっても稼働していません (状態 %3)</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>IPv4 range tunnel addresses are taken from</source>
        <translation>トンネルアドレスを割り当てる IPv4 の範囲</translation>
    </message>
    <message>
        <source>s</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>TTL in seconds of the A/AAAA records Kokoa manages</source>
        <translation>Kokoa が管理する A/AAAA レコードの TTL（秒）</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ミリ秒</translation>
    </message>
    <message>
        <source>time between two probes of one target</source>
        <translation>同じ対象へのヘルスチェックの間隔</translation>
    </message>
    <message>
        <source>probe timeout, shorter than the interval</source>
        <translation>ヘルスチェックのタイムアウト（間隔より短い値）</translation>
    </message>
    <message>
        <source>probes</source>
        <translation>回</translation>
    </message>
    <message>
        <source>failed probes in a row before a target is down</source>
        <translation>異常と判定するまでの連続失敗回数</translation>
    </message>
    <message>
        <source>good probes in a row before a target is up</source>
        <translation>正常と判定するまでの連続成功回数</translation>
    </message>
    <message>
        <source>seconds a flapping edge waits before it returns</source>
        <translation>正常と異常を繰り返す入口ノードを DNS に戻すまでの待機時間（秒）</translation>
    </message>
    <message>
        <source>seconds between two reads of DNS by the monitor (repairs changes made by others)</source>
        <translation>監視が DNS を読み直す間隔（他で加えられた変更を修正します）</translation>
    </message>
    <message>
        <source>requests/s</source>
        <translation>リクエスト/秒</translation>
    </message>
    <message>
        <source>requests per second per client address</source>
        <translation>クライアントのアドレスごとの毎秒リクエスト数</translation>
    </message>
    <message>
        <source>requests</source>
        <translation>リクエスト</translation>
    </message>
    <message>
        <source>requests a client may send above the rate</source>
        <translation>クライアントがレートを超えて送信できるリクエスト数（バースト）</translation>
    </message>
    <message>
        <source>connections</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>open connections per client address</source>
        <translation>クライアントのアドレスごとの同時接続数</translation>
    </message>
    <message>
        <source>requests per second per client, under attack</source>
        <translation>攻撃対策モードでのクライアントごとの毎秒リクエスト数</translation>
    </message>
    <message>
        <source>burst per client, under attack</source>
        <translation>攻撃対策モードでのクライアントごとのバースト</translation>
    </message>
    <message>
        <source>open connections per client, under attack</source>
        <translation>攻撃対策モードでのクライアントごとの同時接続数</translation>
    </message>
    <message>
        <source>language of the desktop window: auto (the system&apos;s), en or ja</source>
        <translation>デスクトップ画面の表示言語: auto (システムの言語)、en、ja</translation>
    </message>
    <message>
        <source>re-key and revoke the certificates a removed edge held (1), or only say how (0)</source>
        <translation>削除した入口ノードが持っていた証明書の鍵の作り直しと失効（1）、または手順の案内のみ（0）</translation>
    </message>
    <message>
        <source>1 = automatic</source>
        <translation>1 = 自動</translation>
    </message>
    <message>
        <source>seconds between two readings of an edge&apos;s load (requests/s, connections)</source>
        <translation>入口ノードの負荷（リクエスト/秒、接続数）を読み取る間隔（秒）</translation>
    </message>
    <message>
        <source>an edge above this many requests/s is switched to the under-attack profile (0 = never automatically)</source>
        <translation>リクエスト/秒がこの値を超えた入口ノードを攻撃対策モードに切り替える（0 = 自動では切り替えない）</translation>
    </message>
    <message>
        <source>true: the monitor holding the DNS lease burns and replaces an edge that stays down from every vantage</source>
        <translation>true: DNS を操作中の監視プロセスが、どの地点から見ても停止したままの入口ノードを破棄して交換します</translation>
    </message>
    <message>
        <source>seconds an edge stays down from every vantage before it is replaced automatically</source>
        <translation>どの地点から見ても停止した入口ノードを自動で交換するまでの秒数</translation>
    </message>
    <message>
        <source>replacements</source>
        <translation>回</translation>
    </message>
    <message>
        <source>automatic replacements in 24 hours after which Kokoa only alerts</source>
        <translation>24 時間あたりの自動交換の上限（超えると通知のみ）</translation>
    </message>
</context>
<context>
    <name>SettingsStore</name>
    <message>
        <source>tunnel.range: %1 does not contain %2 of %3 %4; remove or re-add the hosts outside the new range first</source>
        <translation>tunnel.range: %1 には %3 %4 の %2 が含まれません。新しい範囲外のホストを先に削除するか、追加し直してください</translation>
    </message>
    <message>
        <source>tunnel.range: %1 of %2 %3 %4; remove or re-add that host first</source>
        <translation>tunnel.range: %2 %3 の %1 は %4。先にそのホストを削除するか、追加し直してください</translation>
    </message>
</context>
<context>
    <name>SshIdentity</name>
    <message>
        <source>cannot export Kokoa&apos;s public SSH key</source>
        <translation>Kokoa の SSH 公開鍵を書き出せません</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>%1 を作成できません</translation>
    </message>
    <message>
        <source>cannot read Kokoa&apos;s SSH key %1</source>
        <translation>Kokoa の SSH 鍵 %1 を読み込めません</translation>
    </message>
    <message>
        <source>cannot generate an ed25519 SSH key</source>
        <translation>ed25519 の SSH 鍵を生成できません</translation>
    </message>
    <message>
        <source>cannot write Kokoa&apos;s SSH key to %1</source>
        <translation>Kokoa の SSH 鍵を %1 に書き込めません</translation>
    </message>
</context>
<context>
    <name>SshSession</name>
    <message>
        <source>%1: %2 failed: %3</source>
        <translation>%1: %2 に失敗しました: %3</translation>
    </message>
    <message>
        <source>cannot create an SSH session</source>
        <translation>SSH セッションを作成できません</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>reading the host key</source>
        <translation>ホスト鍵の読み取り</translation>
    </message>
    <message>
        <source>hashing the host key</source>
        <translation>ホスト鍵のハッシュ計算</translation>
    </message>
    <message>
        <source>%1: the host key is %2, not the %3 you accepted; nothing was done</source>
        <translation>%1: ホスト鍵は %2 で、承認した %3 とは異なります。何も実行していません</translation>
    </message>
    <message>
        <source>%1: the SSH host key CHANGED (pinned %2, offered %3). Kokoa refuses to work with this host: someone may be intercepting the connection. If the server was reinstalled, check the new key on it and repin it.</source>
        <translation>%1: SSH ホスト鍵が変わっています（登録済み: %2、提示された鍵: %3）。通信が傍受されている可能性があるため、Kokoa はこのホストでの作業を中止します。サーバーを再インストールした場合は、サーバー上で新しい鍵を確認してから登録し直してください。</translation>
    </message>
    <message>
        <source>%1: first connection; the host key fingerprint is %2. Compare it with the server&apos;s (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub)</source>
        <translation>%1: 初めての接続です。ホスト鍵のフィンガープリントは %2 です。サーバー上のもの（ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub）と照合してください</translation>
    </message>
    <message>
        <source>identity: cannot read the private key %1</source>
        <translation>identity: 秘密鍵 %1 を読み込めません</translation>
    </message>
    <message>
        <source>%1: the server refused the key %2</source>
        <translation>%1: サーバーが鍵 %2 を拒否しました</translation>
    </message>
    <message>
        <source>%1: the server refused the password</source>
        <translation>%1: サーバーがパスワードを拒否しました</translation>
    </message>
    <message>
        <source>%1: no key or password to log in with</source>
        <translation>%1: ログインに使う鍵もパスワードもありません</translation>
    </message>
    <message>
        <source>empty command</source>
        <translation>コマンドが空です</translation>
    </message>
    <message>
        <source>refusing a command argument with a line break or NUL</source>
        <translation>改行または NUL を含むコマンド引数は実行できません</translation>
    </message>
    <message>
        <source>%1: %2 did not finish within %3 s: the host stopped answering and the connection was dropped</source>
        <translation>%1: %2 が %3 秒以内に終わりませんでした。ホストの応答が止まったため、接続を切断しました</translation>
    </message>
    <message>
        <source>opening a channel</source>
        <translation>チャネルのオープン</translation>
    </message>
    <message>
        <source>opening a session for %1</source>
        <translation>%1 のセッションのオープン</translation>
    </message>
    <message>
        <source>starting %1</source>
        <translation>%1 の開始</translation>
    </message>
    <message>
        <source>sending input to %1</source>
        <translation>%1 への入力の送信</translation>
    </message>
    <message>
        <source>%1: %2 was cancelled</source>
        <translation>%1: %2 はキャンセルされました</translation>
    </message>
    <message>
        <source>%1: %2 did not finish within %3 s</source>
        <translation>%1: %2 が %3 秒以内に終わりませんでした</translation>
    </message>
    <message>
        <source>reading the output of %1</source>
        <translation>%1 の出力の読み取り</translation>
    </message>
    <message>
        <source>reading the errors of %1</source>
        <translation>%1 のエラー出力の読み取り</translation>
    </message>
    <message>
        <source>%1: %2 sent more than %3 bytes of output; Kokoa stopped reading it and closed the channel</source>
        <translation>%1: %2 の出力が %3 バイトを超えたため、読み取りを中止してチャネルを閉じました</translation>
    </message>
    <message>
        <source>%1: uploading %2 stopped: %3 (%4 s allowed in all, %5 s without progress); the live file was not touched and the connection was dropped</source>
        <translation>%1: %2 のアップロードを中止しました: %3（全体で %4 秒、進捗なしで %5 秒まで）。稼働中のファイルは変更せず、接続を切断しました</translation>
    </message>
    <message>
        <source>starting SFTP</source>
        <translation>SFTP の開始</translation>
    </message>
    <message>
        <source>creating %1</source>
        <translation>%1 の作成</translation>
    </message>
    <message>
        <source>writing %1</source>
        <translation>%1 の書き込み</translation>
    </message>
    <message>
        <source>closing %1</source>
        <translation>%1 のクローズ</translation>
    </message>
    <message>
        <source>setting the mode of %1</source>
        <translation>%1 のモードの設定</translation>
    </message>
    <message>
        <source>refusing to upload to the relative or climbing path %1</source>
        <translation>相対パスまたは上位をたどるパス %1 にはアップロードできません</translation>
    </message>
    <message>
        <source>%1: reading %2 failed: %3</source>
        <translation>%1: %2 の読み取りに失敗しました: %3</translation>
    </message>
    <message>
        <source>%1: installing Kokoa&apos;s key failed: %2</source>
        <translation>%1: Kokoa の公開鍵のインストールに失敗しました: %2</translation>
    </message>
</context>
<context>
    <name>StallGuard</name>
    <message>
        <source>it did not finish within the deadline</source>
        <translation>期限内に終わりませんでした</translation>
    </message>
    <message>
        <source>no progress for %1 s</source>
        <translation>%1 秒間進捗がありません</translation>
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
        <translation>%1 %2 は存在しません</translation>
    </message>
</context>
<context>
    <name>StubStatus</name>
    <message>
        <source>the nginx status page answered %1 instead of 200</source>
        <translation>nginx のステータスページが 200 ではなく %1 を返しました</translation>
    </message>
    <message>
        <source>the nginx status page is not a stub_status page (%1 bytes)</source>
        <translation>nginx のステータスページが stub_status の形式ではありません（%1 バイト）</translation>
    </message>
    <message>
        <source>the nginx status page holds a number too big</source>
        <translation>nginx のステータスページの数値が大きすぎます</translation>
    </message>
    <message>
        <source>%1: the nginx status page on %2 did not answer (exit %3): %4</source>
        <translation>%1: %2 の nginx ステータスページが応答しません（終了コード %3）: %4</translation>
    </message>
</context>
<context>
    <name>TopologyImport</name>
    <message>
        <source>import: %1 zones, %2 origins, %3 edges, %4 routes</source>
        <translation>インポート: DNS ゾーン %1、自宅サーバー %2、入口ノード %3、ホスト名 %4</translation>
    </message>
    <message>
        <source>%1 %2: tunnel address %3 %4</source>
        <translation>%1 %2: トンネルアドレス %3 は %4</translation>
    </message>
</context>
<context>
    <name>TopologyJson</name>
    <message>
        <source>unknown key</source>
        <translation>不明なキーです</translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation>文字列で指定してください</translation>
    </message>
    <message>
        <source>must be a whole number from %1 to %2</source>
        <translation>%1〜%2 の整数で指定してください</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>true または false で指定してください</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>オブジェクトで指定してください</translation>
    </message>
    <message>
        <source>%1 is not one of the allowed values</source>
        <translation>%1 は使える値ではありません</translation>
    </message>
    <message>
        <source>%1: must be an array</source>
        <translation>%1: 配列で指定してください</translation>
    </message>
    <message>
        <source>%1: must be an object</source>
        <translation>%1: オブジェクトで指定してください</translation>
    </message>
    <message>
        <source>the file is not a JSON object: %1 at offset %2</source>
        <translation>ファイルが JSON オブジェクトではありません: オフセット %2 で %1</translation>
    </message>
    <message>
        <source>must be &quot;kokoa&quot;</source>
        <translation>&quot;kokoa&quot; を指定してください</translation>
    </message>
    <message>
        <source>settings.%1: must be a string</source>
        <translation>settings.%1: 文字列で指定してください</translation>
    </message>
</context>
<context>
    <name>TopologyStore</name>
    <message>
        <source>zone %1 already exists</source>
        <translation>DNS ゾーン %1 はすでに存在します</translation>
    </message>
    <message numerus="yes">
        <source>zone %1 is used by %n route(s): %2; remove them first</source>
        <translation>
            <numerusform>DNS ゾーン %1 は %n 件のホスト名で使われています: %2。先にそれらを削除してください</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 already exists</source>
        <translation>%1 はすでに存在します</translation>
    </message>
    <message numerus="yes">
        <source>origin %1 is still used by %n route(s): %2; remove or move them first</source>
        <translation>
            <numerusform>自宅サーバー %1 はまだ %n 件のホスト名で使われています: %2。先にそれらを削除するか、別の自宅サーバーに移してください</numerusform>
        </translation>
    </message>
    <message>
        <source>route %1 already exists</source>
        <translation>ホスト名 %1 はすでに存在します</translation>
    </message>
</context>
<context>
    <name>Tsig</name>
    <message>
        <source>malformed TSIG record</source>
        <translation>不正な TSIG レコードです</translation>
    </message>
    <message>
        <source>malformed TSIG algorithm name</source>
        <translation>不正な TSIG アルゴリズム名です</translation>
    </message>
    <message>
        <source>TSIG algorithm %1 is not supported (hmac-sha256, hmac-sha384, hmac-sha512)</source>
        <translation>TSIG アルゴリズム %1 には対応していません（hmac-sha256、hmac-sha384、hmac-sha512 に対応）</translation>
    </message>
    <message>
        <source>the TSIG secret of %1 is shorter than 16 bytes</source>
        <translation>%1 の TSIG シークレットが 16 バイト未満です</translation>
    </message>
    <message>
        <source>unsupported TSIG algorithm %1</source>
        <translation>対応していない TSIG アルゴリズム %1 です</translation>
    </message>
    <message>
        <source>computing the TSIG HMAC failed</source>
        <translation>TSIG の HMAC の計算に失敗しました</translation>
    </message>
    <message>
        <source>cannot sign a message without a header</source>
        <translation>ヘッダーのないメッセージには署名できません</translation>
    </message>
    <message>
        <source>the DNS server&apos;s reply is not signed (%1)</source>
        <translation>DNS サーバーの応答に署名がありません（%1）</translation>
    </message>
    <message>
        <source>: the TSIG secret is wrong</source>
        <translation>。TSIG シークレットが間違っています</translation>
    </message>
    <message>
        <source>: the server does not know this key name and algorithm</source>
        <translation>。サーバーはこの鍵の名前とアルゴリズムを認識していません</translation>
    </message>
    <message>
        <source>: this machine&apos;s clock and the server&apos;s differ by more than %1 s</source>
        <translation>。このマシンとサーバーの時計が %1 秒以上ずれています</translation>
    </message>
    <message>
        <source>the DNS server rejected the TSIG signature of key %1: %2 (%3)%4</source>
        <translation>DNS サーバーが鍵 %1 の TSIG 署名を拒否しました: %2（%3）%4</translation>
    </message>
    <message>
        <source>the DNS reply is signed with key %1 (%2), expected %3 (%4)</source>
        <translation>DNS の応答は鍵 %1（%2）で署名されていますが、期待した鍵は %3（%4）です</translation>
    </message>
    <message>
        <source>the TSIG signature of the DNS reply does not verify (key %1)</source>
        <translation>DNS の応答の TSIG 署名を検証できません（鍵 %1）</translation>
    </message>
    <message>
        <source>the DNS reply was signed %1 s away from this machine&apos;s clock (fudge %2 s)</source>
        <translation>DNS の応答の署名時刻がこのマシンの時計と %1 秒ずれています（許容 %2 秒）</translation>
    </message>
</context>
<context>
    <name>TunnelAllocator</name>
    <message>
        <source>tunnel.range: %1 is not an IPv4 range from /8 to /29</source>
        <translation>tunnel.range: %1 は /8〜/29 の IPv4 の範囲ではありません</translation>
    </message>
    <message>
        <source>tunnel.range %1 has no free address left (addresses stay reserved while a deployed config refers to them)</source>
        <translation>tunnel.range %1 に空きアドレスがありません（デプロイ済みの設定が参照している間、アドレスは予約されたままです）</translation>
    </message>
    <message>
        <source>a removed host that deployed configs still refer to</source>
        <translation>デプロイ済みの設定がまだ参照している削除済みのホスト</translation>
    </message>
    <message>
        <source>tunnel address %1 is taken by %2</source>
        <translation>トンネルアドレス %1 は %2 が使っています</translation>
    </message>
    <message>
        <source>is outside tunnel.range %1</source>
        <translation>tunnel.range %1 の範囲外です</translation>
    </message>
    <message>
        <source>is the network address of tunnel.range %1</source>
        <translation>tunnel.range %1 のネットワークアドレスです</translation>
    </message>
    <message>
        <source>is the broadcast address of tunnel.range %1</source>
        <translation>tunnel.range %1 のブロードキャストアドレスです</translation>
    </message>
</context>
<context>
    <name>TunnelCheck</name>
    <message>
        <source>it runs with the public key %1, not %2 (the key in %3, which the peers were given)</source>
        <translation>公開鍵 %2（%3 にあり、ピアに配布した鍵）ではなく %1 で動作しています</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（なし）</translation>
    </message>
    <message>
        <source>its peers are [%1], not [%2]</source>
        <translation>ピアが [%2] ではなく [%1] です</translation>
    </message>
    <message>
        <source>%1: the tunnel check was cancelled</source>
        <translation>%1: トンネルの確認がキャンセルされました</translation>
    </message>
    <message>
        <source>%1: no WireGuard handshake with %2 within %3 s, so this edge cannot reach it through the tunnel; check that it is deployed and runs the key Kokoa distributed (kokoactl deploy --all)</source>
        <translation>%1: %3 秒以内に %2 との WireGuard ハンドシェイクがなく、この入口ノードからトンネル経由で到達できません。相手が反映済みで、Kokoa が配布した鍵で動作しているか確認してください（kokoactl deploy --all）</translation>
    </message>
</context>
<context>
    <name>TxtPropagation</name>
    <message>
        <source>the name server %1 does not resolve</source>
        <translation>ネームサーバー %1 の名前を解決できません</translation>
    </message>
    <message>
        <source>asking %1 for the TXT records at %2: %3</source>
        <translation>%1 への %2 の TXT レコードの問い合わせ: %3</translation>
    </message>
    <message>
        <source>%1 answered %2 for the TXT records at %3</source>
        <translation>%1 は %3 の TXT レコードに %2 を返しました</translation>
    </message>
    <message>
        <source>%1 did not answer the question for the TXT records at %2 within %3 ms</source>
        <translation>%1 は %2 の TXT レコードの問い合わせに %3 ミリ秒以内に応答しませんでした</translation>
    </message>
    <message>
        <source>no authoritative name server is known to check %1 on</source>
        <translation>%1 を確認する権威ネームサーバーがわかりません</translation>
    </message>
    <message>
        <source>%1 does not answer it yet</source>
        <translation>%1 はまだ応答していません</translation>
    </message>
    <message>
        <source>the TXT record at %1 was not served by every authoritative name server within %2 s (%3)</source>
        <translation>%1 の TXT レコードが %2 秒以内にすべての権威ネームサーバーから返されませんでした（%3）</translation>
    </message>
</context>
<context>
    <name>Validator</name>
    <message>
        <source>contains an empty label (two dots in a row, or a leading dot)</source>
        <translation>空のラベルが含まれています（ドットの連続、または先頭のドット）</translation>
    </message>
    <message>
        <source>label %1… is longer than 63 characters</source>
        <translation>ラベル %1… が 63 文字を超えています</translation>
    </message>
    <message>
        <source>labels may only contain letters, digits, &apos;-&apos; and &apos;_&apos;</source>
        <translation>ラベルに使えるのは英字、数字、&apos;-&apos;、&apos;_&apos; だけです</translation>
    </message>
    <message>
        <source>labels may only contain letters, digits and &apos;-&apos;</source>
        <translation>ラベルに使えるのは英字、数字、&apos;-&apos; だけです</translation>
    </message>
    <message>
        <source>a label may not start or end with &apos;-&apos;</source>
        <translation>ラベルの先頭と末尾に &apos;-&apos; は使えません</translation>
    </message>
    <message>
        <source>&apos;--&apos; in the third and fourth position is reserved for IDN (xn--)</source>
        <translation>3〜4 文字目の &apos;--&apos; は IDN（xn--）用に予約されています</translation>
    </message>
    <message>
        <source>contains control, invisible or space characters</source>
        <translation>制御文字、不可視文字、または空白が含まれています</translation>
    </message>
    <message>
        <source>is not in Unicode normal form C (decomposed or combining characters); type the name as it should appear</source>
        <translation>Unicode 正規化形式 C ではありません（分解された文字または結合文字）。表示されるとおりの名前を入力してください</translation>
    </message>
    <message>
        <source>contains a combining mark on a plain letter or at the start of a label</source>
        <translation>通常の文字の上、またはラベルの先頭に結合記号が含まれています</translation>
    </message>
    <message>
        <source>mixes letters of different scripts in one label (for example Cyrillic and Latin), which makes look-alike names</source>
        <translation>1 つのラベルに異なる文字体系（キリル文字とラテン文字など）が混在しています。見た目の紛らわしい名前になります</translation>
    </message>
    <message>
        <source>a name is required</source>
        <translation>名前を入力してください</translation>
    </message>
    <message>
        <source>a wildcard is not allowed here</source>
        <translation>ここではワイルドカードは使えません</translation>
    </message>
    <message>
        <source>a key name may only contain ASCII letters, digits, &apos;-&apos;, &apos;_&apos; and &apos;.&apos;</source>
        <translation>鍵の名前に使えるのは ASCII の英字、数字、&apos;-&apos;、&apos;_&apos;、&apos;.&apos; だけです</translation>
    </message>
    <message>
        <source>is not a valid internationalised domain name</source>
        <translation>有効な国際化ドメイン名ではありません</translation>
    </message>
    <message>
        <source>contains characters that IDNA maps to other characters (fullwidth or compatibility forms, ignorable characters, decomposed accents or dots other than &apos;.&apos;); type the name as it should appear</source>
        <translation>IDNA で別の文字に置き換えられる文字が含まれています（全角文字や互換文字、無視される文字、分解されたアクセント、&apos;.&apos; 以外のドット）。表示されるとおりの名前を入力してください</translation>
    </message>
    <message>
        <source>is longer than 253 characters</source>
        <translation>253 文字を超えています</translation>
    </message>
    <message>
        <source>contains an invalid punycode label</source>
        <translation>無効な Punycode のラベルが含まれています</translation>
    </message>
    <message>
        <source>must be a fully qualified name such as www.example.com</source>
        <translation>www.example.com のような完全修飾名で指定してください</translation>
    </message>
    <message>
        <source>the last label may not be a number (it would be read as an IP address)</source>
        <translation>最後のラベルを数字だけにすることはできません（IP アドレスと解釈されます）</translation>
    </message>
    <message>
        <source>must be a whole number from %1 to %2</source>
        <translation>%1〜%2 の整数で指定してください</translation>
    </message>
    <message>
        <source>the unspecified address is not usable</source>
        <translation>未指定アドレスは使えません</translation>
    </message>
    <message>
        <source>is a multicast or broadcast address</source>
        <translation>マルチキャストまたはブロードキャストのアドレスです</translation>
    </message>
    <message>
        <source>is an IPv4-compatible IPv6 address (deprecated); give the IPv4 address</source>
        <translation>IPv4 互換 IPv6 アドレス（非推奨）です。IPv4 アドレスで指定してください</translation>
    </message>
    <message>
        <source>is a %1 address, not a public one</source>
        <translation>%1です。公開アドレスではありません</translation>
    </message>
    <message>
        <source>must be an IPv4 address in dotted decimal, such as 198.51.7.10</source>
        <translation>198.51.7.10 のようなドット区切りの 10 進数の IPv4 アドレスで指定してください</translation>
    </message>
    <message>
        <source>must be an IPv6 address without brackets or zone, such as 2a01:4f8::1</source>
        <translation>2a01:4f8::1 のように、角かっこやゾーンを付けない IPv6 アドレスで指定してください</translation>
    </message>
    <message>
        <source>the embedded IPv4 part must be in dotted decimal</source>
        <translation>埋め込まれた IPv4 の部分はドット区切りの 10 進数で指定してください</translation>
    </message>
    <message>
        <source>must be 1 to 32 lowercase letters, digits or &apos;-&apos;, starting and ending with a letter or digit</source>
        <translation>小文字の英字、数字、&apos;-&apos; を使って 1〜32 文字で指定してください（先頭と末尾は英字か数字）</translation>
    </message>
    <message>
        <source>the user name must be 1 to 32 lowercase letters, digits, &apos;_&apos; or &apos;-&apos;, not starting with a digit or &apos;-&apos;</source>
        <translation>ユーザー名は小文字の英字、数字、&apos;_&apos;、&apos;-&apos; を使って 1〜32 文字で指定してください（先頭に数字と &apos;-&apos; は使えません）</translation>
    </message>
    <message>
        <source>an IPv6 address needs a closing &apos;]&apos;</source>
        <translation>IPv6 アドレスに閉じる &apos;]&apos; がありません</translation>
    </message>
    <message>
        <source>expected &apos;:port&apos; after &apos;]&apos;</source>
        <translation>&apos;]&apos; の後には &apos;:ポート&apos; が必要です</translation>
    </message>
    <message>
        <source>write an IPv6 address in brackets: user@[2a01:4f8::1]:22</source>
        <translation>IPv6 アドレスは角かっこで囲んでください: user@[2a01:4f8::1]:22</translation>
    </message>
    <message>
        <source>must start with &apos;/&apos; and contain only letters, digits, %-escapes and . _ ~ / = &amp; ? - (at most 256 characters)</source>
        <translation>&apos;/&apos; で始め、英字、数字、%エスケープ、. _ ~ / = &amp; ? - だけを使って指定してください（256 文字以内）</translation>
    </message>
    <message>
        <source>may not contain &apos;//&apos;</source>
        <translation>&apos;//&apos; は使えません</translation>
    </message>
    <message>
        <source>may not contain &apos;.&apos; or &apos;..&apos; segments</source>
        <translation>&apos;.&apos; や &apos;..&apos; のセグメントは使えません</translation>
    </message>
    <message>
        <source>%-escapes may not encode control characters, &apos;%&apos;, &apos;/&apos;, &apos;\&apos; or characters that need no escape</source>
        <translation>%エスケープで制御文字、&apos;%&apos;、&apos;/&apos;、&apos;\&apos;、エスケープ不要な文字を表すことはできません</translation>
    </message>
    <message>
        <source>%-escapes must encode valid UTF-8 without invisible characters</source>
        <translation>%エスケープは不可視文字を含まない有効な UTF-8 を表す必要があります</translation>
    </message>
    <message>
        <source>must be 0 (unlimited) or a size such as 512k, 10m or 1g, at most 64g</source>
        <translation>0（無制限）または 512k、10m、1g のようなサイズで指定してください（最大 64g）</translation>
    </message>
    <message>
        <source>must be a WireGuard key: 44 characters of base64 as printed by &apos;wg pubkey&apos;</source>
        <translation>WireGuard の鍵（&apos;wg pubkey&apos; が出力する 44 文字の base64）で指定してください</translation>
    </message>
    <message>
        <source>must be a SHA256 fingerprint as ssh-keygen -l prints it, SHA256: followed by 43 base64 characters</source>
        <translation>ssh-keygen -l が出力する SHA256 フィンガープリント（SHA256: に続く 43 文字の base64）で指定してください</translation>
    </message>
    <message>
        <source>%1: must be 1 to 4096 printable characters without spaces (the value is not shown)</source>
        <translation>%1: 空白を含まない 1〜4096 文字の印字可能文字で指定してください（値は表示しません）</translation>
    </message>
    <message>
        <source>%1: must be a base64 key of at least 16 bytes, as made by tsig-keygen (the value is not shown)</source>
        <translation>%1: tsig-keygen で作成した 16 バイト以上の base64 の鍵を指定してください（値は表示しません）</translation>
    </message>
    <message>
        <source>must be an http(s) URL without user, query or fragment, such as https://api.cloudflare.com/client/v4</source>
        <translation>https://api.cloudflare.com/client/v4 のように、ユーザー、クエリ、フラグメントを含まない http(s) の URL で指定してください</translation>
    </message>
    <message>
        <source>plain http is only allowed to a loopback address (127.0.0.0/8 or [::1]); use https</source>
        <translation>暗号化なしの http はループバックアドレス（127.0.0.0/8 または [::1]）にだけ使えます。https を使ってください</translation>
    </message>
    <message>
        <source>a tunnel address must be private (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10)</source>
        <translation>トンネルアドレスはプライベートアドレス（10.0.0.0/8、172.16.0.0/12、192.168.0.0/16、100.64.0.0/10）である必要があります</translation>
    </message>
    <message>
        <source>must be an IPv4 network in CIDR form, /8 to /29, such as 10.100.0.0/16</source>
        <translation>10.100.0.0/16 のような CIDR 形式の IPv4 ネットワーク（/8〜/29）で指定してください</translation>
    </message>
    <message>
        <source>host bits are set; the network is %1/%2</source>
        <translation>ホスト部のビットが立っています。ネットワークは %1/%2 です</translation>
    </message>
    <message>
        <source>the tunnel range must lie inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10</source>
        <translation>トンネルの範囲は 10.0.0.0/8、172.16.0.0/12、192.168.0.0/16、100.64.0.0/10 のいずれかの中に収めてください</translation>
    </message>
    <message>
        <source>must be one of hmac-sha256, hmac-sha384, hmac-sha512</source>
        <translation>hmac-sha256、hmac-sha384、hmac-sha512 のいずれかを指定してください</translation>
    </message>
    <message>
        <source>must be 1 to 128 letters, digits, &apos;.&apos;, &apos;_&apos;, &apos;:&apos; or &apos;-&apos;</source>
        <translation>英字、数字、&apos;.&apos;、&apos;_&apos;、&apos;:&apos;、&apos;-&apos; を使って 1〜128 文字で指定してください</translation>
    </message>
    <message>
        <source>unknown setting (known: %1)</source>
        <translation>不明な設定です（使える設定: %1）</translation>
    </message>
    <message>
        <source>setting health.timeout_ms: %1 must be shorter than health.interval_ms (%2)</source>
        <translation>setting health.timeout_ms: %1 は health.interval_ms（%2）より短くしてください</translation>
    </message>
    <message>
        <source>&quot;this network&quot;</source>
        <translation>「このネットワーク」を表すアドレス</translation>
    </message>
    <message>
        <source>private</source>
        <translation>プライベートアドレス</translation>
    </message>
    <message>
        <source>carrier-grade NAT</source>
        <translation>キャリアグレード NAT のアドレス</translation>
    </message>
    <message>
        <source>loopback</source>
        <translation>ループバックアドレス</translation>
    </message>
    <message>
        <source>link-local</source>
        <translation>リンクローカルアドレス</translation>
    </message>
    <message>
        <source>IETF protocol assignment</source>
        <translation>IETF プロトコル割り当て用のアドレス</translation>
    </message>
    <message>
        <source>documentation</source>
        <translation>ドキュメント用のアドレス</translation>
    </message>
    <message>
        <source>6to4 relay anycast</source>
        <translation>6to4 リレーエニーキャストのアドレス</translation>
    </message>
    <message>
        <source>benchmarking</source>
        <translation>ベンチマーク用のアドレス</translation>
    </message>
    <message>
        <source>multicast</source>
        <translation>マルチキャストアドレス</translation>
    </message>
    <message>
        <source>reserved</source>
        <translation>予約済みのアドレス</translation>
    </message>
    <message>
        <source>unspecified</source>
        <translation>未指定アドレス</translation>
    </message>
    <message>
        <source>IPv4-mapped</source>
        <translation>IPv4 射影アドレス</translation>
    </message>
    <message>
        <source>local-use NAT64</source>
        <translation>ローカル用 NAT64 のアドレス</translation>
    </message>
    <message>
        <source>discard-only</source>
        <translation>破棄専用のアドレス</translation>
    </message>
    <message>
        <source>unique local (private)</source>
        <translation>ユニークローカル（プライベート）アドレス</translation>
    </message>
    <message>
        <source>site-local (deprecated)</source>
        <translation>サイトローカル（非推奨）アドレス</translation>
    </message>
    <message>
        <source>must be one of %1</source>
        <translation>%1 のいずれかにしてください</translation>
    </message>
</context>
<context>
    <name>VultrProvider</name>
    <message>
        <source>checking the Vultr API key</source>
        <translation>Vultr の API キーを確認中</translation>
    </message>
    <message>
        <source>creating instance %1 at Vultr</source>
        <translation>Vultr でインスタンス %1 を作成中</translation>
    </message>
    <message>
        <source>a Vultr instance id is a UUID</source>
        <translation>Vultr のインスタンス ID は UUID です</translation>
    </message>
    <message>
        <source>reading instance %1 at Vultr</source>
        <translation>Vultr のインスタンス %1 を読み込み中</translation>
    </message>
    <message>
        <source>destroying instance %1 at Vultr</source>
        <translation>Vultr のインスタンス %1 を削除中</translation>
    </message>
    <message>
        <source>listing Kokoa&apos;s instances at Vultr</source>
        <translation>Vultr にある Kokoa のインスタンスを一覧中</translation>
    </message>
    <message>
        <source>keep-ip: instance %1 no longer has a public IPv4 address at Vultr</source>
        <translation>keep-ip: Vultr のインスタンス %1 にはもうパブリック IPv4 アドレスがありません</translation>
    </message>
    <message>
        <source>keeping address %1 of instance %2 at Vultr</source>
        <translation>Vultr のインスタンス %2 のアドレス %1 を保持中</translation>
    </message>
    <message>
        <source>%1: the answer names no reserved IP</source>
        <translation>%1: 応答に予約 IP がありません</translation>
    </message>
    <message>
        <source>handing reserved IP %1 to its new instance at Vultr</source>
        <translation>Vultr の予約 IP %1 を新しいインスタンスに引き渡し中</translation>
    </message>
    <message>
        <source>a Vultr reserved IP id is a UUID</source>
        <translation>Vultr の予約 IP の ID は UUID です</translation>
    </message>
    <message>
        <source>listing reserved IPs at Vultr</source>
        <translation>Vultr の予約 IP を一覧表示中</translation>
    </message>
</context>
<context>
    <name>WatchdogService</name>
    <message>
        <source>%1 cannot be started</source>
        <translation>%1 を起動できません</translation>
    </message>
    <message>
        <source>%1: a path with control characters (such as a line break) cannot go into a systemd unit</source>
        <translation>%1: 制御文字（改行など）を含むパスは systemd ユニットに書けません</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 に書き込めません: %2</translation>
    </message>
    <message>
        <source>%1 %2 failed: %3</source>
        <translation>%1 %2 に失敗しました: %3</translation>
    </message>
    <message>
        <source>systemctl --user disable --now failed: %1</source>
        <translation>systemctl --user disable --now に失敗しました: %1</translation>
    </message>
    <message>
        <source>cannot remove %1</source>
        <translation>%1 を削除できません</translation>
    </message>
</context>
<context>
    <name>WireGuardKey</name>
    <message>
        <source>cannot load an X25519 private key</source>
        <translation>X25519 秘密鍵を読み込めません</translation>
    </message>
    <message>
        <source>cannot derive an X25519 public key</source>
        <translation>X25519 公開鍵を導出できません</translation>
    </message>
    <message>
        <source>the random number generator failed</source>
        <translation>乱数の生成に失敗しました</translation>
    </message>
    <message>
        <source>a WireGuard private key is 32 bytes of base64</source>
        <translation>WireGuard の秘密鍵は 32 バイトを base64 で表したものです</translation>
    </message>
</context>
<context>
    <name>WireGuardRenderer</name>
    <message>
        <source>no WireGuard public key yet</source>
        <translation>WireGuard の公開鍵がまだありません</translation>
    </message>
    <message>
        <source>no tunnel address yet</source>
        <translation>トンネルアドレスがまだありません</translation>
    </message>
    <message>
        <source>edge %1: origin %2 left out of the WireGuard peers: %3</source>
        <translation>入口ノード %1: 自宅サーバー %2 は WireGuard のピアに含まれていません（%3）</translation>
    </message>
    <message>
        <source>no public address</source>
        <translation>公開アドレスがありません</translation>
    </message>
    <message>
        <source>origin %1: edge %2 left out of the WireGuard peers: %3</source>
        <translation>自宅サーバー %1: 入口ノード %2 は WireGuard のピアに含まれていません（%3）</translation>
    </message>
</context>
<context>
    <name>WizardRoutePage</name>
    <message>
        <source>&amp;Hostname:</source>
        <translation>ホスト名(&amp;H):</translation>
    </message>
    <message>
        <source>e.g. www.example.com</source>
        <translation>例: www.example.com</translation>
    </message>
    <message>
        <source>&amp;Origin:</source>
        <translation>自宅サーバー(&amp;O):</translation>
    </message>
    <message>
        <source>&amp;Port on the origin:</source>
        <translation>自宅サーバー側のポート(&amp;P):</translation>
    </message>
    <message>
        <source>e.g. 8080</source>
        <translation>例: 8080</translation>
    </message>
    <message>
        <source>&amp;WebSocket (long-lived connections)</source>
        <translation>WebSocket (長時間の接続)(&amp;W)</translation>
    </message>
    <message>
        <source>H&amp;ealth check path:</source>
        <translation>ヘルスチェックのパス(&amp;E):</translation>
    </message>
    <message>
        <source>&amp;Add hostname</source>
        <translation>ホスト名を追加(&amp;A)</translation>
    </message>
    <message>
        <source>Hostnames added:</source>
        <translation>追加済みのホスト名:</translation>
    </message>
</context>
<context>
    <name>WizardZonePage</name>
    <message>
        <source>&amp;Zone:</source>
        <translation>DNS ゾーン(&amp;Z):</translation>
    </message>
    <message>
        <source>e.g. example.com</source>
        <translation>例: example.com</translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation>プロバイダー(&amp;P):</translation>
    </message>
    <message>
        <source>Cloudflare</source>
        <translation>Cloudflare</translation>
    </message>
    <message>
        <source>RFC 2136 (DNS UPDATE with a TSIG key)</source>
        <translation>RFC 2136 (TSIG 鍵による DNS UPDATE)</translation>
    </message>
    <message>
        <source>Manual (Kokoa does not change DNS)</source>
        <translation>手動 (Kokoa は DNS を変更しません)</translation>
    </message>
    <message>
        <source>API &amp;token:</source>
        <translation>API トークン(&amp;T):</translation>
    </message>
    <message>
        <source>a token allowed to edit the zone&apos;s DNS</source>
        <translation>この DNS ゾーンを編集できるトークン</translation>
    </message>
    <message>
        <source>API &amp;address:</source>
        <translation>API のアドレス(&amp;A):</translation>
    </message>
    <message>
        <source>empty: Cloudflare&apos;s public API</source>
        <translation>空欄: Cloudflare の公開 API</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>サーバー(&amp;S):</translation>
    </message>
    <message>
        <source>host or host:port (port 53 if left out)</source>
        <translation>ホスト または ホスト:ポート (省略時はポート 53)</translation>
    </message>
    <message>
        <source>TSIG key &amp;name:</source>
        <translation>TSIG 鍵の名前(&amp;N):</translation>
    </message>
    <message>
        <source>TSIG s&amp;ecret:</source>
        <translation>TSIG シークレット(&amp;E):</translation>
    </message>
    <message>
        <source>base64, as in the server&apos;s key file</source>
        <translation>base64 (サーバーの鍵ファイルに書かれたもの)</translation>
    </message>
    <message>
        <source>&amp;Algorithm:</source>
        <translation>アルゴリズム(&amp;A):</translation>
    </message>
    <message>
        <source>Kokoa will not change this zone&apos;s DNS: you point each hostname at your edges yourself, and there is no automatic failover.</source>
        <translation>Kokoa はこの DNS ゾーンを変更しません。各ホスト名を入口ノードに向ける設定はご自身で行ってください。自動フェイルオーバーは働きません。</translation>
    </message>
    <message>
        <source>&amp;Test access</source>
        <translation>接続テスト(&amp;T)</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>アドレス</translation>
    </message>
</context>
<context>
    <name>ZoneCredentialCheck</name>
    <message>
        <source>zone %1: checking its credentials with the provider</source>
        <translation>DNS ゾーン %1: プロバイダーでの認証情報の確認</translation>
    </message>
    <message>
        <source>%1 failed: %2; nothing was stored</source>
        <translation>%1 に失敗しました: %2。何も保存していません</translation>
    </message>
</context>
<context>
    <name>ZoneService</name>
    <message>
        <source>must be HOST or HOST:PORT</source>
        <translation>HOST または HOST:PORT の形式で指定してください</translation>
    </message>
    <message>
        <source>zone %1 already exists; its secret is unchanged</source>
        <translation>DNS ゾーン %1 はすでに存在します。シークレットは変更していません</translation>
    </message>
    <message>
        <source>zone %1 does not exist</source>
        <translation>DNS ゾーン %1 は存在しません</translation>
    </message>
    <message>
        <source>zone %1 uses provider %2, which has no secret</source>
        <translation>DNS ゾーン %1 のプロバイダー %2 はシークレットを使いません</translation>
    </message>
</context>
<context>
    <name>kokoa::AcmeClient</name>
    <message>
        <source>%1 did not finish within %2 s</source>
        <translation>%1 が %2 秒以内に終わりませんでした</translation>
    </message>
    <message>
        <source>must be an https URL</source>
        <translation>https の URL を指定してください</translation>
    </message>
    <message>
        <source>%1: no account key is set</source>
        <translation>%1: アカウント鍵が設定されていません</translation>
    </message>
    <message>
        <source>%1 was cancelled</source>
        <translation>%1 はキャンセルされました</translation>
    </message>
    <message>
        <source>looking up the ACME account</source>
        <translation>ACME アカウントの検索</translation>
    </message>
    <message>
        <source>registering the ACME account</source>
        <translation>ACME アカウントの登録</translation>
    </message>
    <message>
        <source>must be one mailto: address (mailto:me@example.com)</source>
        <translation>mailto: のアドレスを 1 つ指定してください（mailto:me@example.com）</translation>
    </message>
    <message>
        <source>the CA requires agreeing to its terms of service at %1</source>
        <translation>CA の利用規約（%1）への同意が必要です</translation>
    </message>
    <message>
        <source>the CA requires external account binding, which is not supported</source>
        <translation>CA が外部アカウントバインディング（EAB）を要求していますが、対応していません</translation>
    </message>
    <message>
        <source>the CA&apos;s newAccount answer has no account URL</source>
        <translation>CA の newAccount の応答にアカウントの URL がありません</translation>
    </message>
    <message>
        <source>account %1</source>
        <translation>アカウント %1</translation>
    </message>
    <message>
        <source>issuing a certificate for %1</source>
        <translation>%1 の証明書の発行</translation>
    </message>
    <message>
        <source>asking the CA when to renew</source>
        <translation>CA への更新時期の問い合わせ</translation>
    </message>
    <message>
        <source>the CA at %1 offers no renewal information (ARI)</source>
        <translation>%1 の CA は更新情報（ARI）を提供していません</translation>
    </message>
    <message>
        <source>the CA&apos;s renewal information has no valid suggestedWindow</source>
        <translation>CA の更新情報に有効な suggestedWindow がありません</translation>
    </message>
    <message>
        <source>revoking a certificate</source>
        <translation>証明書の失効</translation>
    </message>
</context>
<context>
    <name>kokoa::AcmeOrderFlow</name>
    <message>
        <source>ordering a certificate for %1</source>
        <translation>%1 の証明書のオーダー</translation>
    </message>
    <message>
        <source>creating the order</source>
        <translation>オーダーの作成</translation>
    </message>
    <message>
        <source>the CA&apos;s order has no URL or no authorizations</source>
        <translation>CA のオーダーに URL または認可がありません</translation>
    </message>
    <message>
        <source>reading an authorization</source>
        <translation>認可の読み込み</translation>
    </message>
    <message>
        <source>the authorization for %1 is %2</source>
        <translation>%1 の認可の状態が %2 です</translation>
    </message>
    <message>
        <source>the CA offers no %1 challenge for %2</source>
        <translation>CA は %2 に %1 チャレンジを提示していません</translation>
    </message>
    <message>
        <source>placing the %1 challenge for %2</source>
        <translation>%2 の %1 チャレンジの配置</translation>
    </message>
    <message>
        <source>placing the challenge for %1</source>
        <translation>%1 のチャレンジの配置</translation>
    </message>
    <message>
        <source>asking the CA to check %1</source>
        <translation>CA への %1 の検証の依頼</translation>
    </message>
    <message>
        <source>answering the challenge for %1</source>
        <translation>%1 のチャレンジへの応答</translation>
    </message>
    <message>
        <source>polling the authorization for %1</source>
        <translation>%1 の認可の状態確認</translation>
    </message>
    <message>
        <source>the CA could not validate %1 by %2 (%3): %4</source>
        <translation>CA は %2 で %1 を検証できませんでした（%3）: %4</translation>
    </message>
    <message>
        <source>the authorization for %1 stayed %2 after %3 polls</source>
        <translation>%3 回確認しても %1 の認可が %2 のままです</translation>
    </message>
    <message>
        <source>polling the order</source>
        <translation>オーダーの状態確認</translation>
    </message>
    <message>
        <source>the CA marked the order invalid: %1</source>
        <translation>CA がオーダーを無効にしました: %1</translation>
    </message>
    <message>
        <source>the order stayed %1 after %2 polls</source>
        <translation>%2 回確認してもオーダーが %1 のままです</translation>
    </message>
    <message>
        <source>finalising the order</source>
        <translation>オーダーの確定</translation>
    </message>
    <message>
        <source>downloading the certificate</source>
        <translation>証明書のダウンロード</translation>
    </message>
    <message>
        <source>the CA&apos;s certificate download is not a PEM chain</source>
        <translation>CA からダウンロードした証明書が PEM 形式のチェーンではありません</translation>
    </message>
</context>
<context>
    <name>kokoa::AnswerKeeper</name>
    <message>
        <source>paused for %1 min or until the configuration changes</source>
        <translation>%1 分間、または設定が変更されるまで一時停止中</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1: the DNS provider refused the change (%2); DNS changes for it are %3</source>
        <translation>%1: DNS プロバイダーが変更を拒否しました（%2）。このホスト名の DNS の変更: %3</translation>
    </message>
    <message>
        <source>expected %1, found %2</source>
        <translation>想定: %1、実際: %2</translation>
    </message>
</context>
<context>
    <name>kokoa::AutoProfileSwitch</name>
    <message>
        <source>%1 requests/s, above load.attack_rps (%2)</source>
        <translation>%1 リクエスト/秒（load.attack_rps の %2 を超過）</translation>
    </message>
    <message>
        <source>automatic profile switch</source>
        <translation>攻撃対策モードへの自動切り替え</translation>
    </message>
</context>
<context>
    <name>kokoa::DeployJob</name>
    <message>
        <source>certificates</source>
        <translation>証明書</translation>
    </message>
    <message>
        <source>certificate</source>
        <translation>証明書</translation>
    </message>
    <message>
        <source>certificate %1</source>
        <translation>証明書 %1</translation>
    </message>
    <message>
        <source>issued, serial %1</source>
        <translation>発行しました (シリアル %1)</translation>
    </message>
</context>
<context>
    <name>kokoa::DnsDriver</name>
    <message>
        <source>stopped before the DNS change was sent</source>
        <translation>DNS の変更を送信する前に停止しました</translation>
    </message>
    <message>
        <source>the configuration or the DNS lease changed before the DNS change was sent</source>
        <translation>DNS の変更を送信する前に、設定または DNS を操作中のプロセスが変わりました</translation>
    </message>
</context>
<context>
    <name>kokoa::Monitor</name>
    <message>
        <source>cannot write to the database %1 (is the data directory read-only?): %2</source>
        <translation>データベース %1 に書き込めません（データディレクトリが読み取り専用ではありませんか？）: %2</translation>
    </message>
    <message>
        <source>%1 edges, %2 routes, %3 probes</source>
        <translation>入口ノード %1、ホスト名 %2、ヘルスチェック対象 %3</translation>
    </message>
    <message>
        <source>a DNS change is still running; the lease is left to expire</source>
        <translation>DNS の変更がまだ実行中です。DNS を操作中のプロセスとしての登録は、期限切れで解除されるまで残します</translation>
    </message>
    <message>
        <source>answers again, held down for %1 s more (fallen %2 time(s) soon after coming back)</source>
        <translation>再び応答していますが、あと %1 秒は DNS に戻しません（復帰直後の異常が %2 回）</translation>
    </message>
    <message>
        <source>other edges reach it, but it has failed from here for %1 intervals: their answer no longer keeps it in DNS</source>
        <translation>他の入口ノードからは到達できますが、ここからはヘルスチェック %1 回分の間、失敗し続けています。他の入口ノードの結果だけでは、これ以上 DNS に残しません</translation>
    </message>
    <message>
        <source>cannot write to the database %1 (%2 times in a row): %3</source>
        <translation>データベース %1 に書き込めません（%2 回連続）: %3</translation>
    </message>
    <message>
        <source>fell again %1 s after coming back (%2 time(s) in a row): held down for %3 s</source>
        <translation>復帰から %1 秒で再び異常になりました（連続 %2 回）: %3 秒間 DNS に戻しません</translation>
    </message>
</context>
<context>
    <name>kokoa::VantageChecker</name>
    <message>
        <source>from %1: reachable</source>
        <translation>%1 から: 応答あり</translation>
    </message>
    <message>
        <source>from %1: unreachable</source>
        <translation>%1 から: 応答なし</translation>
    </message>
    <message>
        <source>from %1: no answer (%2)</source>
        <translation>%1 から: 確認結果なし（%2）</translation>
    </message>
    <message>
        <source>reachable by %1 of %2 vantage(s): %3</source>
        <translation>確認地点 %2 か所のうち %1 か所から到達できます: %3</translation>
    </message>
    <message>
        <source>down for %1 of %2 vantage(s), no majority reaches it: %3</source>
        <translation>確認地点 %2 か所のうち %1 か所で異常です。過半数から到達できません: %3</translation>
    </message>
</context>
<context>
    <name>kokoa::app::AutoReplacement</name>
    <message>
        <source>edge %1 was added by hand: there is no provider to replace it from (replace it with `kokoactl edge burn %1 --provider P`)</source>
        <translation>入口ノード %1 は手動で追加されたため、交換に使うプロバイダーがありません（`kokoactl edge burn %1 --provider P` で交換してください）</translation>
    </message>
    <message>
        <source>provider %1 reports errors</source>
        <translation>プロバイダー %1 がエラーを返しています</translation>
    </message>
    <message>
        <source>replaced by %1</source>
        <translation>%1 に交換しました</translation>
    </message>
    <message>
        <source>every edge is down from here: the control plane&apos;s own network is the likely cause</source>
        <translation>ここからはすべての入口ノードが停止して見えます。原因はこの PC 側のネットワークである可能性が高いです</translation>
    </message>
    <message>
        <source>nothing is replaced</source>
        <translation>何も交換しません</translation>
    </message>
    <message>
        <source>resuming the automatic burn (steps done: %1)</source>
        <translation>自動の破棄を再開します（完了した手順: %1）</translation>
    </message>
    <message>
        <source>down from here for %1 s; asking the other edges before replacing it</source>
        <translation>ここから見て %1 秒停止しています。交換する前に他の入口ノードに確認します</translation>
    </message>
    <message>
        <source>waiting for confirmation</source>
        <translation>確認を待っています</translation>
    </message>
    <message>
        <source>down from every vantage for %1 s, but %2 automatic replacements in 24 hours is the cap (edges.max_replacements_per_day)</source>
        <translation>どの地点から見ても %1 秒停止していますが、24 時間の自動交換は %2 回が上限です（edges.max_replacements_per_day）</translation>
    </message>
    <message>
        <source>not replaced: replace it with `kokoactl edge burn %1`</source>
        <translation>交換していません。`kokoactl edge burn %1` で交換してください</translation>
    </message>
    <message>
        <source>down from every vantage for %1 s (edges.replace_after_s)</source>
        <translation>どの地点から見ても %1 秒停止しています（edges.replace_after_s）</translation>
    </message>
    <message>
        <source>automatic replacement</source>
        <translation>自動交換</translation>
    </message>
    <message>
        <source>automatic replacement of edge %1 stopped: %2 (tried again in %3 s)</source>
        <translation>入口ノード %1 の自動交換が止まりました: %2（%3 秒後に再試行します）</translation>
    </message>
    <message>
        <source>edge %1 is not replaced automatically: %2 (checked again in %3 s)</source>
        <translation>入口ノード %1 は自動で交換されません: %2（%3 秒後に再確認します）</translation>
    </message>
    <message>
        <source>burning and replacing it once its provider answers</source>
        <translation>プロバイダーの応答を確認してから破棄して交換します</translation>
    </message>
</context>
<context>
    <name>kokoa::app::CertificateRenewer</name>
    <message>
        <source>renewing the certificate %1 failed (next attempt after %2): %3</source>
        <translation>証明書 %1 の更新に失敗しました (次の試行は %2 以降): %3</translation>
    </message>
    <message>
        <source>the certificate is stored, but deploying it failed</source>
        <translation>証明書は保存しましたが、反映に失敗しました</translation>
    </message>
    <message>
        <source>ordering the first certificate for %1 failed (next attempt after %2): %3</source>
        <translation>%1 の最初の証明書の発行に失敗しました (次の試行は %2 以降): %3</translation>
    </message>
</context>
<context>
    <name>kokoa::gui::AddHostDialog</name>
    <message>
        <source>Add an origin</source>
        <translation>自宅サーバーの追加</translation>
    </message>
    <message>
        <source>Add an edge</source>
        <translation>入口ノードの追加</translation>
    </message>
</context>
<context>
    <name>kokoa::gui::CertificateRekey</name>
    <message>
        <source>it ended without a result</source>
        <translation>結果が得られないまま終了しました</translation>
    </message>
    <message>
        <source>Re-keying failed: %1</source>
        <translation>鍵の作り直しに失敗しました: %1</translation>
    </message>
    <message>
        <source>Re-keyed, and the old certificates revoked: %1</source>
        <translation>鍵を作り直し、古い証明書を失効させました: %1</translation>
    </message>
</context>
<context>
    <name>kokoa::gui::CheckedDialog</name>
    <message>
        <source>Not saved: %1</source>
        <translation>保存されませんでした: %1</translation>
    </message>
</context>
<context>
    <name>kokoa::gui::ConfigurationPage</name>
    <message>
        <source>DNS zones</source>
        <translation>DNS ゾーン</translation>
    </message>
    <message>
        <source>Origins</source>
        <translation>自宅サーバー</translation>
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
        <source>Changes take effect on the hosts at the next deploy.</source>
        <translation>変更は次回の反映で各サーバーに適用されます。</translation>
    </message>
    <message>
        <source>&amp;Deploy…</source>
        <translation>設定を反映(&amp;D)…</translation>
    </message>
    <message>
        <source>VPS providers</source>
        <translation>VPS プロバイダー</translation>
    </message>
</context>
<context>
    <name>kokoa::gui::Dashboard</name>
    <message>
        <source>Certificate renewal failed</source>
        <translation>証明書の更新に失敗しました</translation>
    </message>
</context>
<context>
    <name>kokoa::gui::DashboardCertificateModel</name>
    <message>
        <source>Valid</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>Renewal due</source>
        <translation>更新時期</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>期限切れ</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>from %1 (the CA&apos;s window)</source>
        <translation>%1 から（認証局の指定）</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>%1 から</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>まだありません</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>証明書</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>有効期限</translation>
    </message>
    <message>
        <source>Renewal</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Edges holding it</source>
        <translation>配置済みの入口ノード</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>発行者</translation>
    </message>
    <message>
        <source>%1 (days left: %2)</source>
        <translation>%1（残り %2 日）</translation>
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
    <message>
        <source>%1 req/s, %2 connections</source>
        <translation>%1 リクエスト/秒、接続 %2</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>負荷</translation>
    </message>
    <message>
        <source>Not read yet: the monitor acting on DNS reads each edge&apos;s load every few seconds</source>
        <translation>未取得: DNS を操作中の監視プロセスが数秒ごとに各入口ノードの負荷を読み取ります</translation>
    </message>
    <message>
        <source>The last reading failed (%1); the figures are older</source>
        <translation>前回の読み取りに失敗しました (%1)。表示中の値は古いものです</translation>
    </message>
    <message>
        <source>Requests per second appear from the second reading on</source>
        <translation>毎秒リクエスト数は 2 回目の読み取りから表示されます</translation>
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
    <message>
        <source>Certificates</source>
        <translation>証明書</translation>
    </message>
</context>
<context>
    <name>kokoa::gui::DeployDialog</name>
    <message>
        <source>… running</source>
        <translation>… 実行中</translation>
    </message>
    <message>
        <source>✓ unchanged</source>
        <translation>✓ 変更なし</translation>
    </message>
    <message>
        <source>✓ changed</source>
        <translation>✓ 変更あり</translation>
    </message>
    <message>
        <source>✗ failed</source>
        <translation>✗ 失敗</translation>
    </message>
    <message>
        <source>– skipped</source>
        <translation>– スキップ</translation>
    </message>
    <message>
        <source>Deploying…</source>
        <translation>反映しています…</translation>
    </message>
    <message>
        <source>— Deploy started —</source>
        <translation>— デプロイ開始 —</translation>
    </message>
    <message>
        <source>Cancelling: each host stops after its current step…</source>
        <translation>中止しています。各ホストは実行中の手順を終えてから止まります…</translation>
    </message>
    <message>
        <source>Not deployed: %1</source>
        <translation>反映されませんでした: %1</translation>
    </message>
    <message>
        <source>✓ done</source>
        <translation>✓ 完了</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 が失敗しました: %2</translation>
    </message>
    <message>
        <source>Deployed. Hosts: %1, changed: %2.</source>
        <translation>反映しました。ホスト数: %1、変更あり: %2。</translation>
    </message>
    <message>
        <source>Hosts failed: %1 of %2; the others are deployed. Fix the cause and retry the failed hosts.</source>
        <translation>%2 台中 %1 台が失敗しました。ほかのホストは反映済みです。原因を取り除いてから、失敗したホストを再試行してください。</translation>
    </message>
    <message>
        <source>Deploy</source>
        <translation>設定を反映</translation>
    </message>
    <message>
        <source>Only show what would change (dry run)</source>
        <translation>変更内容の確認のみ (ドライラン)</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>ホスト</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>手順</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>詳細</translation>
    </message>
    <message>
        <source>&amp;Deploy all</source>
        <translation>すべて反映(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Retry failed hosts</source>
        <translation>失敗したホストを再試行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Cancel deploy</source>
        <translation>反映を中止(&amp;C)</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>閉じる(&amp;L)</translation>
    </message>
    <message>
        <source>“Deploy all” brings every origin and edge in line with the configuration.</source>
        <translation>「すべて反映」で、すべての自宅サーバーと入口ノードに現在の設定を適用します。</translation>
    </message>
    <message>
        <source>Every host failed (%1). Fix the cause and retry.</source>
        <translation>すべてのホスト (%1 台) が失敗しました。原因を取り除いてから再試行してください。</translation>
    </message>
</context>
<context>
    <name>kokoa::gui::EdgeBurnRunner</name>
    <message>
        <source>out of DNS</source>
        <translation>DNS から外しました</translation>
    </message>
    <message>
        <source>server destroyed</source>
        <translation>サーバーを破棄しました</translation>
    </message>
    <message>
        <source>new server created</source>
        <translation>新しいサーバーを作成しました</translation>
    </message>
    <message>
        <source>new server deployed</source>
        <translation>新しいサーバーに反映しました</translation>
    </message>
    <message>
        <source>new server serves every hostname</source>
        <translation>新しいサーバーがすべてのホスト名を配信しています</translation>
    </message>
    <message>
        <source>new server in DNS</source>
        <translation>新しいサーバーを DNS に追加しました</translation>
    </message>
    <message>
        <source>it ended without a result</source>
        <translation>結果なしで終了しました</translation>
    </message>
    <message>
        <source>The burn of %1 stopped: %2</source>
        <translation>%1 の破棄が止まりました: %2</translation>
    </message>
    <message>
        <source>%1 is burned.</source>
        <translation>%1 を破棄しました。</translation>
    </message>
    <message>
        <source>%1 is burned and replaced by a new server, now in DNS.</source>
        <translation>%1 を破棄し、新しいサーバーに交換しました。DNS にも追加済みです。</translation>
    </message>
    <message>
        <source>It was added by hand: destroy the machine at %1 yourself.</source>
        <translation>手動で追加された入口ノードのため、%1 のマシンはご自身で破棄してください。</translation>
    </message>
    <message>
        <source>the home servers no longer accept its tunnel</source>
        <translation>自宅サーバーはそのトンネルを受け付けなくなりました</translation>
    </message>
</context>
<context>
    <name>kokoa::gui::EdgeDialog</name>
    <message>
        <source>public-ip: give an IPv4 or an IPv6 address (or both)</source>
        <translation>public-ip: IPv4 アドレスか IPv6 アドレス (または両方) を入力してください</translation>
    </message>
    <message>
        <source>Change edge %1</source>
        <translation>入口ノード %1 の変更</translation>
    </message>
    <message>
        <source>&amp;SSH address:</source>
        <translation>SSH アドレス(&amp;S):</translation>
    </message>
    <message>
        <source>Public IPv&amp;4:</source>
        <translation>グローバル IPv4(&amp;4):</translation>
    </message>
    <message>
        <source>Public IPv&amp;6:</source>
        <translation>グローバル IPv6(&amp;6):</translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation>プロファイル(&amp;P):</translation>
    </message>
    <message>
        <source>[USER@]HOST[:PORT]</source>
        <translation>[ユーザー@]ホスト[:ポート]</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>通常</translation>
    </message>
    <message>
        <source>Under attack (strict rate limits)</source>
        <translation>攻撃対策モード (厳しい流量制限)</translation>
    </message>
</context>
<context>
    <name>kokoa::gui::EventLogPage</name>
    <message>
        <source>The event log could not be read: %1</source>
        <translation>イベントログを読み込めませんでした: %1</translation>
    </message>
    <message>
        <source>No events yet. Every change, deploy, health and DNS decision will be listed here.</source>
        <translation>イベントはまだありません。設定の変更、反映、ヘルスチェック、DNS の判断がすべてここに記録されます。</translation>
    </message>
    <message>
        <source>%1 of the newest %2 events shown</source>
        <translation>最新 %2 件のうち %1 件を表示</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>対象</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Filter:</source>
        <translation>絞り込み:</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>すべての種類</translation>
    </message>
    <message>
        <source>Subject, e.g. edge tokyo-1</source>
        <translation>対象 (例: edge tokyo-1)</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>全期間</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>過去 1 時間</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>過去 24 時間</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>過去 7 日間</translation>
    </message>
    <message>
        <source>Failures only</source>
        <translation>失敗のみ</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>検索</translation>
    </message>
</context>
<context>
    <name>kokoa::gui::HostContactForm</name>
    <message>
        <source>%1: required</source>
        <translation>%1: 入力が必要です</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>%1 に接続しています…</translation>
    </message>
    <message>
        <source>%1 (%2) presents a different host key than the one on record (%3). Accept it only if you know the server was reinstalled.</source>
        <translation>%1 (%2) が、登録済みのもの (%3) とは異なるホスト鍵を提示しています。サーバーを再インストールしたことが確かな場合にのみ承認してください。</translation>
    </message>
    <message>
        <source>%1 (%2) presents this host key. Compare it with the server&apos;s own (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on the server) and accept it only if they match. Nothing runs on the host before you answer.</source>
        <translation>%1 (%2) が次のホスト鍵を提示しています。サーバー上で確認した値 (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) と比べ、一致する場合にのみ承認してください。回答するまで、ホスト上では何も実行されません。</translation>
    </message>
    <message>
        <source>Waiting for your answer about the host key.</source>
        <translation>ホスト鍵の確認をお待ちしています。</translation>
    </message>
    <message>
        <source>The host key was not accepted; nothing ran on %1 and nothing was stored.</source>
        <translation>ホスト鍵は承認されませんでした。%1 では何も実行されず、何も保存されていません。</translation>
    </message>
    <message>
        <source>%1 was not added: %2</source>
        <translation>%1 を追加できませんでした: %2</translation>
    </message>
    <message>
        <source>%1 added: the connection works and Kokoa&apos;s key is installed.</source>
        <translation>%1 を追加しました。接続を確認し、Kokoa の鍵をインストールしました。</translation>
    </message>
    <message>
        <source>SSH private key</source>
        <translation>SSH 秘密鍵</translation>
    </message>
    <message>
        <source>Edge %1</source>
        <translation>入口ノード %1</translation>
    </message>
    <message>
        <source>Origin %1</source>
        <translation>自宅サーバー %1</translation>
    </message>
</context>
<context>
    <name>kokoa::gui::HostsPage</name>
    <message>
        <source>Remove the edge %1? It is taken out of DNS at the next DNS update; the server itself is left as it is.</source>
        <translation>入口ノード %1 を削除しますか? 次回の DNS 更新で DNS から外されます。サーバー自体はそのまま残ります。</translation>
    </message>
    <message>
        <source>Remove the origin %1? Its hostnames must be removed first.</source>
        <translation>自宅サーバー %1 を削除しますか? 先にそのホスト名を削除しておく必要があります。</translation>
    </message>
    <message>
        <source>Edge</source>
        <translation>入口ノード</translation>
    </message>
    <message>
        <source>SSH</source>
        <translation>SSH</translation>
    </message>
    <message>
        <source>Public IP</source>
        <translation>グローバル IP</translation>
    </message>
    <message>
        <source>Tunnel address</source>
        <translation>トンネルアドレス</translation>
    </message>
    <message>
        <source>Deploy state</source>
        <translation>反映状態</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>プロファイル</translation>
    </message>
    <message>
        <source>No edges yet.
Click “Add…” to contact a VPS over SSH and make it an edge. Two or more edges give failover.</source>
        <translation>入口ノードはまだありません。
「追加…」をクリックすると、VPS に SSH で接続して入口ノードにします。2 台以上でフェイルオーバーが働きます。</translation>
    </message>
    <message>
        <source>No edges yet.
Add one with the setup wizard or with “kokoactl edge add”. Two or more edges give failover.</source>
        <translation>入口ノードはまだありません。
セットアップウィザードか「kokoactl edge add」で追加してください。2 台以上でフェイルオーバーが働きます。</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>自宅サーバー</translation>
    </message>
    <message>
        <source>No origins yet.
Click “Add…” to contact your home server over SSH.</source>
        <translation>自宅サーバーはまだありません。
「追加…」をクリックすると、自宅サーバーに SSH で接続します。</translation>
    </message>
    <message>
        <source>No origins yet.
Add your home server with the setup wizard or with “kokoactl origin add”.</source>
        <translation>自宅サーバーはまだありません。
セットアップウィザードか「kokoactl origin add」で追加してください。</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>追加(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Change…</source>
        <translation>変更(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>削除(&amp;R)</translation>
    </message>
    <message>
        <source>The edge %1 held the private keys of the certificates for %2, and they stay on that server. Re-key them now? New keys are made, the certificates are issued again and deployed to the remaining edges, and the old ones are revoked.</source>
        <translation>入口ノード %1 は %2 の証明書の秘密鍵を保持しており、その鍵はサーバーに残ったままです。今すぐ鍵を作り直しますか? 新しい鍵で証明書を発行し直して残りの入口ノードに反映し、古い証明書を失効させます。</translation>
    </message>
    <message>
        <source>The certificates for %1 keep their old keys. Re-key them later with “kokoactl cert rekey %2 --revoke”.</source>
        <translation>%1 の証明書は古い鍵のままです。後で「kokoactl cert rekey %2 --revoke」で鍵を作り直してください。</translation>
    </message>
    <message>
        <source>Re-keying the certificates for %1…</source>
        <translation>%1 の証明書の鍵を作り直しています…</translation>
    </message>
    <message>
        <source>Burning: %1…</source>
        <translation>破棄して交換中: %1…</translation>
    </message>
    <message>
        <source>The edge %1 was added by hand and no VPS provider is set up to replace it from. Add one with “kokoactl provider add”.</source>
        <translation>入口ノード %1 は手動で追加されたもので、交換に使う VPS プロバイダーが設定されていません。「kokoactl provider add」で追加してください。</translation>
    </message>
    <message>
        <source>The edge %1 was added by hand: choose the provider its replacement comes from with “kokoactl edge burn %1 --provider NAME”.</source>
        <translation>入口ノード %1 は手動で追加されたものです。交換に使うプロバイダーを「kokoactl edge burn %1 --provider NAME」で指定してください。</translation>
    </message>
    <message>
        <source>Burn the edge %1 and replace it? It leaves DNS, its server is destroyed, and a fresh server from %2 takes its place with the same certificates. Use this for an edge that is attacked, blocked or dead; the others keep serving meanwhile.</source>
        <translation>入口ノード %1 を破棄して交換しますか？DNS から外し、サーバーを破棄して、%2 の新しいサーバーが同じ証明書で代わりを務めます。攻撃やブロックを受けた、または停止した入口ノードに使ってください。その間も他の入口ノードが配信を続けます。</translation>
    </message>
    <message>
        <source>Burning %1…</source>
        <translation>%1 を破棄して交換中…</translation>
    </message>
    <message>
        <source>&amp;Burn and replace…</source>
        <translation>破棄して交換(&amp;B)…</translation>
    </message>
    <message>
        <source>Throw this edge away and put a fresh server in its place</source>
        <translation>この入口ノードを捨て、新しいサーバーに置き換えます</translation>
    </message>
</context>
<context>
    <name>kokoa::gui::MainWindow</name>
    <message>
        <source>About Kokoa</source>
        <translation>Kokoa について</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Kokoa %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Publishes the web services of your home server through disposable edges, with DNS failover and no third-party control plane.&lt;/p&gt;&lt;p&gt;Data directory: %2&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Kokoa %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;自宅サーバーの Web サービスを、使い捨ての入口ノード経由で公開します。DNS による自動フェイルオーバーを備え、サードパーティのコントロールプレーンに依存しません。&lt;/p&gt;&lt;p&gt;データディレクトリ: %2&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>kokoa::gui::ProviderDialog</name>
    <message>
        <source>e.g. %1</source>
        <translation>例: %1</translation>
    </message>
    <message>
        <source>Asking the provider whether the API token works…</source>
        <translation>API トークンが使えるかプロバイダーに確認しています…</translation>
    </message>
    <message>
        <source>Add VPS provider</source>
        <translation>VPS プロバイダーの追加</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名前(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>種類(&amp;K):</translation>
    </message>
    <message>
        <source>API &amp;token:</source>
        <translation>API トークン(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;API address:</source>
        <translation>API のアドレス(&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Location:</source>
        <translation>ロケーション(&amp;L):</translation>
    </message>
    <message>
        <source>Server &amp;type:</source>
        <translation>サーバーの種類(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Image:</source>
        <translation>イメージ(&amp;I):</translation>
    </message>
    <message>
        <source>&amp;Create command:</source>
        <translation>作成コマンド(&amp;C):</translation>
    </message>
    <message>
        <source>&amp;Destroy command:</source>
        <translation>削除コマンド(&amp;D):</translation>
    </message>
    <message>
        <source>Hetzner Cloud</source>
        <translation>Hetzner Cloud</translation>
    </message>
    <message>
        <source>DigitalOcean</source>
        <translation>DigitalOcean</translation>
    </message>
    <message>
        <source>Vultr</source>
        <translation>Vultr</translation>
    </message>
    <message>
        <source>Your own commands</source>
        <translation>独自のコマンド</translation>
    </message>
    <message>
        <source>e.g. hetzner-main</source>
        <translation>例: hetzner-main</translation>
    </message>
    <message>
        <source>empty: the provider&apos;s public API</source>
        <translation>空欄: プロバイダーの公開 API</translation>
    </message>
    <message>
        <source>/path/to/create-server</source>
        <translation>/path/to/create-server</translation>
    </message>
    <message>
        <source>Run as: PROGRAM SERVER_NAME USER_DATA_FILE. It prints one JSON object {&quot;id&quot;: …, &quot;ipv4&quot;: …} once the server boots.</source>
        <translation>PROGRAM SERVER_NAME USER_DATA_FILE として実行されます。サーバーの起動後に JSON オブジェクト {&quot;id&quot;: …, &quot;ipv4&quot;: …} を 1 つ出力します。</translation>
    </message>
    <message>
        <source>/path/to/destroy-server</source>
        <translation>/path/to/destroy-server</translation>
    </message>
    <message>
        <source>Run as: PROGRAM ID. Exit status 0 means destroyed.</source>
        <translation>PROGRAM ID として実行されます。終了ステータス 0 は削除完了を意味します。</translation>
    </message>
    <message>
        <source>&amp;Public address:</source>
        <translation>公開アドレス(&amp;P):</translation>
    </message>
    <message>
        <source>A reserved IP for each edge</source>
        <translation>入口ノードごとに予約済み IP を割り当てる</translation>
    </message>
    <message>
        <source>A droplet&apos;s own address goes with it. A reserved IP (free while assigned) can move to the edge that replaces a dead one (Burn and replace, keep the address).</source>
        <translation>Droplet 自身のアドレスは Droplet とともに失われます。予約済み IP（割り当て中は無料）は、停止した入口ノードを置き換える新しい入口ノードへ移せます（破棄して交換する際にアドレスを引き継ぐ場合）。</translation>
    </message>
</context>
<context>
    <name>kokoa::gui::ProvidersPage</name>
    <message>
        <source>your commands</source>
        <translation>独自のコマンド</translation>
    </message>
    <message>
        <source>create: %1, destroy: %2</source>
        <translation>作成: %1、削除: %2</translation>
    </message>
    <message>
        <source>Remove the provider %1 and its stored API token?</source>
        <translation>プロバイダー %1 と保存済みの API トークンを削除しますか?</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>プロバイダー</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Template of new servers</source>
        <translation>新しいサーバーのテンプレート</translation>
    </message>
    <message>
        <source>Kokoa&apos;s servers there</source>
        <translation>Kokoa のサーバー数</translation>
    </message>
    <message>
        <source>No VPS providers yet.
Click “Add…” and give a Hetzner Cloud, DigitalOcean or Vultr API token and the kind of server to make: Kokoa can then create edges, and replace a burned one, without you.</source>
        <translation>VPS プロバイダーはまだありません。
「追加…」をクリックし、Hetzner Cloud・DigitalOcean・Vultr の API トークンと作成するサーバーの種類を指定してください。Kokoa が入口ノードを作成し、破棄した入口ノードを自動で交換できるようになります。</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>追加(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>削除(&amp;R)</translation>
    </message>
    <message>
        <source>reserved IP</source>
        <translation>予約済み IP</translation>
    </message>
</context>
<context>
    <name>kokoa::gui::RouteDialog</name>
    <message>
        <source>origin: add an origin (home server) before its hostnames</source>
        <translation>origin: ホスト名の前に自宅サーバー (オリジン) を追加してください</translation>
    </message>
    <message>
        <source>Change hostname %1</source>
        <translation>ホスト名 %1 の変更</translation>
    </message>
    <message>
        <source>Add hostname</source>
        <translation>ホスト名の追加</translation>
    </message>
</context>
<context>
    <name>kokoa::gui::RoutesPage</name>
    <message>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>no</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>Remove the hostname %1? The edges stop serving it at the next deploy.</source>
        <translation>ホスト名 %1 を削除しますか? 次回の反映で入口ノードからの公開が止まります。</translation>
    </message>
    <message>
        <source>Hostname</source>
        <translation>ホスト名</translation>
    </message>
    <message>
        <source>DNS zone</source>
        <translation>DNS ゾーン</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>自宅サーバー</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>ポート</translation>
    </message>
    <message>
        <source>WebSocket</source>
        <translation>WebSocket</translation>
    </message>
    <message>
        <source>Health check path</source>
        <translation>ヘルスチェックのパス</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>No hostnames yet.
Click “Add…” to publish a service of your home server under a hostname. It needs a DNS zone and an origin first.</source>
        <translation>ホスト名はまだありません。
「追加…」をクリックすると、自宅サーバーのサービスをホスト名で公開できます。先に DNS ゾーンと自宅サーバーが必要です。</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>追加(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Change…</source>
        <translation>変更(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>削除(&amp;R)</translation>
    </message>
</context>
<context>
    <name>kokoa::gui::SettingsPage</name>
    <message>
        <source>Settings saved.</source>
        <translation>設定を保存しました。</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>保存されませんでした: %1</translation>
    </message>
    <message>
        <source>Monitoring, DNS and limits</source>
        <translation>監視・DNS・流量制限</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>ウィンドウ</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>表示言語(&amp;L):</translation>
    </message>
    <message>
        <source>Automatic (the system&apos;s language)</source>
        <translation>自動 (システムの言語)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>元に戻す(&amp;R)</translation>
    </message>
</context>
<context>
    <name>kokoa::gui::SetupWizard</name>
    <message>
        <source>Kokoa setup</source>
        <translation>Kokoa セットアップウィザード</translation>
    </message>
    <message>
        <source>&amp;Open Kokoa</source>
        <translation>Kokoa を開く(&amp;O)</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; 戻る(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>次へ(&amp;N) &gt;</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>kokoa::gui::TablePage</name>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
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
    <name>kokoa::gui::WatchdogPanel</name>
    <message>
        <source>kokoa-watchdog was not found next to this program or on PATH.</source>
        <translation>kokoa-watchdog がこのプログラムと同じ場所にも PATH 上にも見つかりません。</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>処理中…</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失敗しました: %1</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>確認中…</translation>
    </message>
    <message>
        <source>State unknown: %1</source>
        <translation>状態が不明です: %1</translation>
    </message>
    <message>
        <source>Not installed. Install it to keep failover working while this window is closed.</source>
        <translation>インストールされていません。インストールすると、このウィンドウを閉じていてもフェイルオーバーが働きます。</translation>
    </message>
    <message>
        <source>Installed; service: %1.</source>
        <translation>インストール済み。サービス: %1。</translation>
    </message>
    <message>
        <source>No heartbeat yet.</source>
        <translation>まだ応答の記録はありません。</translation>
    </message>
    <message>
        <source>Running, last heartbeat at %1.</source>
        <translation>動作中です (最終応答 %1)。</translation>
    </message>
    <message>
        <source>Not responding, last heartbeat at %1.</source>
        <translation>応答がありません (最終応答 %1)。</translation>
    </message>
    <message>
        <source>Watchdog service (kokoa-watchdog)</source>
        <translation>常駐監視サービス (kokoa-watchdog)</translation>
    </message>
    <message>
        <source>&amp;Install</source>
        <translation>インストール(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Uninstall</source>
        <translation>アンインストール(&amp;U)</translation>
    </message>
    <message>
        <source>Runs monitoring and failover as a systemd user service, also without a login session</source>
        <translation>監視とフェイルオーバーを systemd のユーザーサービスとして、ログインしていなくても動かします</translation>
    </message>
</context>
<context>
    <name>kokoa::gui::WizardDeployPage</name>
    <message>
        <source>started</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>変更なし</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>変更あり</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>スキップ</translation>
    </message>
    <message>
        <source>Cancelling: each host stops before its next step.</source>
        <translation>中止しています。各ホストは次の手順の前で止まります。</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>Origin %1</source>
        <translation>自宅サーバー %1</translation>
    </message>
    <message>
        <source>Edge %1</source>
        <translation>入口ノード %1</translation>
    </message>
    <message>
        <source>Deploying…</source>
        <translation>反映しています…</translation>
    </message>
    <message>
        <source>Deploy started.</source>
        <translation>デプロイを開始しました。</translation>
    </message>
    <message>
        <source>Retrying %1.</source>
        <translation>%1 を再試行します。</translation>
    </message>
    <message>
        <source>%1: %2 — %3</source>
        <translation>%1: %2 — %3</translation>
    </message>
    <message>
        <source>The deploy did not run: %1</source>
        <translation>反映を実行できませんでした: %1</translation>
    </message>
    <message>
        <source>%1: deployed.</source>
        <translation>%1: 反映しました。</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 が失敗しました: %2</translation>
    </message>
    <message>
        <source>Every host is deployed.</source>
        <translation>すべてのホストに反映しました。</translation>
    </message>
    <message numerus="yes">
        <source>%n host(s) failed; fix the cause and retry them.</source>
        <translation>
            <numerusform>%n 台のホストで失敗しました。原因を解消してから再試行してください。</numerusform>
        </translation>
    </message>
    <message>
        <source>Deploy</source>
        <translation>設定を反映</translation>
    </message>
    <message>
        <source>&amp;Cancel deploy</source>
        <translation>反映を中止(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Retry failed hosts</source>
        <translation>失敗したホストを再試行(&amp;R)</translation>
    </message>
    <message>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message>
        <source>failed at %1</source>
        <translation>%1 で失敗</translation>
    </message>
    <message>
        <source>deployed</source>
        <translation>反映済み</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>中止</translation>
    </message>
    <message>
        <source>WireGuard, the firewall and nginx are set up on every host, in parallel.</source>
        <translation>各ホストに WireGuard、ファイアウォール、nginx を並行して設定します。</translation>
    </message>
</context>
<context>
    <name>kokoa::gui::WizardDonePage</name>
    <message>
        <source>up</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>down</source>
        <translation>異常</translation>
    </message>
    <message>
        <source>down: %1</source>
        <translation>異常: %1</translation>
    </message>
    <message>
        <source>not checked yet</source>
        <translation>未確認</translation>
    </message>
    <message>
        <source>deployed</source>
        <translation>反映済み</translation>
    </message>
    <message>
        <source>deploy failed</source>
        <translation>反映に失敗</translation>
    </message>
    <message>
        <source>not deployed</source>
        <translation>未反映</translation>
    </message>
    <message>
        <source>Origins</source>
        <translation>自宅サーバー</translation>
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
        <source>DNS answers with %1</source>
        <translation>DNS の応答: %1</translation>
    </message>
    <message>
        <source>down on %1</source>
        <translation>%1 で異常</translation>
    </message>
    <message>
        <source>Health is checked by the monitor: it runs while the main window is open, or all the time once the watchdog service is installed (Settings). Until it has run, health shows as not checked yet.</source>
        <translation>ヘルスチェックは監視機能が行います。監視はメインウィンドウを開いている間、または常駐監視サービスをインストールすると常時動作します (設定)。監視が動くまでは「未確認」と表示されます。</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Kokoa is set up. This is the state of everything as far as it is known.</source>
        <translation>Kokoa のセットアップが完了しました。現在わかっている範囲の状態を表示しています。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
</context>
<context>
    <name>kokoa::gui::WizardHostPage</name>
    <message>
        <source>Waiting for the connection test to finish.</source>
        <translation>接続テストの完了を待っています。</translation>
    </message>
    <message>
        <source>Add at least two edges, so DNS can fail over from one to the other (%1 added so far).</source>
        <translation>DNS がフェイルオーバーできるよう、入口ノードを 2 台以上追加してください (現在 %1 台)。</translation>
    </message>
    <message>
        <source>Add the origin: the home server whose services are published.</source>
        <translation>サービスを公開する自宅サーバーを追加してください。</translation>
    </message>
    <message>
        <source>%1 — %2, public IP %3</source>
        <translation>%1 — %2、公開 IP %3</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(まだありません)</translation>
    </message>
    <message>
        <source>Edges</source>
        <translation>入口ノード</translation>
    </message>
    <message>
        <source>Edges added:</source>
        <translation>追加済みの入口ノード:</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>自宅サーバー (オリジン)</translation>
    </message>
    <message>
        <source>Origins added:</source>
        <translation>追加済みの自宅サーバー:</translation>
    </message>
    <message>
        <source>The VPS that receive visitors and pass them through a tunnel to the origin: two or more.</source>
        <translation>訪問者からの接続を受け、トンネル経由で自宅サーバーへ転送する VPS です (2 台以上)。</translation>
    </message>
    <message>
        <source>The home server that runs your services. Kokoa logs in once to install its own key.</source>
        <translation>サービスを動かしている自宅サーバーです。Kokoa は一度だけログインして自身の鍵をインストールします。</translation>
    </message>
</context>
<context>
    <name>kokoa::gui::WizardReviewPage</name>
    <message>
        <source>Edge %1 (%2)</source>
        <translation>入口ノード %1 (%2)</translation>
    </message>
    <message>
        <source>Origin %1 (%2)</source>
        <translation>自宅サーバー %1 (%2)</translation>
    </message>
    <message>
        <source>mode %1</source>
        <translation>モード %1</translation>
    </message>
    <message>
        <source>DNS</source>
        <translation>DNS</translation>
    </message>
    <message>
        <source>%1: point it at the edges yourself (%2)</source>
        <translation>%1: 入口ノード (%2) に向ける設定はご自身で行ってください</translation>
    </message>
    <message>
        <source>%1 → the healthy edges among %2, with failover</source>
        <translation>%1 → %2 のうち正常な入口ノード (フェイルオーバーあり)</translation>
    </message>
    <message>
        <source>No origin is set up.</source>
        <translation>自宅サーバーが設定されていません。</translation>
    </message>
    <message>
        <source>Fewer than two edges are set up.</source>
        <translation>入口ノードが 2 台未満です。</translation>
    </message>
    <message>
        <source>No hostname is set up.</source>
        <translation>ホスト名が設定されていません。</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>確認</translation>
    </message>
    <message>
        <source>What the deploy will install on each host. Nothing has been installed yet.</source>
        <translation>反映時に各ホストへインストールされる内容です。まだ何もインストールされていません。</translation>
    </message>
    <message>
        <source>Host and file</source>
        <translation>ホストとファイル</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
    <message>
        <source>Working out the files…</source>
        <translation>インストールするファイルを確認しています…</translation>
    </message>
</context>
<context>
    <name>kokoa::gui::WizardRoutePage</name>
    <message>
        <source>port: required</source>
        <translation>port: 入力が必要です</translation>
    </message>
    <message>
        <source>hostname: required</source>
        <translation>hostname: 入力が必要です</translation>
    </message>
    <message>
        <source>route %1 already exists</source>
        <translation>ホスト名 %1 はすでに登録されています</translation>
    </message>
    <message>
        <source>origin: add an origin first</source>
        <translation>origin: 先に自宅サーバーを追加してください</translation>
    </message>
    <message>
        <source>Fix the fields marked above.</source>
        <translation>上に示した項目を修正してください。</translation>
    </message>
    <message>
        <source>%1 added (zone %2).</source>
        <translation>%1 を追加しました (DNS ゾーン %2)。</translation>
    </message>
    <message>
        <source>Add at least one hostname.</source>
        <translation>ホスト名を 1 つ以上追加してください。</translation>
    </message>
    <message>
        <source>%1 → %2 port %3%4, health check %5</source>
        <translation>%1 → %2 のポート %3%4、ヘルスチェック %5</translation>
    </message>
    <message>
        <source>, WebSocket</source>
        <translation>、WebSocket</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(まだありません)</translation>
    </message>
    <message>
        <source>Hostnames</source>
        <translation>ホスト名</translation>
    </message>
    <message>
        <source>Which service each hostname publishes: the origin and port it runs on.</source>
        <translation>各ホスト名で公開するサービスを、それが動いている自宅サーバーとポートで指定します。</translation>
    </message>
</context>
<context>
    <name>kokoa::gui::WizardZonePage</name>
    <message>
        <source>Asking the provider…</source>
        <translation>プロバイダーに問い合わせています…</translation>
    </message>
    <message>
        <source>no result</source>
        <translation>結果がありません</translation>
    </message>
    <message>
        <source>Access failed: %1</source>
        <translation>アクセスできませんでした: %1</translation>
    </message>
    <message numerus="yes">
        <source>Access works. The zone holds %n record(s); its address records are listed below.</source>
        <translation>
            <numerusform>アクセスできました。ゾーンには %n 件のレコードがあります。アドレスレコードを下に表示します。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Access works. The zone holds %n record(s), none of them an address record.</source>
        <translation>
            <numerusform>アクセスできました。ゾーンには %n 件のレコードがありますが、アドレスレコードはありません。</numerusform>
        </translation>
    </message>
    <message>
        <source>(Only part of the zone was listed: %1)</source>
        <translation>(ゾーンの一部だけを表示しています: %1)</translation>
    </message>
    <message>
        <source>Waiting for the test to finish.</source>
        <translation>テストの完了を待っています。</translation>
    </message>
    <message>
        <source>zone: required</source>
        <translation>zone: 入力が必要です</translation>
    </message>
    <message>
        <source>Test access to the zone before going on.</source>
        <translation>先に進む前に、ゾーンへの接続テストを行ってください。</translation>
    </message>
    <message>
        <source>Zones set up: %1. Add another here, or go on.</source>
        <translation>設定済みの DNS ゾーン: %1。ここで別のゾーンを追加するか、次へ進んでください。</translation>
    </message>
    <message>
        <source>DNS zone</source>
        <translation>DNS ゾーン</translation>
    </message>
    <message>
        <source>The domain your hostnames belong to, and how Kokoa may change its records for failover.</source>
        <translation>ホスト名が属するドメインと、フェイルオーバーのために Kokoa がレコードを変更する方法を設定します。</translation>
    </message>
</context>
<context>
    <name>kokoa::gui::ZoneDialog</name>
    <message>
        <source>TSIG &amp;key (base64):</source>
        <translation>TSIG 鍵 (base64)(&amp;K):</translation>
    </message>
    <message>
        <source>API &amp;token:</source>
        <translation>API トークン(&amp;T):</translation>
    </message>
    <message>
        <source>Asking the DNS provider whether the credentials work…</source>
        <translation>認証情報が使えるか DNS プロバイダーに確認しています…</translation>
    </message>
    <message>
        <source>Replace the secret of %1</source>
        <translation>%1 の認証情報の差し替え</translation>
    </message>
    <message>
        <source>Add DNS zone</source>
        <translation>DNS ゾーンの追加</translation>
    </message>
    <message>
        <source>&amp;Zone:</source>
        <translation>DNS ゾーン(&amp;Z):</translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation>プロバイダー(&amp;P):</translation>
    </message>
    <message>
        <source>&amp;API address:</source>
        <translation>API のアドレス(&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>サーバー(&amp;S):</translation>
    </message>
    <message>
        <source>TSIG key &amp;name:</source>
        <translation>TSIG 鍵の名前(&amp;N):</translation>
    </message>
    <message>
        <source>TSIG &amp;algorithm:</source>
        <translation>TSIG アルゴリズム(&amp;A):</translation>
    </message>
    <message>
        <source>Cloudflare</source>
        <translation>Cloudflare</translation>
    </message>
    <message>
        <source>RFC 2136 (BIND, Knot, PowerDNS…)</source>
        <translation>RFC 2136 (BIND、Knot、PowerDNS など)</translation>
    </message>
    <message>
        <source>Manual (records are set by hand)</source>
        <translation>手動 (レコードは手で設定)</translation>
    </message>
    <message>
        <source>example.com</source>
        <translation>example.com</translation>
    </message>
    <message>
        <source>empty: Cloudflare&apos;s public API</source>
        <translation>空欄: Cloudflare の公開 API</translation>
    </message>
    <message>
        <source>HOST or HOST:PORT (port 53 when left out)</source>
        <translation>ホスト または ホスト:ポート (省略時はポート 53)</translation>
    </message>
    <message>
        <source>empty: hmac-sha256</source>
        <translation>空欄: hmac-sha256</translation>
    </message>
</context>
<context>
    <name>kokoa::gui::ZonesPage</name>
    <message>
        <source>none needed</source>
        <translation>不要</translation>
    </message>
    <message>
        <source>stored</source>
        <translation>保存済み</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>見つかりません</translation>
    </message>
    <message>
        <source>The zone %1 is managed by hand: it has no secret.</source>
        <translation>DNS ゾーン %1 は手動管理のため、認証情報はありません。</translation>
    </message>
    <message>
        <source>Remove the DNS zone %1 and its stored secret?</source>
        <translation>DNS ゾーン %1 と保存済みの認証情報を削除しますか?</translation>
    </message>
    <message>
        <source>Zone removed, but its secret file was not: %1</source>
        <translation>DNS ゾーンは削除しましたが、認証情報のファイルは削除できませんでした: %1</translation>
    </message>
    <message>
        <source>DNS zone</source>
        <translation>DNS ゾーン</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>プロバイダー</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>接続先</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>認証情報</translation>
    </message>
    <message>
        <source>No DNS zones yet.
Click “Add…” and give the zone&apos;s provider and an API token or TSIG key: Kokoa points your hostnames at the edges through it.</source>
        <translation>DNS ゾーンはまだありません。
「追加…」をクリックし、ゾーンのプロバイダーと API トークンまたは TSIG 鍵を入力してください。Kokoa はこれを使ってホスト名を入口ノードに向けます。</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>追加(&amp;A)…</translation>
    </message>
    <message>
        <source>Replace &amp;secret…</source>
        <translation>認証情報を差し替え(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>削除(&amp;R)</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>手動</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Kokoa: publish your home server&apos;s services</source>
        <translation>Kokoa: 自宅サーバーのサービスを公開します</translation>
    </message>
    <message>
        <source>Kokoa&apos;s data directory</source>
        <translation>Kokoa のデータディレクトリ</translation>
    </message>
    <message>
        <source>Kokoa</source>
        <translation>Kokoa</translation>
    </message>
</context>
</TS>
