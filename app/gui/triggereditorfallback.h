// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "triggereditor.h"

class QPlainTextEdit;

namespace Lwb {

/**
 * The editor for trigger types whose plugin has no UI half: the Properties as JSON text,
 * validated by the plugin's core half as one types. GUI thread.
 */
class TriggerEditorFallback : public TriggerEditor
{
    Q_OBJECT

public:
    TriggerEditorFallback(const TriggerFactory *factory, const QString &eventType,
                          QWidget *parent = nullptr);

    void setConfiguration(const nlohmann::json &properties) override;
    /** The parsed text; null while it is not valid JSON (inputErrors() says why). */
    nlohmann::json configuration() const override;

    QPlainTextEdit *textEdit() const { return m_text; }

protected:
    QStringList inputErrors() const override;

private:
    QPlainTextEdit *m_text;
};

} // namespace Lwb
