// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace Lwb {

/** QUndoCommand::id() of the commands that merge with their predecessor; one enum for all. */
enum class CommandId {
    ChangeFunctionProperty = 1,
};

} // namespace Lwb
