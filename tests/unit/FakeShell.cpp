#include "FakeShell.h"

#include "deploy/CertificateSet.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QRegularExpression>

namespace kokoa::test {
namespace {

const QString interfaceName = QStringLiteral("kokoa0");
const QString wireGuardConfig = QStringLiteral("/etc/wireguard/kokoa0.conf");
const QString nginxConfig = QStringLiteral("/etc/nginx/nginx.conf");
const QString nginxPid = QStringLiteral("/run/nginx.pid");

QStringList args(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *a : list)
        out.append(QString::fromLatin1(a));
    return out;
}

bool startsWith(const QStringList &argv, const QStringList &prefix)
{
    if (argv.size() < prefix.size())
        return false;
    for (qsizetype i = 0; i < prefix.size(); ++i) {
        if (argv.at(i) != prefix.at(i))
            return false;
    }
    return true;
}

ExecResult ok(const QByteArray &standardOutput = {})
{
    return exitWith(0, {}, standardOutput);
}

} // namespace

ExecResult exitWith(int exitCode, const QByteArray &standardError, const QByteArray &standardOutput)
{
    ExecResult r;
    r.exitCode = exitCode;
    r.standardError = standardError;
    r.standardOutput = standardOutput;
    return r;
}

FakeShell::FakeShell()
    // 32 bytes of base64, as `wg genkey` prints them.
    : m_privateKey(QByteArray("fake-private-key-of-this-host!!!").toBase64())
{
    for (const char *d : {"/etc", "/run", "/var/lib", "/var/log", "/tmp"})
        makeDirectory(QString::fromLatin1(d));
    setOsRelease("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"
                 "NAME=\"Debian GNU/Linux\"\n"
                 "VERSION_ID=\"12\"\n"
                 "VERSION=\"12 (bookworm)\"\n"
                 "ID=debian\n");
}

QByteArray FakeShell::publicKeyOf(const QByteArray &privateKey)
{
    return QCryptographicHash::hash(privateKey, QCryptographicHash::Sha256).toBase64();
}

void FakeShell::setSystemd(bool on)
{
    m_systemd = on;
    if (on)
        makeDirectory(QStringLiteral("/run/systemd/system"));
    else
        m_dirs.remove(QStringLiteral("/run/systemd/system"));
}

void FakeShell::installPackages(const QStringList &packages)
{
    for (const QString &p : packages) {
        m_packages.insert(p);
        if (p == QLatin1String("nginx")) {
            makeDirectory(QStringLiteral("/etc/nginx"));
            makeDirectory(QStringLiteral("/var/log/nginx"));
        } else if (p == QLatin1String("wireguard-tools")) {
            makeDirectory(QStringLiteral("/etc/wireguard"));
        }
    }
}

void FakeShell::writeFile(const QString &path, const QByteArray &content, int mode)
{
    makeDirectory(QFileInfo(path).path());
    m_files.insert(path, File{content, mode});
}

void FakeShell::makeDirectory(const QString &path)
{
    QString p = QFileInfo(path).filePath();
    while (!p.isEmpty() && p != QLatin1String("/")) {
        m_dirs.insert(p);
        p = QFileInfo(p).path();
    }
    m_dirs.insert(QStringLiteral("/"));
}

void FakeShell::answer(const QStringList &prefix, int exitCode, const QByteArray &standardError,
                       const QByteArray &standardOutput)
{
    addHandler([=](const QStringList &argv, const QByteArray &) -> std::optional<ExecResult> {
        if (!startsWith(argv, prefix))
            return std::nullopt;
        return exitWith(exitCode, standardError, standardOutput);
    });
}

std::optional<FakeShell::File> FakeShell::file(const QString &path) const
{
    const auto it = m_files.constFind(path);
    if (it == m_files.constEnd())
        return std::nullopt;
    return *it;
}

void FakeShell::clearLog()
{
    m_commands.clear();
    m_uploads.clear();
    m_returned.clear();
}

int FakeShell::count(const QStringList &prefix) const
{
    return int(std::count_if(m_commands.begin(), m_commands.end(),
                             [&](const QStringList &argv) { return startsWith(argv, prefix); }));
}

int FakeShell::indexOf(const QStringList &prefix, int from) const
{
    for (int i = from; i < m_commands.size(); ++i) {
        if (startsWith(m_commands.at(i), prefix))
            return i;
    }
    return -1;
}

QString FakeShell::show(const QStringList &argv)
{
    QStringList quoted;
    for (const QString &a : argv)
        quoted.append(a.contains(QLatin1Char(' ')) || a.isEmpty()
                          ? QLatin1Char('\'') + a + QLatin1Char('\'')
                          : a);
    return quoted.join(QLatin1Char(' '));
}

// --- The scripts of src/deploy, verbatim ---

QString FakeShell::keyScript()
{
    return QStringLiteral(
        "umask 077; mkdir -p \"${1%/*}\" || exit 1; "
        "if [ ! -s \"$1\" ]; then wg genkey > \"$1.tmp\" && mv -f \"$1.tmp\" \"$1\" "
        "&& echo new >&2 || exit 1; fi; wg pubkey < \"$1\"");
}

QString FakeShell::dryRunKeyScript()
{
    return QStringLiteral("[ -s \"$1\" ] || exit 3; wg pubkey < \"$1\"");
}

QString FakeShell::keyTransformScript()
{
    return QStringLiteral(
        "umask 077; [ -s \"$1\" ] || { echo \"no WireGuard key in $1\" >&2; exit 1; }; "
        "awk 'NR == FNR { key = $0; next } { print } "
        "/^\\[Interface\\]/ { print \"PrivateKey = \" key }' "
        "\"$1\" \"$2\" > \"$2.tmp\" && mv -f \"$2.tmp\" \"$2\" "
        "|| { rm -f \"$2.tmp\"; exit 1; }");
}

QString FakeShell::nginxPidScript()
{
    return QStringLiteral("[ -s /run/nginx.pid ] && kill -0 \"$(cat /run/nginx.pid)\"");
}

QString FakeShell::wireGuardSyncScript()
{
    return QStringLiteral(
        "conf=$(wg-quick strip \"$1\") || exit 1; "
        "case \"$conf\" in *ListenPort*) ;; *) "
        "port=$(wg show \"$1\" listen-port) || exit 1; "
        "conf=$(printf '%s\\n' \"$conf\" | awk -v port=\"$port\" "
        "'{ print } /^\\[Interface\\]/ { print \"ListenPort = \" port }') || exit 1 ;; "
        "esac; "
        "printf '%s\\n' \"$conf\" | wg syncconf \"$1\" /dev/stdin");
}

QString FakeShell::wireGuardCheckScript()
{
    return QStringLiteral("wg-quick strip \"$1\" > /dev/null");
}

QString FakeShell::wireGuardStateScript()
{
    return QStringLiteral("wg show \"$1\" public-key && wg show \"$1\" peers");
}

QString FakeShell::handshakeScript()
{
    return QStringLiteral("date +%s && wg show \"$1\" latest-handshakes");
}

QString FakeShell::lockScript()
{
    return QStringLiteral(
        "take() { mkdir \"$1\" 2>/dev/null && printf '%s\\n' \"$2\" > \"$1/owner\"; }; "
        "take \"$1\" \"$2\" && exit 0; "
        "now=$(date +%s); since=$(stat -c %Y \"$1\" 2>/dev/null) || since=$now; "
        "if [ $((now - since)) -ge \"$3\" ]; then rm -rf -- \"$1\"; take \"$1\" \"$2\" && exit 0; "
        "fi; "
        "echo $((now - since)); head -c 200 \"$1/owner\" 2>/dev/null; exit 75");
}

// --- RemoteShell ---

Result<ExecResult> FakeShell::exec(const QStringList &argv, const QByteArray &standardInput,
                                   int timeoutMs, const std::atomic_bool *cancel, bool asRoot,
                                   qsizetype maxOutputBytes)
{
    Q_UNUSED(timeoutMs)
    m_commands.append(argv);
    if (cancel && cancel->load())
        return Error(Error::Kind::Cancelled,
                     QStringLiteral("%1: %2 was cancelled").arg(where(), show(argv)));
    if (!asRoot) {
        m_unexpected.append(QStringLiteral("not as root: ") + show(argv));
        return Error(Error::Kind::Internal,
                     QStringLiteral("FakeShell: deployment ran %1 without root").arg(show(argv)));
    }
    std::optional<ExecResult> r;
    for (const Handler &h : std::as_const(m_handlers)) {
        if ((r = h(argv, standardInput)))
            break;
    }
    if (!r)
        r = emulate(argv, standardInput);
    if (r) {
        // As SshSession: a cancel while the command ran wins over its result.
        if (cancel && cancel->load())
            return Error(Error::Kind::Cancelled,
                         QStringLiteral("%1: %2 was cancelled").arg(where(), show(argv)));
        m_returned.append(r->standardOutput);
        m_returned.append(r->standardError);
        // As SshSession: more output than allowed is an error.
        if (r->standardOutput.size() + r->standardError.size() > maxOutputBytes) {
            return Error(Error::Kind::Remote,
                         QStringLiteral("%1: %2 sent more than %3 bytes of output")
                             .arg(where(), show(argv))
                             .arg(maxOutputBytes));
        }
        return *r;
    }
    m_unexpected.append(show(argv));
    return Error(Error::Kind::Internal,
                 QStringLiteral("FakeShell: no emulation for the command %1").arg(show(argv)));
}

Status FakeShell::upload(const QString &remotePath, const QByteArray &content, int mode)
{
    m_uploads.append(remotePath);
    if (!parentExists(remotePath)) {
        return Error(
            Error::Kind::Remote,
            QStringLiteral("%1: cannot write %2: no such directory").arg(where(), remotePath));
    }
    m_files.insert(remotePath, File{content, mode});
    return {};
}

Result<std::optional<QByteArray>> FakeShell::download(const QString &remotePath)
{
    m_commands.append({QStringLiteral("<download>"), remotePath});
    const std::optional<File> f = file(remotePath);
    if (!f)
        return std::optional<QByteArray>();
    m_returned.append(f->content);
    return std::optional<QByteArray>(f->content);
}

// --- Emulations ---

bool FakeShell::parentExists(const QString &path) const
{
    return m_dirs.contains(QFileInfo(path).path());
}

std::optional<ExecResult> FakeShell::requirePackage(const QString &package,
                                                    const QString &command) const
{
    if (m_packages.contains(package))
        return std::nullopt;
    return exitWith(127, QStringLiteral("sh: 1: %1: not found\n").arg(command).toUtf8());
}

std::optional<ExecResult> FakeShell::emulate(const QStringList &argv,
                                             const QByteArray &standardInput)
{
    Q_UNUSED(standardInput)
    if (argv.isEmpty())
        return std::nullopt;
    const QString &command = argv.first();
    if (command == QLatin1String("sh"))
        return emulateShellScript(argv);
    if (command == QLatin1String("systemctl"))
        return emulateSystemctl(argv);
    if (command == QLatin1String("wg") || command == QLatin1String("wg-quick"))
        return emulateWireGuard(argv);
    if (command == QLatin1String("nginx"))
        return emulateNginx(argv);
    if (command == QLatin1String("nft")) {
        if (auto missing = requirePackage(QStringLiteral("nftables"), command))
            return missing;
        if (argv == args({"nft", "list", "table", "inet", "kokoa"})) {
            return firewallLoaded ? ok("table inet kokoa {\n}\n")
                                  : exitWith(1, "Error: No such file or directory\n");
        }
        if (argv.size() == 4 && argv.at(1) == QLatin1String("-c") &&
            argv.at(2) == QLatin1String("-f"))
            return exists(argv.at(3)) ? ok() : exitWith(1, "Error: Could not process rule\n");
        if (argv.size() == 3 && argv.at(1) == QLatin1String("-f")) {
            const std::optional<File> f = file(argv.at(2));
            if (!f)
                return exitWith(1, "Error: Could not process rule: No such file or directory\n");
            firewallLoaded = true;
            firewallActive = f->content;
            return ok();
        }
        return std::nullopt;
    }
    if (command == QLatin1String("dpkg-query") || command == QLatin1String("apt-get") ||
        command == QLatin1String("env")) {
        return emulatePackages(argv);
    }
    return emulateFiles(argv);
}

std::optional<ExecResult> FakeShell::emulateFiles(const QStringList &argv)
{
    const QString &command = argv.first();
    if (command == QLatin1String("cat") && argv.size() == 2) {
        const std::optional<File> f = file(argv.at(1));
        if (!f)
            return exitWith(
                1, QStringLiteral("cat: %1: No such file or directory\n").arg(argv.at(1)).toUtf8());
        return ok(f->content);
    }
    if (command == QLatin1String("test") && argv.size() == 3) {
        if (argv.at(1) == QLatin1String("-d"))
            return exitWith(isDirectory(argv.at(2)) ? 0 : 1);
        if (argv.at(1) == QLatin1String("-e"))
            return exitWith(isDirectory(argv.at(2)) || exists(argv.at(2)) ? 0 : 1);
        return std::nullopt;
    }
    if (command == QLatin1String("mkdir") && argv.size() >= 3 &&
        argv.at(1) == QLatin1String("-p")) {
        for (const QString &d : argv.mid(2)) {
            if (!d.startsWith(QLatin1Char('/')) || exists(d))
                return exitWith(
                    1, QStringLiteral("mkdir: cannot create directory '%1'\n").arg(d).toUtf8());
            makeDirectory(d);
        }
        return ok();
    }
    if (argv.size() == 5 && argv.at(2) == QLatin1String("--") &&
        ((command == QLatin1String("mv") && argv.at(1) == QLatin1String("-f")) ||
         (command == QLatin1String("cp") && argv.at(1) == QLatin1String("-p")))) {
        const QString from = argv.at(3);
        const QString to = argv.at(4);
        const std::optional<File> f = file(from);
        if (!f || !parentExists(to)) {
            return exitWith(1, QStringLiteral("%1: cannot stat '%2': No such file or directory\n")
                                   .arg(command, from)
                                   .toUtf8());
        }
        m_files.insert(to, *f);
        if (command == QLatin1String("mv"))
            m_files.remove(from);
        return ok();
    }
    if (argv == args({"rm", "-rf", "--", "/run/kokoa-deploy.lock"})) {
        lockTakenAt.reset();
        return ok();
    }
    if (command == QLatin1String("rm") && argv.size() >= 4 && argv.at(1) == QLatin1String("-f") &&
        argv.at(2) == QLatin1String("--")) {
        for (const QString &p : argv.mid(3))
            m_files.remove(p);
        return ok();
    }
    return std::nullopt;
}

std::optional<ExecResult> FakeShell::emulatePackages(const QStringList &argv)
{
    if (argv.size() >= 4 && argv.at(0) == QLatin1String("dpkg-query") &&
        argv.at(1) == QLatin1String("-W") &&
        argv.at(2) == QLatin1String("-f=${Package} ${db:Status-Abbrev}\\n")) {
        QByteArray out;
        QByteArray err;
        for (const QString &p : argv.mid(3)) {
            if (m_packages.contains(p))
                out += p.toUtf8() + " ii \n";
            else
                err += "dpkg-query: no packages found matching " + p.toUtf8() + '\n';
        }
        return exitWith(err.isEmpty() ? 0 : 1, err, out);
    }
    if (argv == args({"apt-get", "-q", "update"})) {
        m_packageListsFresh = true;
        return ok("Reading package lists...\n");
    }
    const QStringList install = args({"env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "-q",
                                      "-y", "install", "--no-install-recommends"});
    if (startsWith(argv, install) && argv.size() > install.size()) {
        const QStringList packages = argv.mid(install.size());
        if (!m_packageListsFresh) {
            return exitWith(
                100,
                QStringLiteral("E: Unable to locate package %1\n").arg(packages.first()).toUtf8());
        }
        installPackages(packages);
        return ok("Setting up packages...\n");
    }
    return std::nullopt;
}

std::optional<ExecResult> FakeShell::emulateSystemctl(const QStringList &argv)
{
    if (!m_systemd) {
        return exitWith(1, "System has not been booted with systemd as init system (PID 1). "
                           "Can't operate.\n");
    }
    const QString wgUnit = QStringLiteral("wg-quick@") + interfaceName;
    if (argv == args({"systemctl", "is-active", "--quiet", "nginx"}))
        return exitWith(nginxRunning ? 0 : 3);
    if (argv == args({"systemctl", "enable", "--now", "nginx"})) {
        if (auto missing = requirePackage(QStringLiteral("nginx"), QStringLiteral("nginx")))
            return exitWith(5, "Failed to enable unit: Unit file nginx.service does not exist.\n");
        if (!nginxRunning) {
            if (!exists(nginxConfig))
                return exitWith(1, "Job for nginx.service failed.\n");
            nginxRunning = true;
            nginxServing = file(nginxConfig)->content;
        }
        return ok();
    }
    if (argv == args({"systemctl", "reload", "nginx"})) {
        if (!nginxRunning)
            return exitWith(1, "nginx.service is not active, cannot reload.\n");
        nginxServing = file(nginxConfig)->content;
        return ok();
    }
    if (argv == QStringList{QStringLiteral("systemctl"), QStringLiteral("enable"),
                            QStringLiteral("--now"), wgUnit}) {
        if (!wireGuardUp)
            return emulateWireGuard(
                {QStringLiteral("wg-quick"), QStringLiteral("up"), interfaceName});
        return ok();
    }
    if (argv == QStringList{QStringLiteral("systemctl"), QStringLiteral("restart"), wgUnit}) {
        wireGuardUp = false;
        return emulateWireGuard({QStringLiteral("wg-quick"), QStringLiteral("up"), interfaceName});
    }
    if (argv == args({"systemctl", "daemon-reload"}))
        return ok();
    if (argv == args({"systemctl", "enable", "kokoa-firewall.service"})) {
        return exists(QStringLiteral("/etc/systemd/system/kokoa-firewall.service"))
                   ? ok()
                   : exitWith(1, "Failed to enable unit: Unit file kokoa-firewall.service does not "
                                 "exist.\n");
    }
    return std::nullopt;
}

std::optional<ExecResult> FakeShell::stripWireGuard(const QString &nameOrPath) const
{
    const QString path = nameOrPath.contains(QLatin1Char('/'))
                             ? nameOrPath
                             : QStringLiteral("/etc/wireguard/%1.conf").arg(nameOrPath);
    static const QRegularExpression confName(QStringLiteral("^[a-zA-Z0-9_=+.-]{1,15}\\.conf$"));
    if (!confName.match(QFileInfo(path).fileName()).hasMatch()) {
        return exitWith(1, "wg-quick: The config file must be a valid interface name, "
                           "followed by .conf\n");
    }
    const std::optional<File> f = file(path);
    if (!f)
        return exitWith(1, QStringLiteral("wg-quick: `%1' does not exist\n").arg(path).toUtf8());
    // Like wg-quick: drop its own keys, pass every other line through as it
    // is (it checks no syntax; `wg` does, later).
    static const QRegularExpression keyValue(QStringLiteral("^\\s*([A-Za-z]+)\\s*="));
    const QStringList quick = {
        QStringLiteral("Address"), QStringLiteral("DNS"),      QStringLiteral("MTU"),
        QStringLiteral("Table"),   QStringLiteral("PreUp"),    QStringLiteral("PostUp"),
        QStringLiteral("PreDown"), QStringLiteral("PostDown"), QStringLiteral("SaveConfig")};
    QByteArray out;
    QList<QByteArray> lines = f->content.split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    for (const QByteArray &line : std::as_const(lines)) {
        const QRegularExpressionMatch m =
            keyValue.match(QString::fromUtf8(line).section(QLatin1Char('#'), 0, 0));
        if (!m.hasMatch() || !quick.contains(m.captured(1)))
            out += line + '\n';
    }
    return ok(out);
}

std::optional<ExecResult> FakeShell::emulateWireGuard(const QStringList &argv)
{
    if (auto missing = requirePackage(QStringLiteral("wireguard-tools"), argv.first()))
        return missing;
    if (argv == QStringList{QStringLiteral("wg"), QStringLiteral("show"), interfaceName}) {
        if (!wireGuardUp)
            return exitWith(1, "Unable to access interface: No such device\n");
        return ok("interface: kokoa0\n  private key: (hidden)\n  listening port: 51820\n");
    }
    if (argv.size() == 3 && argv.at(0) == QLatin1String("wg-quick") &&
        argv.at(1) == QLatin1String("strip")) {
        return stripWireGuard(argv.at(2));
    }
    if (argv == QStringList{QStringLiteral("wg-quick"), QStringLiteral("up"), interfaceName}) {
        if (wireGuardUp)
            return exitWith(1, "wg-quick: `kokoa0' already exists\n");
        if (const std::optional<ExecResult> stripped = stripWireGuard(interfaceName);
            stripped->exitCode != 0) {
            return stripped;
        }
        // Stricter than wg-quick (which would bring up a key-less
        // interface): a config without the host's key is a deployment bug.
        if (!file(wireGuardConfig)->content.contains("PrivateKey = "))
            return exitWith(1, "wg-quick: the interface has no private key\n");
        wireGuardUp = true;
        wireGuardLoaded = file(wireGuardConfig)->content;
        return ok();
    }
    if (argv == QStringList{QStringLiteral("wg-quick"), QStringLiteral("down"), interfaceName}) {
        if (!wireGuardUp)
            return exitWith(1, "wg-quick: `kokoa0' is not a WireGuard interface\n");
        wireGuardUp = false;
        return ok();
    }
    return std::nullopt;
}

std::optional<ExecResult> FakeShell::emulateTunnelState(const QString &script)
{
    if (auto missing = requirePackage(QStringLiteral("wireguard-tools"), QStringLiteral("wg")))
        return missing;
    if (!wireGuardUp || !wireGuardLoaded)
        return exitWith(1, "Unable to access interface: No such device\n");
    QByteArray privateKey;
    QList<QByteArray> peers;
    for (const QByteArray &line : wireGuardLoaded->split('\n')) {
        if (line.startsWith("PrivateKey = "))
            privateKey = line.mid(13).trimmed();
        else if (line.startsWith("PublicKey = "))
            peers.append(line.mid(12).trimmed());
    }
    QByteArray out;
    if (script == wireGuardStateScript()) {
        // Like wg: "(none)" for an interface without a key.
        out = (privateKey.isEmpty() ? QByteArray("(none)") : publicKeyOf(privateKey)) + '\n';
        for (const QByteArray &peer : std::as_const(peers))
            out += peer + '\n';
        return ok(out);
    }
    out = QByteArray::number(now) + '\n';
    for (const QByteArray &peer : std::as_const(peers)) {
        const bool silent = silentPeers.contains(QString::fromLatin1(peer));
        out += peer + '\t' + QByteArray::number(silent ? 0 : now - 5) + '\n';
    }
    return ok(out);
}

std::optional<ExecResult> FakeShell::emulateNginx(const QStringList &argv)
{
    if (auto missing = requirePackage(QStringLiteral("nginx"), QStringLiteral("nginx")))
        return missing;
    if (argv.size() == 5 && argv.mid(0, 4) == args({"nginx", "-t", "-q", "-c"})) {
        if (!exists(argv.at(4))) {
            return exitWith(1,
                            QStringLiteral("nginx: [emerg] open() \"%1\" failed (2: No such file "
                                           "or directory)\n")
                                .arg(argv.at(4))
                                .toUtf8());
        }
        return ok();
    }
    if (argv == args({"nginx"})) {
        if (nginxRunning)
            return exitWith(
                1, "nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)\n");
        if (!exists(nginxConfig))
            return exitWith(1, "nginx: [emerg] open() \"/etc/nginx/nginx.conf\" failed\n");
        nginxRunning = true;
        nginxServing = file(nginxConfig)->content;
        return ok();
    }
    if (argv == args({"nginx", "-s", "reload"})) {
        if (!nginxRunning)
            return exitWith(1, "nginx: [error] invalid PID number \"\" in \"/run/nginx.pid\"\n");
        nginxServing = file(nginxConfig)->content;
        return ok();
    }
    return std::nullopt;
}

std::optional<ExecResult> FakeShell::emulateShellScript(const QStringList &argv)
{
    if (argv.size() < 3 || argv.at(1) != QLatin1String("-c"))
        return std::nullopt;
    const QString &script = argv.at(2);
    const QStringList params = argv.mid(4); // $1, $2, … after $0

    // ServiceControl::reloadNginx wraps the reload in a script that runs it
    // ("$@") and waits for the new generation of workers: the outcome is the
    // outcome of the wrapped command here.
    if (argv.size() > 4 && argv.at(3) == QLatin1String("kokoa-reload") &&
        script.contains(QLatin1String("\"$@\""))) {
        return emulate(params, {});
    }

    // CertificateSet's scripts: cp -p / mv -f for each (source, destination)
    // pair of "$@", stopping at the first failure, or for the restore script
    // trying every pair.
    const bool copy = script == CertificateSet::copyScript();
    const bool move = script == CertificateSet::moveScript();
    const bool restore = script == CertificateSet::restoreScript();
    if ((copy || move || restore) && params.size() % 2 == 0) {
        QByteArray errors;
        for (qsizetype i = 0; i + 1 < params.size(); i += 2) {
            const QStringList pair =
                copy ? QStringList{QStringLiteral("cp"), QStringLiteral("-p"), QStringLiteral("--"),
                                   params.at(i), params.at(i + 1)}
                     : QStringList{QStringLiteral("mv"), QStringLiteral("-f"), QStringLiteral("--"),
                                   params.at(i), params.at(i + 1)};
            const std::optional<ExecResult> r = emulateFiles(pair);
            if (r && r->exitCode == 0)
                continue;
            errors += r ? r->standardError : QByteArray("not emulated\n");
            if (!restore)
                break;
        }
        return exitWith(errors.isEmpty() ? 0 : 1, errors);
    }

    if (script == nginxPidScript() && params.isEmpty())
        return exitWith(nginxRunning ? 0 : 1);

    if ((script == keyScript() || script == dryRunKeyScript()) && params.size() == 1) {
        const QString key = params.at(0);
        const std::optional<File> f = file(key);
        const bool present = f && !f->content.isEmpty();
        QByteArray err;
        if (!present) {
            if (script == dryRunKeyScript())
                return exitWith(3);
            if (auto missing =
                    requirePackage(QStringLiteral("wireguard-tools"), QStringLiteral("wg")))
                return missing;
            makeDirectory(QFileInfo(key).path());
            m_files.insert(key, File{m_privateKey + '\n', 0600});
            err = "new\n";
        }
        if (auto missing = requirePackage(QStringLiteral("wireguard-tools"), QStringLiteral("wg")))
            return missing;
        return exitWith(0, err, publicKeyOf(file(key)->content.trimmed()) + '\n');
    }

    if (script == keyTransformScript() && params.size() == 2) {
        const std::optional<File> key = file(params.at(0));
        const std::optional<File> staged = file(params.at(1));
        if (!key || key->content.isEmpty())
            return exitWith(1,
                            QStringLiteral("no WireGuard key in %1\n").arg(params.at(0)).toUtf8());
        if (!staged)
            return exitWith(1, "awk: cannot open " + params.at(1).toUtf8() + '\n');
        QByteArray out;
        const QByteArray keyLine = key->content.trimmed();
        QList<QByteArray> lines = staged->content.split('\n');
        if (!lines.isEmpty() && lines.last().isEmpty())
            lines.removeLast(); // awk prints every record with a newline
        for (const QByteArray &line : std::as_const(lines)) {
            out += line + '\n';
            if (line.startsWith("[Interface]"))
                out += "PrivateKey = " + keyLine + '\n';
        }
        m_files.insert(params.at(1), File{out, 0600}); // umask 077
        return ok();
    }

    if (script == wireGuardCheckScript() && params.size() == 1) {
        if (auto missing =
                requirePackage(QStringLiteral("wireguard-tools"), QStringLiteral("wg-quick")))
            return missing;
        std::optional<ExecResult> r = stripWireGuard(params.at(0));
        r->standardOutput.clear(); // > /dev/null
        return r;
    }

    if ((script == wireGuardStateScript() || script == handshakeScript()) &&
        params == QStringList{interfaceName}) {
        return emulateTunnelState(script);
    }

    if (script == lockScript() && params.size() == 3 &&
        params.at(0) == QLatin1String("/run/kokoa-deploy.lock")) {
        if (lockTakenAt && now - *lockTakenAt < params.at(2).toLongLong())
            return exitWith(75, {},
                            QByteArray::number(now - *lockTakenAt) + '\n' + lockOwner + '\n');
        lockTakenAt = now;
        lockOwner = params.at(1).toUtf8();
        return ok();
    }

    if (script == wireGuardSyncScript() && params == QStringList{interfaceName}) {
        if (auto missing =
                requirePackage(QStringLiteral("wireguard-tools"), QStringLiteral("wg-quick")))
            return missing;
        const std::optional<ExecResult> stripped = stripWireGuard(interfaceName);
        if (stripped->exitCode != 0)
            return exitWith(1, stripped->standardError);
        if (!wireGuardUp)
            return exitWith(1, "Unable to modify interface: No such device\n");
        wireGuardLoaded = file(wireGuardConfig)->content;
        return ok();
    }
    return std::nullopt;
}

} // namespace kokoa::test
