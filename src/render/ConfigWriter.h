#pragma once

#include <QByteArray>
#include <QString>

namespace kokoa::render {

// Builds an indented, brace-structured configuration text (nginx, nft) one
// line at a time. Values are never escaped here: callers pass only values
// that went through RenderGuard.
class ConfigWriter final
{
public:
    explicit ConfigWriter(int indentWidth = 4)
        : m_indentWidth(indentWidth)
    {}

    void line(const QString &text)
    {
        m_text += QString(m_depth * m_indentWidth, QLatin1Char(' '));
        m_text += text;
        m_text += QLatin1Char('\n');
    }
    void blank() { m_text += QLatin1Char('\n'); }
    void open(const QString &head)
    {
        line(head + QLatin1String(" {"));
        ++m_depth;
    }
    void close()
    {
        --m_depth;
        line(QStringLiteral("}"));
    }

    QByteArray toUtf8() const { return m_text.toUtf8(); }

private:
    QString m_text;
    int m_depth = 0;
    int m_indentWidth;
};

} // namespace kokoa::render
