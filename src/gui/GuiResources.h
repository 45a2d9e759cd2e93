#pragma once

namespace kokoa::gui {

// Registers the window's embedded resources (icons, :/icons/…). They live in
// a static library, whose unreferenced resource objects the linker would
// drop: every shell calls this once before it shows a widget.
void registerResources();

} // namespace kokoa::gui
