// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "settings.h"

#include <QtGui/QPalette>

namespace Lwb {

/**
 * Applies a colour theme to the application: System leaves the platform's style and palette
 * (so the workbench follows the desktop's light or dark setting), Light and Dark use Fusion
 * with a fixed palette. Widgets that paint their own colours read the palette and repaint on
 * QEvent::PaletteChange. GUI thread.
 */
class ThemeManager
{
public:
    static void apply(Theme theme);
    static Theme current() { return s_current; }
    /** Whether @p palette is a dark one (dark window background). */
    static bool isDark(const QPalette &palette);
    static QPalette darkPalette();
    static QPalette lightPalette();

private:
    static inline Theme s_current = Theme::System;
};

} // namespace Lwb
