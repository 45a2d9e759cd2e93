// Every string the window can show has a finished Japanese translation.
// The check runs translations/update.sh on a copy of kokoa_ja.ts, so a
// tr() added to the sources without its translation fails here, as does
// one the .ts file has but marks unfinished or leaves empty, and so does a
// tr() whose context lupdate has to guess.
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {

struct Message
{
    QString context;
    QString source;
    QStringList translations; // one, or one per plural form
    QString type;             // "", "unfinished", "vanished", "obsolete"
};

QList<Message> readTs(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<Message> messages;
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            current = Message{context, {}, {}, {}};
        } else if (name == QLatin1String("source")) {
            current.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            current.type = xml.attributes().value(QLatin1String("type")).toString();
            // Either text, or <numerusform> children.
            QString text;
            while (!(xml.isEndElement() && xml.name() == QLatin1String("translation"))) {
                xml.readNext();
                if (xml.isCharacters())
                    text += xml.text();
                if (xml.isStartElement() && xml.name() == QLatin1String("numerusform"))
                    current.translations.append(xml.readElementText());
            }
            if (current.translations.isEmpty())
                current.translations.append(text.trimmed());
            messages.append(current);
        }
    }
    return messages;
}

QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression marker(QStringLiteral("%(\\d+|n)"));
    QSet<QString> found;
    for (const QRegularExpressionMatch &m : marker.globalMatch(text))
        found.insert(m.captured());
    return found;
}

} // namespace

class tst_Translations : public QObject
{
    Q_OBJECT

private slots:
    void everyStringHasAFinishedJapaneseTranslation();
};

void tst_Translations::everyStringHasAFinishedJapaneseTranslation()
{
    const QString source = QStringLiteral(KOKOA_SOURCE_DIR);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString copy = dir.filePath(QStringLiteral("kokoa_ja.ts"));
    QVERIFY(QFile::copy(source + QStringLiteral("/translations/kokoa_ja.ts"), copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);

    QProcess update;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LUPDATE"), QStringLiteral(KOKOA_LUPDATE));
    update.setProcessEnvironment(env);
    update.start(QStringLiteral("bash"),
                 {source + QStringLiteral("/translations/update.sh"), copy});
    QVERIFY(update.waitForFinished(120000));
    const QByteArray diagnostics = update.readAllStandardError();
    QVERIFY2(update.exitCode() == 0, diagnostics.constData());
    // lupdate says this of a tr() it cannot tie to a Q_OBJECT class or to
    // Q_DECLARE_TR_FUNCTIONS (a free function's helper, a plain class): it
    // files the string under a context the code does not use at runtime, so
    // its translation would never be found.
    QVERIFY2(!diagnostics.contains("lacks Q_OBJECT macro"), diagnostics.constData());

    const QList<Message> messages = readTs(copy);
    QVERIFY2(messages.size() > 100, "the sources gave suspiciously few strings");
    QStringList missing;
    QStringList badPlaceholders;
    for (const Message &m : messages) {
        if (m.type == QLatin1String("vanished") || m.type == QLatin1String("obsolete"))
            continue;
        const bool empty = std::any_of(m.translations.cbegin(), m.translations.cend(),
                                       [](const QString &t) { return t.isEmpty(); });
        if (m.type == QLatin1String("unfinished") || empty) {
            missing.append(m.context + QStringLiteral(": ") + m.source);
            continue;
        }
        for (const QString &t : m.translations) {
            if (placeholders(t) != placeholders(m.source))
                badPlaceholders.append(m.context + QStringLiteral(": ") + m.source);
        }
    }
    if (!missing.isEmpty())
        qWarning().noquote() << QStringLiteral("without a finished translation:\n  ") +
                                    missing.join(QStringLiteral("\n  "));
    if (!badPlaceholders.isEmpty())
        qWarning().noquote() << QStringLiteral("placeholders differ from the source:\n  ") +
                                    badPlaceholders.join(QStringLiteral("\n  "));
    QCOMPARE(missing.size(), 0);
    QCOMPARE(badPlaceholders.size(), 0);
}

QTEST_GUILESS_MAIN(tst_Translations)
#include "tst_translations.moc"
