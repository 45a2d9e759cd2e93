#pragma once

#include "store/Database.h"

namespace kokoa {

// The database schema as an ordered list of forward migrations. A released
// migration is never edited: a change is a new entry at the end, with a
// fixture for the previous version under tests/data/schema/.
class Schema final
{
public:
    static const QList<Migration> &migrations();
};

} // namespace kokoa
