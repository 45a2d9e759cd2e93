#pragma once

#include <QString>

// Character-level rules shared by the validators. Internal to kokoa_validate.
namespace kokoa::detail {

// Longer raw input is refused before any parsing.
constexpr qsizetype maxRawInput = 1024;

// Whole-string match of a pattern literal from kokoa_validate; compiled once
// per pattern and thread (thread_local cache, no locking).
bool matches(const QString &pattern, const QString &input);
// Printable ASCII only: no space, no control character.
bool isPlainAscii(const QString &input);
// Control, format (invisible, bidi), space, separator, private-use,
// unassigned or surrogate characters, or invalid UTF-16.
bool hasDeceptiveCharacters(const QString &input);

} // namespace kokoa::detail
