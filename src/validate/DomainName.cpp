#include "validate/DomainName.h"

#include "validate/TextRules.h"

#include <QUrl>

#include <algorithm>

namespace kokoa::detail {
namespace {

constexpr qsizetype maxHostnameLength = 253;
constexpr qsizetype maxLabelLength = 63;

// Checks one label of a host name that is already ASCII and lowercase.
QString labelProblem(const QString &label, bool allowUnderscore)
{
    if (label.isEmpty())
        return Validator::tr("contains an empty label (two dots in a row, or a leading dot)");
    if (label.size() > maxLabelLength)
        return Validator::tr("label %1… is longer than 63 characters")
            .arg(quoteForMessage(label.left(20)));
    const QString pattern =
        allowUnderscore ? QStringLiteral("[a-z0-9_-]+") : QStringLiteral("[a-z0-9-]+");
    if (!matches(pattern, label)) {
        return allowUnderscore
                   ? Validator::tr("labels may only contain letters, digits, '-' and '_'")
                   : Validator::tr("labels may only contain letters, digits and '-'");
    }
    if (label.startsWith(QLatin1Char('-')) || label.endsWith(QLatin1Char('-')))
        return Validator::tr("a label may not start or end with '-'");
    if (label.size() >= 4 && label.mid(2, 2) == QLatin1String("--") &&
        !label.startsWith(QLatin1String("xn--"))) {
        return Validator::tr("'--' in the third and fourth position is reserved for IDN (xn--)");
    }
    return {};
}

// A label that a URL parser or inet_aton() would read as a number: "0x7f.1",
// "127.1" and "0x7f000001" are all 127.0.0.1 to getaddrinfo() (WHATWG URL
// "ends in a number").
bool looksNumeric(const QString &label)
{
    return matches(QStringLiteral("[0-9]+|0x[0-9a-f]*"), label);
}

// Scripts that may share one label (UTS #39 "highly restrictive"): a single
// script, or Latin with the Han based combinations of Japanese, Chinese and
// Korean. Anything else ("pаypal" with a Cyrillic 'а') is a homoglyph trap.
bool mixesScripts(const QList<uint> &codePoints)
{
    QList<QChar::Script> scripts;
    for (const uint cp : codePoints) {
        const QChar::Script script = QChar::script(char32_t(cp));
        if (script == QChar::Script_Common || script == QChar::Script_Inherited)
            continue;
        if (!scripts.contains(script))
            scripts.append(script);
    }
    if (scripts.size() <= 1)
        return false;
    const QList<QList<QChar::Script>> allowed{
        {QChar::Script_Latin, QChar::Script_Han, QChar::Script_Hiragana, QChar::Script_Katakana},
        {QChar::Script_Latin, QChar::Script_Han, QChar::Script_Bopomofo},
        {QChar::Script_Latin, QChar::Script_Han, QChar::Script_Hangul},
    };
    return std::none_of(allowed.begin(), allowed.end(), [&](const QList<QChar::Script> &set) {
        return std::all_of(scripts.begin(), scripts.end(),
                           [&](QChar::Script s) { return set.contains(s); });
    });
}

// Checks the Unicode form of one label (decoded from punycode).
QString unicodeLabelProblem(const QString &label)
{
    if (hasDeceptiveCharacters(label))
        return Validator::tr("contains control, invisible or space characters");
    if (label.normalized(QString::NormalizationForm_C) != label) {
        return Validator::tr("is not in Unicode normal form C (decomposed or combining "
                             "characters); type the name as it should appear");
    }
    const QList<uint> codePoints = label.toUcs4();
    for (qsizetype i = 0; i < codePoints.size(); ++i) {
        const QChar::Category category = QChar::category(char32_t(codePoints[i]));
        const bool mark = category == QChar::Mark_NonSpacing ||
                          category == QChar::Mark_SpacingCombining ||
                          category == QChar::Mark_Enclosing;
        if (mark && (i == 0 || codePoints[i - 1] < 0x80 || category == QChar::Mark_Enclosing)) {
            return Validator::tr("contains a combining mark on a plain letter or at the start "
                                 "of a label");
        }
    }
    if (mixesScripts(codePoints)) {
        return Validator::tr("mixes letters of different scripts in one label (for example "
                             "Cyrillic and Latin), which makes look-alike names");
    }
    return {};
}

} // namespace

Result<QString> domainName(const QString &field, const QString &input, NameKind kind,
                           Validator::Wildcard wildcard)
{
    if (input.isEmpty())
        return Error::invalid(field, input, Validator::tr("a name is required"));
    if (input.size() > maxRawInput || hasDeceptiveCharacters(input)) {
        return Error::invalid(field, input,
                              Validator::tr("contains control, invisible or space characters"));
    }

    QString name = input;
    if (name.endsWith(QLatin1Char('.')))
        name.chop(1);

    bool wildcardLabel = false;
    if (name.startsWith(QLatin1String("*."))) {
        if (wildcard == Validator::Wildcard::Forbidden) {
            return Error::invalid(field, input, Validator::tr("a wildcard is not allowed here"));
        }
        wildcardLabel = true;
        name = name.mid(2);
    }

    const auto aceOptions = QUrl::AceProcessingOption::IgnoreIDNWhitelist;
    QString ace;
    if (isPlainAscii(name)) {
        ace = name.toLower();
    } else if (kind == NameKind::TsigName) {
        return Error::invalid(field, input,
                              Validator::tr("a key name may only contain ASCII letters, digits, "
                                            "'-', '_' and '.'"));
    } else {
        // Case is folded like in the ASCII path; every other change IDNA
        // would make (NFC, fullwidth forms, ignorable characters, other dots)
        // means the user typed something else than what would be served.
        const QString lower = name.toLower();
        ace = QString::fromLatin1(QUrl::toAce(lower, aceOptions));
        if (ace.isEmpty() || !isPlainAscii(ace)) {
            return Error::invalid(field, input,
                                  Validator::tr("is not a valid internationalised domain name"));
        }
        if (QUrl::fromAce(ace.toLatin1(), aceOptions) != lower) {
            return Error::invalid(
                field, input,
                Validator::tr("contains characters that IDNA maps to other characters "
                              "(fullwidth or compatibility forms, ignorable characters, "
                              "decomposed accents or dots other than '.'); "
                              "type the name as it should appear"));
        }
    }

    if (ace.size() + (wildcardLabel ? 2 : 0) > maxHostnameLength)
        return Error::invalid(field, input, Validator::tr("is longer than 253 characters"));

    const QStringList labels = ace.split(QLatin1Char('.'));
    const bool underscore = kind == NameKind::TsigName;
    for (const QString &label : labels) {
        const QString problem = labelProblem(label, underscore);
        if (!problem.isEmpty())
            return Error::invalid(field, input, problem);
    }
    // Punycode labels must decode to acceptable Unicode and encode back to
    // themselves, whichever way the user typed them.
    for (const QString &label : labels) {
        if (!label.startsWith(QLatin1String("xn--")))
            continue;
        const QString decoded = QUrl::fromAce(label.toLatin1(), aceOptions);
        if (decoded == label || decoded.contains(QLatin1Char('.')) ||
            QUrl::toAce(decoded, aceOptions) != label.toLatin1()) {
            return Error::invalid(field, input,
                                  Validator::tr("contains an invalid punycode label"));
        }
        if (const QString problem = unicodeLabelProblem(decoded); !problem.isEmpty())
            return Error::invalid(field, input, problem);
    }

    const bool needsTwoLabels = kind == NameKind::Fqdn || kind == NameKind::Zone;
    if (needsTwoLabels && labels.size() < 2) {
        return Error::invalid(field, input,
                              Validator::tr("must be a fully qualified name such as "
                                            "www.example.com"));
    }
    if (kind != NameKind::TsigName && looksNumeric(labels.last())) {
        return Error::invalid(field, input,
                              Validator::tr("the last label may not be a number (it would be "
                                            "read as an IP address)"));
    }
    return wildcardLabel ? QStringLiteral("*.") + ace : ace;
}

} // namespace kokoa::detail
