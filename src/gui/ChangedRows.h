#pragma once

#include <QAbstractItemModel>

#include <functional>

namespace kokoa::gui {

// Tells a table's views which of its rows changed with a new report, as few
// contiguous ranges: a view repaints those rows and nothing else, and a
// report that changes nothing costs no repaint at all. The dashboard gets a
// report every second; most of them change nothing.
class ChangedRows final
{
public:
    // changed(row) says whether the row's shown contents changed. Emits the
    // model's dataChanged for each run of changed rows over every column.
    // Returns how many rows changed.
    static int signal(QAbstractItemModel &model, int rows, int columns,
                      const std::function<bool(int row)> &changed);
};

} // namespace kokoa::gui
