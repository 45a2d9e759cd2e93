#pragma once

#include <QStringList>
#include <QTextStream>

namespace kokoa::cli {

// kokoactl as a function: the executable's main() and the tests both call
// this, so the tests exercise exactly the code a user runs.
class Cli final
{
public:
    // args excludes the program name.
    static int run(const QStringList &args, QTextStream &out, QTextStream &err);
    static QString helpText();
};

} // namespace kokoa::cli
