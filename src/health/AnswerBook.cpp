#include "health/AnswerBook.h"

namespace kokoa {

bool AnswerBook::set(const QString &hostname, const QSet<QString> &edges)
{
    const auto it = m_answers.constFind(hostname);
    const bool changed = it == m_answers.constEnd() || *it != edges;
    m_answers.insert(hostname, edges);
    return changed;
}

void AnswerBook::retain(const QSet<QString> &hostnames)
{
    for (auto it = m_answers.begin(); it != m_answers.end();) {
        if (hostnames.contains(it.key()))
            ++it;
        else
            it = m_answers.erase(it);
    }
}

QStringList AnswerBook::sorted(const QSet<QString> &edges)
{
    QStringList list(edges.begin(), edges.end());
    list.sort();
    return list;
}

} // namespace kokoa
