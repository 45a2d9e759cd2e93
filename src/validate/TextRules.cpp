#include "validate/TextRules.h"

#include <QHash>
#include <QRegularExpression>

namespace kokoa::detail {

bool matches(const QString &pattern, const QString &input)
{
    // Patterns are literals from this file; compiled once per pattern and thread.
    thread_local QHash<QString, QRegularExpression> cache;
    auto it = cache.find(pattern);
    if (it == cache.end()) {
        it =
            cache.insert(pattern, QRegularExpression(QRegularExpression::anchoredPattern(pattern)));
    }
    return it->match(input).hasMatch();
}

bool isPlainAscii(const QString &input)
{
    for (const QChar c : input) {
        if (c.unicode() < 0x21 || c.unicode() > 0x7e)
            return false;
    }
    return true;
}

// Characters that are invisible, change direction, or are not meant for
// text. IDNA mapping would drop or tolerate some of them, which lets two
// different-looking inputs name the same host.
bool hasDeceptiveCharacters(const QString &input)
{
    for (const QChar c : input) {
        switch (c.category()) {
        case QChar::Other_Control:
        case QChar::Other_Format:
        case QChar::Other_Surrogate:
        case QChar::Other_PrivateUse:
        case QChar::Other_NotAssigned:
        case QChar::Separator_Space:
        case QChar::Separator_Line:
        case QChar::Separator_Paragraph:
            return true;
        default:
            break;
        }
    }
    return !input.isValidUtf16();
}

} // namespace kokoa::detail
