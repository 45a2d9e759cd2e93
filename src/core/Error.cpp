#include "core/Error.h"

namespace kokoa {

Error Error::invalid(const QString &field, const QString &value, const QString &rule)
{
    return Error(Kind::InvalidInput,
                 tr("%1: %2 is not valid: %3").arg(field, quoteForMessage(value), rule), field,
                 value);
}

Error Error::prefixed(const QString &context) const
{
    return Error(m_kind, context + QStringLiteral(": ") + m_message, m_field, m_value)
        .withRetryAfter(m_retryAfterMs);
}

QString quoteForMessage(const QString &value)
{
    constexpr qsizetype maxShown = 80;
    QString out = QStringLiteral("\"");
    const QString shown = value.left(maxShown);
    for (const QChar c : shown) {
        const char16_t u = c.unicode();
        if (u == u'"' || u == u'\\') {
            out += QLatin1Char('\\') + c;
        } else if (u >= 0x20 && u < 0x7f) {
            out += c;
        } else {
            out += QStringLiteral("\\u%1").arg(uint(u), 4, 16, QLatin1Char('0'));
        }
    }
    out += QLatin1Char('"');
    if (value.size() > maxShown)
        out += Error::tr("… (%1 characters)").arg(value.size());
    return out;
}

} // namespace kokoa
