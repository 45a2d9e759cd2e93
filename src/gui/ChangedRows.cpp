#include "gui/ChangedRows.h"

namespace kokoa::gui {

int ChangedRows::signal(QAbstractItemModel &model, int rows, int columns,
                        const std::function<bool(int row)> &changed)
{
    int count = 0;
    int first = -1; // the start of the current run of changed rows
    for (int row = 0; row <= rows; ++row) {
        const bool isChanged = row < rows && changed(row);
        if (isChanged) {
            ++count;
            if (first < 0)
                first = row;
            continue;
        }
        if (first >= 0) {
            emit model.dataChanged(model.index(first, 0), model.index(row - 1, columns - 1));
            first = -1;
        }
    }
    return count;
}

} // namespace kokoa::gui
